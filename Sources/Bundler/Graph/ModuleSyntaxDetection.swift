/// webpack's `javascript/auto`: a `.js` file that is not declared ESM is still an ES module when it uses
/// `import`/`export` declarations. Parsing every CommonJS file twice would be slow, so this cheap scan says
/// whether a module *might* have such a declaration (an `import` or `export` word at the start of a
/// statement); only then is the module-goal parse tried first.
enum ModuleSyntaxDetection {
    static func mayContainModuleDeclarations(_ source: [UInt8]) -> Bool {
        source.withUnsafeBufferPointer { source in
            let count = source.count
            var index = 0
            while index + 6 <= count {
                let byte = source[index]
                if byte == UInt8(ascii: "i") || byte == UInt8(ascii: "e"), isKeywordAt(source, index) {
                    if precededByStatementStart(source, index) { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// `import` or `export` (by its first letter) at `index`, followed by a blank, `{`, `*` or a quote.
    private static func isKeywordAt(_ source: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let second = source[index] == UInt8(ascii: "i") ? UInt8(ascii: "m") : UInt8(ascii: "x")
        guard source[index + 1] == second, source[index + 2] == UInt8(ascii: "p"), source[index + 3] == UInt8(ascii: "o"),
            source[index + 4] == UInt8(ascii: "r"), source[index + 5] == UInt8(ascii: "t")
        else { return false }
        guard index + 6 < source.count else { return false }
        let next = source[index + 6]
        return next == UInt8(ascii: " ") || next == UInt8(ascii: "{") || next == UInt8(ascii: "*") || next == UInt8(ascii: "\"")
            || next == UInt8(ascii: "'") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
    }

    private static func precededByStatementStart(_ source: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        var position = index - 1
        while position >= 0 {
            let byte = source[position]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                position -= 1
                continue
            }
            return byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "}")
                || byte == UInt8(ascii: "{")
        }
        return true
    }
}
