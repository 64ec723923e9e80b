/// webpack's `javascript/auto`: a `.js` file that is not declared ESM is still an ES module when it uses
/// `import`/`export` declarations. Parsing every CommonJS file twice would be slow, so this cheap scan says
/// whether a module *might* have such a declaration (an `import` or `export` word at the start of a
/// statement); only then is the module-goal parse tried first.
enum ModuleSyntaxDetection {
    static func mayContainModuleDeclarations(_ source: [UInt8]) -> Bool {
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

    private static func isKeywordAt(_ source: [UInt8], _ index: Int) -> Bool {
        let word: [UInt8] = source[index] == UInt8(ascii: "i") ? Array("import".utf8) : Array("export".utf8)
        for offset in 0..<6 where source[index + offset] != word[offset] { return false }
        guard index + 6 < source.count else { return false }
        let next = source[index + 6]
        return next == UInt8(ascii: " ") || next == UInt8(ascii: "{") || next == UInt8(ascii: "*") || next == UInt8(ascii: "\"")
            || next == UInt8(ascii: "'") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
    }

    private static func precededByStatementStart(_ source: [UInt8], _ index: Int) -> Bool {
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
