import JavaScript

/// What an ES module exports, known before any code runs: each name and where its value lives.
struct ExportTable: Sendable {
    enum Origin: Sendable, Hashable {
        /// A binding of module `module` named `local` there (after following re-exports).
        case binding(module: Int, local: String)
        /// The namespace object of module `module` (`export * as ns`, or re-exporting an `import * as`).
        case namespace(module: Int)
        /// A property of a non-ESM module's exports (names are only known at run time).
        case property(module: Int, name: String)
    }

    /// Names in the order the module declares them (local and explicit re-exports first, then star names).
    var names: [String] = []
    var origins: [String: Origin] = [:]
    /// Non-ESM modules whose properties `export *` copies at run time.
    var dynamicStarSources: [Int] = []
    /// Names left out because two `export *` give different bindings (spec: ambiguous).
    var ambiguous: [String] = []
    /// For names that come from `export *`: the module of the `export * from` that provides them.
    var starSource: [String: Int] = [:]

    mutating func add(_ name: String, _ origin: Origin) {
        if origins[name] == nil { names.append(name) }
        origins[name] = origin
    }
}

/// Computes export tables for the ES modules of a graph, following `export … from` and `export *`.
struct ExportTables {
    let graph: ModuleGraph
    private var tables: [Int: ExportTable] = [:]
    private var inProgress: Set<Int> = []

    init(graph: ModuleGraph) {
        self.graph = graph
    }

    /// The table of module `id` (nil when it is not an ES module).
    mutating func table(_ id: Int) -> ExportTable? {
        let module = graph.modules[id]
        guard module.kind == .esm, let program = module.program else { return nil }
        if let table = tables[id] { return table }
        // A cycle of `export *`: the part being computed contributes nothing more (as the spec's exportStarSet).
        if inProgress.contains(id) { return ExportTable() }
        inProgress.insert(id)
        defer { inProgress.remove(id) }

        var table = ExportTable()
        let importOrigins = importBindingOrigins(module, program)
        for statement in program.body {
            switch statement.kind {
            case .exportDeclaration(let declaration):
                for name in ExportTables.declaredNames(declaration) { table.add(name, .binding(module: id, local: name)) }
            case .exportDefaultExpression, .exportDefaultFunction, .exportDefaultClass:
                table.add("default", .binding(module: id, local: "default"))
            case .exportNamed(let declaration):
                if let source = declaration.source {
                    guard let target = module.dependencies[DependencyKey(specifier: source.string, isRequire: false)] else { continue }
                    for specifier in declaration.specifiers {
                        table.add(specifier.exported.name, origin(of: specifier.local.name, in: target))
                    }
                } else {
                    for specifier in declaration.specifiers {
                        let local = specifier.local.name
                        table.add(specifier.exported.name, importOrigins[local] ?? .binding(module: id, local: local))
                    }
                }
            case .exportAll(let declaration):
                guard let alias = declaration.alias,
                    let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
                else { continue }
                table.add(alias.name, .namespace(module: target))
            default:
                break
            }
        }
        // Star exports: explicit names win; a name from two stars with different origins is ambiguous.
        var starOrigins: [String: ExportTable.Origin] = [:]
        var starOrder: [String] = []
        var ambiguous: Set<String> = []
        for statement in program.body {
            guard case .exportAll(let declaration) = statement.kind, declaration.alias == nil,
                let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
            else { continue }
            guard let targetTable = self.table(target) else {
                if graph.modules[target].kind != .esm { table.dynamicStarSources.append(target) }
                continue
            }
            table.dynamicStarSources.append(contentsOf: targetTable.dynamicStarSources)
            for name in targetTable.names where name != "default" && table.origins[name] == nil {
                guard let origin = targetTable.origins[name] else { continue }
                if let existing = starOrigins[name] {
                    if existing != origin { ambiguous.insert(name) }
                } else {
                    starOrigins[name] = origin
                    starOrder.append(name)
                    table.starSource[name] = target
                }
            }
        }
        for name in starOrder {
            if ambiguous.contains(name) { continue }
            if let origin = starOrigins[name] { table.add(name, origin) }
        }
        table.ambiguous = starOrder.filter(ambiguous.contains)
        var seen: Set<Int> = []
        table.dynamicStarSources = table.dynamicStarSources.filter { seen.insert($0).inserted }
        tables[id] = table
        return table
    }

    /// Where `name` of module `target` lives: its own table for ESM, a property for anything else.
    mutating func origin(of name: String, in target: Int) -> ExportTable.Origin {
        if let table = table(target) {
            if let origin = table.origins[name] { return origin }
            return .binding(module: target, local: name)
        }
        return .property(module: target, name: name)
    }

    /// Locals that are import bindings, with where their values live (so `export { imported }` re-exports).
    mutating func importBindingOrigins(_ module: GraphModule, _ program: Program) -> [String: ExportTable.Origin] {
        var result: [String: ExportTable.Origin] = [:]
        for statement in program.body {
            guard case .import(let declaration) = statement.kind,
                let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
            else { continue }
            if let name = declaration.defaultBinding { result[name] = origin(of: "default", in: target) }
            if let name = declaration.namespaceBinding { result[name] = .namespace(module: target) }
            for specifier in declaration.namedBindings ?? [] { result[specifier.local] = origin(of: specifier.imported.name, in: target) }
        }
        return result
    }

    static func declaredNames(_ declaration: Statement) -> [String] {
        switch declaration.kind {
        case .variable(let variables): return variables.declarators.flatMap { patternNames($0.target) }
        case .function(let function): return function.name.map { [$0] } ?? []
        case .class(let classNode): return classNode.name.map { [$0] } ?? []
        default: return []
        }
    }

    static func patternNames(_ pattern: Pattern) -> [String] {
        switch pattern.kind {
        case .identifier(let name): return [name]
        case .array(let elements, let rest):
            return elements.compactMap { $0 }.flatMap { patternNames($0.target) } + (rest.map(patternNames) ?? [])
        case .object(let properties, let rest):
            return properties.flatMap { patternNames($0.value.target) } + (rest.map(patternNames) ?? [])
        }
    }
}
