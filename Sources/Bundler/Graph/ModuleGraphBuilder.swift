import Diagnostics
import FileSystemSupport
import JavaScript
import OrderedJSON
import ThreadSupport

/// Resolves and parses every module reachable from an entry.
///
/// Modules are discovered breadth-first: the entry requests get the first ids, then each module's requests
/// are resolved in source order. Reading, parsing, scope analysis and resolving run on `LargeStackWorkers` as
/// soon as a module is found, but ids are assigned from the results taken in id order, so the graph is the
/// same on every run.
public struct ModuleGraphBuilder: Sendable {
    public let resolver: ModuleResolver

    public init(resolver: ModuleResolver) {
        self.resolver = resolver
    }

    /// Builds the graph; warnings (resolver findings, computed requires) go to `diagnostics`. Fails with every
    /// missing module, unreadable file and syntax error found (not only the first).
    public func build(_ entry: EntryPoint, diagnostics: DiagnosticCollector) -> Result<ModuleGraph, DiagnosticError> {
        var failures: [Diagnostic] = []
        var modules: [GraphModule] = []
        var idsByPath: [String: Int] = [:]
        var entryIDs: [Int] = []

        func register(_ resolved: ResolvedModule) -> Int {
            if let id = idsByPath[resolved.path] { return id }
            let id = modules.count
            idsByPath[resolved.path] = id
            modules.append(GraphModule(id: id, resolved: resolved, kind: .empty, source: []))
            diagnostics.emit(contentsOf: resolved.warnings)
            return id
        }

        switch resolver.resolve(entry) {
        case .success(let resolvedEntry):
            entryIDs = resolvedEntry.modules.map(register)
        case .failure(let error):
            return .failure(error)
        }

        // Each module is loaded (read, parsed, analysed, its requests resolved) on the workers as soon as any loaded
        // module's requests name it, before it has an id: every file a request resolves to is in the graph, whichever
        // importer gets to register it. Results are used in id order, so ids (breadth-first, requests in source
        // order) and diagnostics are the same whatever the scheduling.
        let resolver = self.resolver
        LargeStackWorkers<ResolvedModule, Result<LoadedModule, DiagnosticError>>.with(work: { resolved in
            let placeholder = GraphModule(id: 0, resolved: resolved, kind: .empty, source: [])
            return Self.load(placeholder, resolver: resolver).map { Self.resolveRequests($0, resolver: resolver) }
        }) { workers in
            var ticketsByPath: [String: Int] = [:]
            var unused: [Int: Result<LoadedModule, DiagnosticError>] = [:]
            func submitOnce(_ resolved: ResolvedModule) -> Int {
                if let ticket = ticketsByPath[resolved.path] { return ticket }
                let ticket = workers.submit(resolved)
                ticketsByPath[resolved.path] = ticket
                return ticket
            }
            for module in modules { _ = submitOnce(module.resolved) }
            var id = 0
            while id < modules.count {
                let ticket = submitOnce(modules[id].resolved)
                while unused[ticket] == nil, let (finished, output) = workers.takeAny() {
                    unused[finished] = output
                    guard case .success(let loaded) = output else { continue }
                    for case .success(let resolved) in loaded.resolutions { _ = submitOnce(resolved) }
                }
                switch unused.removeValue(forKey: ticket) ?? workers.take(ticket) {
                case .failure(let error):
                    failures.append(contentsOf: error.diagnostics)
                case .success(let loaded):
                    let placeholder = modules[id]
                    modules[id] = loaded.module
                    // The module as registered: its id, and the resolution (with its warnings) that registered it.
                    modules[id].id = id
                    modules[id].resolved = placeholder.resolved
                    diagnostics.emit(contentsOf: loaded.warnings)
                    var failedKeys: Set<DependencyKey> = []
                    for (request, resolution) in zip(loaded.requests, loaded.resolutions) {
                        let key = DependencyKey(specifier: request.specifier, isRequire: request.isRequire)
                        if modules[id].dependencies[key] != nil || failedKeys.contains(key) { continue }
                        switch resolution {
                        case .success(let resolved):
                            modules[id].dependencies[key] = register(resolved)
                            modules[id].dependencyOrder.append(key)
                        case .failure(let error):
                            failedKeys.insert(key)
                            failures.append(error.diagnostic)
                        }
                    }
                }
                id += 1
            }
        }
        if !failures.isEmpty { return .failure(DiagnosticError(failures)) }
        return .success(ModuleGraph(entry: entry, modules: modules, entryModuleIDs: entryIDs))
    }

