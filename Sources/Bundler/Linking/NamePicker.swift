/// Picks names for generated variables that no name of the module uses, anywhere: a generated name is
/// read inside nested functions too, so shadowing it in any scope would change what it refers to.
struct NamePicker {
    private var taken: Set<String>
    /// The next number to try after `base` (a group of hoisted modules asks for the same base hundreds of times).
    private var nextCounter: [String: Int] = [:]

    init(taken: Set<String>) {
        self.taken = taken
    }

    mutating func fresh(_ base: String) -> String {
        var candidate = base
        var counter = nextCounter[base] ?? 2
        if counter > 2 { candidate = base + String(counter) }
        while taken.contains(candidate) {
            candidate = base + String(counter)
            counter += 1
        }
        nextCounter[base] = counter
        taken.insert(candidate)
        return candidate
    }

    /// `_util` for "./lib/util.js", `_core_js` for "core-js": short and readable in the output.
    static func variableBase(for specifier: String) -> String {
        var last = specifier.split(separator: "/").last.map(String.init) ?? specifier
        if last == "index.js" || last == "index", let parent = specifier.split(separator: "/").dropLast().last { last = String(parent) }
        if let dot = last.firstIndex(of: "."), dot != last.startIndex { last = String(last[..<dot]) }
        let cleaned = String(last.unicodeScalars.map { isIdentifierPart($0) ? Character($0) : "_" })
        return "_" + (cleaned.isEmpty ? "m" : cleaned)
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == "_"
            || scalar == "$"
    }

    /// Whether `name` can be written after a dot (ASCII identifier names only; others use `["…"]`).
    static func isPlainIdentifierName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !(first >= "0" && first <= "9") else { return false }
        return name.unicodeScalars.allSatisfy(isIdentifierPart)
    }
}
