/// Every declaration of each name, to find the one a name refers to from some scope while hashing the name once
/// (instead of once per scope on the way out).
struct DeclarationsByName {
    private var declarations: [String: [(scope: Int, declaration: Int)]] = [:]

    init(_ analysis: ScopeAnalysis) {
        for (index, declaration) in analysis.declarations.enumerated() {
            declarations[declaration.name, default: []].append((declaration.scope, index))
        }
    }

    /// The declaration of `name` in `scope` or in the nearest scope around it that declares it.
    func resolve(_ name: String, from scope: Int?, in scopes: [ScopeAnalysis.Scope]) -> Int? {
        guard let candidates = declarations[name] else { return nil }
        var current = scope
        while let index = current {
            for candidate in candidates where candidate.scope == index { return candidate.declaration }
            current = scopes[index].parent
        }
        return nil
    }
}
