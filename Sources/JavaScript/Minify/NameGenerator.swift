/// Produces the shortest identifiers in a fixed order (`a`, `b`, …, `$`, `aa`, `ba`, …), skipping reserved words
/// and any name the caller must keep.
struct NameGenerator {
    static let firstCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$".utf8)
    static let laterCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$0123456789".utf8)

    /// Words that cannot be binding names in any context we print into (strict mode and modules included).
    static let reservedWords: Set<String> = [
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
        "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new",
        "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
        "yield", "let", "static", "implements", "interface", "package", "private", "protected", "public", "arguments",
        "eval", "undefined", "NaN", "Infinity", "async", "of", "get", "set",
    ]

    /// The `index`-th candidate name (bijective numbering over the two alphabets).
    static func candidate(_ index: Int) -> String {
        var bytes: [UInt8] = [firstCharacters[index % firstCharacters.count]]
        var rest = index / firstCharacters.count
        while rest > 0 {
            rest -= 1
            bytes.append(laterCharacters[rest % laterCharacters.count])
            rest /= laterCharacters.count
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    let avoided: Set<String>
    var nextIndex = 0

    init(avoiding avoided: Set<String>) {
        self.avoided = avoided
    }

    mutating func next() -> String {
        while true {
            let name = NameGenerator.candidate(nextIndex)
            nextIndex += 1
            if !NameGenerator.reservedWords.contains(name) && !avoided.contains(name) { return name }
        }
    }

    /// The first `count` names, computed once.
    static func names(count: Int, avoiding avoided: Set<String>) -> [String] {
        var generator = NameGenerator(avoiding: avoided)
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(generator.next()) }
        return result
    }
}
