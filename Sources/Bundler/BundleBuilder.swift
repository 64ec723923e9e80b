import Diagnostics
import Dispatch
import FileSystemSupport

/// Builds one worker bundle: module graph → linking (with defines) → emit.
///
/// Warnings go to the collector; a problem that makes the bundle wrong (a missing module, a syntax error,
/// a JS_ENV_EXTRA_CONFIG key the worker reads but the config lacks, …) throws, with every such problem found.
public struct BundleBuilder: Sendable {
    public let resolver: ModuleResolver

    public init(resolver: ModuleResolver) {
        self.resolver = resolver
    }

    /// The edx-platform worker build over `fileSystem`: webworker resolution for `mode` (which must match
    /// `BundleOptions.mode`), with `additionalModuleDirectories` searched as NODE_PATH.
    public init(fileSystem: any FileSystem, mode: ResolverOptions.Mode = .production, additionalModuleDirectories: [String] = []) {
        self.resolver = ModuleResolver(
            fileSystem: fileSystem, options: .webworker(mode: mode, additionalModuleDirectories: additionalModuleDirectories))
    }

    public func build(entry: EntryPoint, options: BundleOptions, diagnostics: DiagnosticCollector) throws(DiagnosticError) -> WorkerBundle {
        let graph: ModuleGraph
        switch ModuleGraphBuilder(resolver: resolver).build(entry, diagnostics: diagnostics) {
        case .success(let built): graph = built
        case .failure(let error): throw error
        }

        var exportTables = ExportTables(graph: graph)
        var tables: [Int: ExportTable] = [:]
        for module in graph.modules where module.kind == .esm {
            if let table = exportTables.table(module.id) { tables[module.id] = table }
        }
        let linker = ModuleLinker(
            graph: graph, tables: tables, defines: options.defines, nodeEnvironment: options.mode.rawValue)
        let slots = ResultSlots<LinkedModule>(count: graph.modules.count)
        DispatchQueue.concurrentPerform(iterations: graph.modules.count) { index in
            slots.set(index, linker.link(graph.modules[index]))
        }
        let linked = slots.values()

        var sites: [DefineValidation.Site] = []
        var warnings: [Diagnostic] = []
        var freeNames: Set<String> = []
        for module in linked {
            let graphModule = graph.modules[module.id]
            warnings.append(contentsOf: module.warnings)
            for read in module.defineFindings.reads {
                sites.append(DefineValidation.Site(path: graphModule.path, source: graphModule.source, read: read))
            }
            warnings.append(
                contentsOf: DefineValidation.leftoverProcess(
                    path: graphModule.path, source: graphModule.source, offsets: module.defineFindings.leftoverProcess))
            if let scope = graphModule.scope { freeNames.formUnion(scope.freeNames) }
        }
        let defineDiagnostics = DefineValidation.diagnostics(defines: options.defines, sites: sites)
        let errors = defineDiagnostics.filter { $0.severity == .error }
        diagnostics.emit(contentsOf: warnings + defineDiagnostics.filter { $0.severity != .error })
        if !errors.isEmpty { throw DiagnosticError(errors) }

        // Define code is inserted into modules, so the names it reads must not be hidden by the runtime either.
        freeNames.formUnion(options.defines.identifierLikeWords)
        let emitter = BundleEmitter(graph: graph, runtime: BundleRuntime(freeNamesOfModules: freeNames), options: options)
        return emitter.emit(linked)
    }
}
