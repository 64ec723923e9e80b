/// Every declaration of each name, to find the one a name refers to from some scope while hashing the name once
/// (instead of once per scope on the way out).
struct DeclarationsByName {
    /// The last declaration of each name.
    private var newest: [String: Int] = [:]
    /// Per declaration: the declaration of the same name before it (-1 when none), and its scope.
    private var previous: [Int] = []
    private var scopeOf: [Int] = []

    init(_ analysis: ScopeAnalysis) {
        previous.reserveCapacity(analysis.declarations.count)
        scopeOf.reserveCapacity(analysis.declarations.count)
        for (index, declaration) in analysis.declarations.enumerated() {
            previous.append(newest.updateValue(index, forKey: declaration.name) ?? -1)
            scopeOf.append(declaration.scope)
        }
    }

    /// The declaration of `name` in `scope` or in the nearest scope around it that declares it (a scope declares
    /// a name at most once).
    func resolve(_ name: String, from scope: Int?, in scopes: [ScopeAnalysis.Scope]) -> Int? {
        guard let last = newest[name] else { return nil }
        var current = scope
        while let index = current {
            var candidate = last
            while candidate >= 0 {
                if scopeOf[candidate] == index { return candidate }
                candidate = previous[candidate]
            }
            current = scopes[index].parent
        }
        return nil
    }
}
