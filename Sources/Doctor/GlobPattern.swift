/// Shell glob matching of `*` and `?` per path component, as Docker's COPY sources use it.
enum GlobPattern {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let patternParts = pattern.split(separator: "/")
        let pathParts = path.split(separator: "/")
        guard patternParts.count == pathParts.count else { return false }
        return zip(patternParts, pathParts).allSatisfy { component(Array($0), Array($1)) }
    }

    private static func component(_ pattern: [Character], _ name: [Character]) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            for skip in 0...name.count where component(Array(pattern.dropFirst()), Array(name.dropFirst(skip))) {
                return true
            }
            return false
        case "?":
            return !name.isEmpty && component(Array(pattern.dropFirst()), Array(name.dropFirst()))
        default:
            return name.first == first && component(Array(pattern.dropFirst()), Array(name.dropFirst()))
        }
    }
}
