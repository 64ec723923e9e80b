import JavaScript

/// Which ES modules are concatenated into another module's function instead of getting one of their own
/// (scope hoisting), and into which.
///
/// A module is hoisted when nothing can load it at run time: it is an ES module that only ES modules import,
/// statically (no `require()`, no `import()`, not an entry), and all of them lead back to one root — the nearest
/// ES module on every import path that is not hoisted itself. Left wrapped: modules with a direct `eval` (names
/// could be looked up dynamically), with `export *` from a non-ES module (names known only at run time), with
/// an assignment to an import binding (a TypeError that concatenation would turn into a write), and modules
/// whose source mentions `await` or `import.meta` (their top level may not run inside a function; the build
/// checks them as before). Source maps are per module, so a build with a source map hoists nothing.
struct HoistingPlan: Sendable {
    /// Root id → the ids hoisted into it, ascending.
    private(set) var members: [Int: [Int]] = [:]
    /// Hoisted id → its root.
    private(set) var rootOf: [Int: Int] = [:]

    init() {}

    init(graph: ModuleGraph, tables: [Int: ExportTable]) {
        let modules = graph.modules
        var participates = [Bool](repeating: false, count: modules.count)
        for id in modules.indices { participates[id] = Self.canBeConcatenated(modules[id], table: tables[id]) }

        var loadedAtRunTime = [Bool](repeating: false, count: modules.count)
        for id in graph.entryModuleIDs { loadedAtRunTime[id] = true }
        var imports = [[Int]](repeating: [], count: modules.count)
        for id in modules.indices {
            guard participates[id], let program = modules[id].program else {
                for target in modules[id].dependencies.values { loadedAtRunTime[target] = true }
                continue
            }
            let dependencies = modules[id].dependencies
            imports[id] = Self.staticImportTargets(modules[id], program)
            for (key, target) in dependencies where key.isRequire { loadedAtRunTime[target] = true }
            // `import(…)`: the syntax tree is walked for it only where the source can contain it.
            guard Self.mayCallImport(modules[id].source) else { continue }
            for reference in program.moduleReferences where reference.kind == .dynamicImport {
                if let target = dependencies[DependencyKey(specifier: reference.specifier, isRequire: false)] { loadedAtRunTime[target] = true }
            }
        }
        var hoisted = modules.indices.map { participates[$0] && !loadedAtRunTime[$0] }

        // A module reached from two roots would run in both: it stays wrapped, becomes a root, and the roots of
        // the modules below it are recomputed.
        var rootOf: [Int: Int] = [:]
        while true {
            rootOf = [:]
            var shared = Set<Int>()
            for root in modules.indices where participates[root] && !hoisted[root] {
                var seen: Set<Int> = []
                var pending = imports[root]
                while let id = pending.popLast() {
                    guard hoisted[id], id != root, seen.insert(id).inserted else { continue }
                    if let existing = rootOf[id], existing != root { shared.insert(id) }
                    rootOf[id] = root
                    pending.append(contentsOf: imports[id])
                }
            }
            if shared.isEmpty { break }
            for id in shared { hoisted[id] = false }
        }
        self.rootOf = rootOf
        for (id, root) in rootOf { members[root, default: []].append(id) }
        for root in members.keys { members[root]?.sort() }
    }

    /// Modules of `import`, `export … from` and `export * from` declarations, in source order (repeats kept).
    static func staticImportTargets(_ module: GraphModule, _ program: Program) -> [Int] {
        program.body.compactMap { statement in
            staticImportSpecifier(statement).flatMap { module.dependencies[DependencyKey(specifier: $0, isRequire: false)] }
        }
    }

    static func staticImportSpecifier(_ statement: Statement) -> String? {
        switch statement.kind {
        case .import(let declaration): declaration.source.string
        case .exportNamed(let declaration): declaration.source?.string
        case .exportAll(let declaration): declaration.source.string
        default: nil
        }
    }

    /// Whether `import` followed by `(` (after blanks) occurs in `source`; `/` after it (perhaps a comment
    /// before the parenthesis) counts too, so the answer is conservative.
    static func mayCallImport(_ source: [UInt8]) -> Bool {
        let word = Array("import".utf8)
        let blanks: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
        var index = 0
        while index + word.count <= source.count {
            if source[index] == word[0], source[index..<(index + word.count)].elementsEqual(word) {
                var next = index + word.count
                while next < source.count, blanks.contains(source[next]) { next += 1 }
                if next < source.count, source[next] == UInt8(ascii: "(") || source[next] == UInt8(ascii: "/") { return true }
            }
            index += 1
        }
        return false
    }

    static func canBeConcatenated(_ module: GraphModule, table: ExportTable?) -> Bool {
        guard module.kind == .esm, module.program != nil, let scope = module.scope, let table, table.dynamicStarSources.isEmpty,
            !scope.scopes.contains(where: \.hasDynamicLookup)
        else { return false }
        if scope.references.contains(where: { $0.isWrite && $0.declaration.map { scope.declarations[$0].kind == .import } == true }) { return false }
        return !SourceBytes.contains(module.source, "await") && !SourceBytes.contains(module.source, "import.meta")
    }
}