    struct Request {
        var specifier: String
        var isRequire: Bool
        var offset: Int
    }

    struct LoadedModule {
        var module: GraphModule
        var requests: [Request]
        /// One per request (a repeated request is resolved once and its result repeated).
        var resolutions: [Result<ResolvedModule, ResolutionError>] = []
        var warnings: [Diagnostic]
    }

    static func resolveRequests(_ loaded: LoadedModule, resolver: ModuleResolver) -> LoadedModule {
        var result = loaded
        if loaded.requests.isEmpty { return result }
        var seen: [DependencyKey: Result<ResolvedModule, ResolutionError>] = [:]
        let lines = LineStarts(loaded.module.source)
        let path = loaded.module.path
        let directory = PathComponents.dirname(path)
        result.resolutions = loaded.requests.map { request in
            let key = DependencyKey(specifier: request.specifier, isRequire: request.isRequire)
            if let known = seen[key] { return known }
            let position = lines.position(of: request.offset)
            // `ImporterLocation.file(path, line:column:)`, with the directory taken once per module.
            let importer = ImporterLocation(
                file: path, directory: directory, requestLocation: .file(path, line: position.line, column: position.column))
            let resolution = resolver.resolve(request.specifier, from: importer, kind: request.isRequire ? .require : .importStatement)
            seen[key] = resolution
            return resolution
        }
        return result
    }

    static func load(_ placeholder: GraphModule, resolver: ModuleResolver) -> Result<LoadedModule, DiagnosticError> {
        var module = placeholder
        let resolved = module.resolved
        switch resolver.readSource(of: resolved) {
        case .success(let bytes): module.source = bytes
        case .failure(let error): return .failure(DiagnosticError(error.diagnostic))
        }
        switch resolved.format {
        case .empty:
            module.kind = .empty
            return .success(LoadedModule(module: module, requests: [], warnings: []))
        case .json:
            module.kind = .json
            do {
                module.json = try JSONParser.parse(bytes: module.source)
            } catch {
                return .failure(
                    DiagnosticError(
                        Diagnostic(
                            .jsonModuleInvalid, "\(error.message)", at: .file(resolved.path, line: error.line, column: error.column),
                            fix: "fix the JSON file, or reinstall the package that ships it")))
            }
            return .success(LoadedModule(module: module, requests: [], warnings: []))
        case .esm, .commonJS:
            do {
                let program = try parse(module.source, path: resolved.path, declared: resolved.format)
                module.program = program
                module.kind = program.goal == .module ? .esm : .commonJS
                let scope = ScopeAnalysis.analyze(program)
                module.scope = scope
                let found = RequestCollector.collect(program, scope: scope, path: resolved.path, source: module.source)
                module.requireCallOffsets = found.requireCallOffsets
                return .success(LoadedModule(module: module, requests: found.requests, warnings: found.warnings))
            } catch {
                return .failure(DiagnosticError(error.diagnostic))
            }
        }
    }

    /// Declared ESM parses as a module; a CommonJS-format file is tried as a module first only when it may
    /// contain import/export declarations, and stays CommonJS unless it really has them (`javascript/auto`).
    static func parse(_ source: [UInt8], path: String, declared: ModuleFormat) throws(JavaScriptSyntaxError) -> Program {
        if declared == .esm { return try JavaScriptParser.parse(source: source, fileName: path, goal: .module) }
        if ModuleSyntaxDetection.mayContainModuleDeclarations(source),
            let program = try? JavaScriptParser.parse(source: source, fileName: path, goal: .module), program.hasModuleSyntax
        {
            return program
        }
        do {
            return try JavaScriptParser.parse(source: source, fileName: path, goal: .commonJS)
        } catch {
            // The cheap scan can miss a declaration (e.g. right after a comment); the module parse decides.
            if let program = try? JavaScriptParser.parse(source: source, fileName: path, goal: .module), program.hasModuleSyntax {
                return program
            }
            throw error
        }
    }
}
