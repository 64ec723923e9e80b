/// What the renamer needs to know besides the scope tree, read off the scope analysis in one linear pass.
struct RenameFacts {
    /// Per declaration: 1 (the binding) + the references that resolve to it.
    var uses: [Int]
    /// Names used but not declared: globals and host names, never handed out.
    var freeNames: Set<String> = []
    /// Scopes that hold a direct `eval(…)` or a `with` statement.
    var dynamicSites: Set<Int> = []
    /// (class-scope name of a class declaration, its outer binding): printed as one name.
    var aliases: [(inner: Int, outer: Int)] = []
    /// Exported module bindings.
    var keptDeclarations: Set<Int> = []
    /// Own names of function and class expressions (dropped when nothing else uses them).
    var droppableExpressionNames: [Int] = []

    init(analysis: ScopeAnalysis, program: Program) {
        uses = [Int](repeating: 1, count: analysis.declarations.count)
        for reference in analysis.references {
            if let declaration = reference.declaration {
                uses[declaration] += 1
            } else {
                freeNames.insert(reference.name)
                if reference.name == "eval" { dynamicSites.insert(reference.scope) }
            }
        }
        // `with` leaves no reference behind: the innermost scopes marked as dynamic are sites too.
        for (index, scope) in analysis.scopes.enumerated() where scope.hasDynamicLookup {
            if !scope.children.contains(where: { analysis.scopes[$0].hasDynamicLookup }) { dynamicSites.insert(index) }
        }
        for (index, scope) in analysis.scopes.enumerated() {
            switch scope.kind {
            case .class:
                for (name, declaration) in scope.declarations where analysis.declarations[declaration].kind == .class {
                    if let parent = scope.parent, let outer = analysis.scopes[parent].declarations[name],
                        analysis.declarations[outer].kind == .class, analysis.declarations[outer].offset == analysis.declarations[declaration].offset
                    {
                        aliases.append((declaration, outer))
                    } else {
                        droppableExpressionNames.append(declaration)
                    }
                }
            case .function:
                // A function expression declares its own name first, right before `arguments`.
                if let arguments = scope.declarations["arguments"], arguments > 0, analysis.declarations[arguments].kind == .arguments,
                    analysis.declarations[arguments - 1].scope == index, analysis.declarations[arguments - 1].kind == .function
                {
                    droppableExpressionNames.append(arguments - 1)
                }
            default:
                break
            }
        }
        if program.goal == .module {
            for statement in program.body {
                for name in RenameFacts.exportedBindings(statement) {
                    if let declaration = analysis.scopes[0].declarations[name] { keptDeclarations.insert(declaration) }
                }
            }
        }
        aliases.sort { ($0.inner, $0.outer) < ($1.inner, $1.outer) }
        droppableExpressionNames.sort()
    }

    static func exportedBindings(_ statement: Statement) -> [String] {
        switch statement.kind {
        case .exportDeclaration(let declaration):
            switch declaration.kind {
            case .function(let function): return function.name.map { [$0] } ?? []
            case .class(let classNode): return classNode.name.map { [$0] } ?? []
            case .variable(let variables): return variables.declarators.flatMap { RenameWalker.boundNames($0.target) }
            default: return []
            }
        case .exportNamed(let declaration) where declaration.source == nil:
            return declaration.specifiers.compactMap { if case .identifier(let name) = $0.local { name } else { nil } }
        case .exportDefaultFunction(let function):
            return function.name.map { [$0] } ?? []
        case .exportDefaultClass(let classNode):
            return classNode.name.map { [$0] } ?? []
        default:
            return []
        }
    }
}
