import Diagnostics
import Encodings
import FileSystemSupport
import JavaScript
import ThreadSupport

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
    /// `BundleOptions.mode`), with `additionalModuleDirectories` searched as NODE_PATH and the bare requests of
    /// `moduleFiles` resolved to the files given.
    public init(
        fileSystem: any FileSystem, mode: ResolverOptions.Mode = .production, additionalModuleDirectories: [String] = [],
        moduleFiles: [String: String] = [:]
    ) {
        self.resolver = ModuleResolver(
            fileSystem: fileSystem,
            options: .webworker(mode: mode, additionalModuleDirectories: additionalModuleDirectories, moduleFiles: moduleFiles))
    }

    public func build(entry: EntryPoint, options: BundleOptions, diagnostics: DiagnosticCollector) throws(DiagnosticError) -> WorkerBundle {
        // Every syntax tree of the build is walked, and freed, on a thread with room for the deepest of them.
        try LargeStackThread.run { () throws(DiagnosticError) -> WorkerBundle in
            var built = try buildOnLargeStack(entry: entry, options: options, diagnostics: diagnostics)
            Self.releaseTrees(&built.graph, &built.linked)
            return built.bundle
        }
    }

    /// Frees each module's parsed and linked syntax trees on every processor (freeing a large build's trees on
    /// one thread takes about as long as printing them). Called once nothing else holds the trees.
    static func releaseTrees(_ graph: inout ModuleGraph, _ linked: inout [LinkedModule]) {
        var modules: [GraphModule] = []
        var linkedModules: [LinkedModule] = []
        swap(&modules, &graph.modules)
        swap(&linkedModules, &linked)
        var trees: [(GraphModule, LinkedModule?)] = []
        trees.reserveCapacity(modules.count)
        // Paired only to share them out (hoisted groups make fewer linked modules than graph modules).
        while let module = modules.popLast() { trees.append((module, linkedModules.popLast())) }
        ParallelRelease.release(consume trees)
    }

    /// The bundle, with the graph and linked modules for `releaseTrees`.
    private func buildOnLargeStack(entry: EntryPoint, options: BundleOptions, diagnostics: DiagnosticCollector) throws(DiagnosticError)
        -> (bundle: WorkerBundle, graph: ModuleGraph, linked: [LinkedModule])
    {
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
            graph: graph, tables: tables, defines: options.defines, nodeEnvironment: options.mode.rawValue,
            readsDeployTimeSlot: options.deployTimeConfig)
        // Scope hoisting: a root links the modules concatenated into it, as a group (module by module if the
        // group cannot be renamed safely). Source maps are per module, so they turn hoisting off.
        let plan = options.sourceMap ? HoistingPlan() : HoistingPlan(graph: graph, tables: tables)
        let roots = plan.members.keys.sorted()
        let groups = roots.isEmpty ? [] : LargeStackWorkers<Int, (HoistedGroupLinker, [Int: HoistedLinking]?)>.with(work: { root in
            var group = HoistedGroupLinker(linker: linker, root: root, members: plan.members[root] ?? [])
            let linkings = group.prepare()
            return (group, linkings)
        }) { workers in workers.map(roots) }
        var allLinkings: [Int: HoistedLinking] = [:]
        for (_, groupLinkings) in groups { allLinkings.merge(groupLinkings ?? [:]) { first, _ in first } }
        let linkings = allLinkings
        // Every module on the workers: on its own, or as part of its group's function.
        var linked = LargeStackWorkers<Int, LinkedModule?>.with(work: { id -> LinkedModule? in
            guard let linking = linkings[id] else { return plan.rootOf[id] == nil ? linker.link(graph.modules[id]) : nil }
            return linker.linkHoisted(graph.modules[id], linking)
        }) { workers in workers.map(Array(graph.modules.indices)) }
        for (group, _) in groups {
            let ids = group.group.sorted()
            var members: [Int: LinkedModule] = [:]
            for id in ids { members[id] = linked[id] }
            // A module that could not be renamed safely: the whole group is linked module by module.
            let assembled = members.count == ids.count ? group.assemble(members) : nil
            for module in assembled ?? ids.map({ linker.link(graph.modules[$0]) }) { linked[module.id] = module }
        }

        var sites: [DefineValidation.Site] = []
        var warnings: [Diagnostic] = []
        var freeNames: Set<String> = []
        let linkedModules = linked.compactMap { $0 }
        for module in linkedModules {
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
        var defineDiagnostics = DefineValidation.diagnostics(defines: options.defines, sites: sites)
        if options.deployTimeConfig { defineDiagnostics = DeployTimeConfigSlot.strict(defineDiagnostics) }
        let errors = defineDiagnostics.filter { $0.severity == .error } + Self.unwrappableModules(graph, linkedModules)
        diagnostics.emit(contentsOf: warnings + defineDiagnostics.filter { $0.severity != .error })
        if !errors.isEmpty { throw DiagnosticError(errors) }

        var slot: DeployTimeConfigSlot?
        if options.deployTimeConfig {
            // The values run in the slot, outside the runtime's function: only the slot's name must stay visible,
            // and the rest of the bundle does not depend on the values.
            freeNames.insert(DeployTimeConfigSlot.variableName)
            slot = Self.deployTimeConfigSlot(sites: sites, graph: graph, defines: options.defines)
        } else {
            // Define code is inserted into modules, so the names it reads must not be hidden by the runtime either.
            freeNames.formUnion(options.defines.identifierLikeWords)
        }
        let emitter = BundleEmitter(graph: graph, runtime: BundleRuntime(freeNamesOfModules: freeNames), options: options, slot: slot)
        return (emitter.emit(linkedModules), graph, linkedModules)
    }

    /// The slot with the build's values and every read, located as in the source map (relative to the context).
    static func deployTimeConfigSlot(sites: [DefineValidation.Site], graph: ModuleGraph, defines: DefineSet) -> DeployTimeConfigSlot {
        let reads = sites.map { site in
            let position = TextPosition(of: max(0, site.read.offset), in: site.source)
            let file = site.path.hasPrefix("/") ? PathComponents.relative(site.path, from: graph.entry.contextDirectory) : site.path
            return DeployTimeConfigSlot.Read(path: site.read.path, file: file, line: position.line, column: position.column)
        }
        return DeployTimeConfigSlot(reads: reads, defines: defines)
    }

    /// ES modules that do not parse once wrapped in the module function: top-level `await` and `import.meta`
    /// (what the parser accepts in a module but not in a function), checked only where the source mentions them.
    static func unwrappableModules(_ graph: ModuleGraph, _ linked: [LinkedModule]) -> [Diagnostic] {
        let markers = [Array("await".utf8), Array("import.meta".utf8)]
        return linked.compactMap { module -> Diagnostic? in
            let source = graph.modules[module.id].source
            guard graph.modules[module.id].kind == .esm, case .program(let program) = module.body,
                source.indices.contains(where: { index in markers.contains { source[index...].starts(with: $0) } })
            else { return nil }
            let printed = JavaScriptPrinter.print(program, options: .minifiedWhitespace)
            do {
                _ = try JavaScriptParser.parse(source: "function f(){" + printed + "\n}", fileName: graph.modules[module.id].path, goal: .script)
                return nil
            } catch {
                return Diagnostic(
                    .moduleCannotBeWrapped,
                    "this ES module cannot run inside the bundle's module function (top-level `await` and `import.meta` are not supported): \((error as? JavaScriptSyntaxError)?.message ?? "\(error)")",
                    at: .file(graph.modules[module.id].path),
                    fix: "move a top-level `await` into an async function that the module calls; replace `import.meta` (e.g. by self.location)")
            }
        }
    }
}
