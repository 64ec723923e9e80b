/// Which stages of a set (`marked`) lie on a stage's `FROM` chain, itself included, root first (the order of
/// `BuildGraph.ancestry(of:)`). Each chain is walked once however many of its stages are asked about, so a rule
/// that asks for every webpack run stays linear in the stages (plus the answers) instead of walking the whole
/// chain once per run. Meant for small sets (the stages that declare a variable, that run an unexamined script).
struct MarkedAncestors {
    let graph: BuildGraph
    let marked: Set<String>
    private var known: [String: [String]] = [:]

    init(graph: BuildGraph, marked: Set<String>) {
        self.graph = graph
        self.marked = marked
    }

    mutating func of(_ id: String) -> [String] {
        if let answer = known[id] { return answer }
        // Up to the first stage already answered, a root, a stage not here, or a cycle (cut there, as `ancestry` does).
        var chain: [String] = []
        var seen: Set<String> = []
        var current: String? = id
        while let currentID = current, known[currentID] == nil, seen.insert(currentID).inserted, let stage = graph.stage(currentID) {
            chain.append(currentID)
            current = stage.parent
        }
        var answer = current.flatMap { seen.contains($0) ? nil : known[$0] } ?? []
        for stageID in chain.reversed() {
            if marked.contains(stageID) { answer.append(stageID) }
            known[stageID] = answer
        }
        return known[id] ?? []
    }
}
