/// The value of an expression made only of string literals (`'a'`, `"a" 'b'`, `r'\d'`, `u"x"`, triple quotes),
/// as Python would compute it. Anything else (names, calls, f-strings, bytes, operators) is not static.
enum PythonStringLiteral {
    enum Evaluation: Equatable {
        case value(String)
        case notStatic(reason: String)
    }

    static func evaluate(_ expression: String) -> Evaluation {
        var scalars = Array(expression.trimmingPythonWhitespace().unicodeScalars)
        // `("a" "b")`: parentheses around the whole expression only group.
        while scalars.first == "(", scalars.last == ")", closingParenthesis(of: scalars) == scalars.count - 1 {
            scalars = Array(String(String.UnicodeScalarView(scalars[1..<(scalars.count - 1)])).trimmingPythonWhitespace().unicodeScalars)
        }
        var index = 0
        var result = String.UnicodeScalarView()
        var literalCount = 0
        while true {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            if index >= scalars.count { break }
            var prefix = ""
            while index < scalars.count, scalars[index] != "'", scalars[index] != "\"", prefix.count < 3,
                "rRbBuUfF".unicodeScalars.contains(scalars[index])
            {
                prefix.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard index < scalars.count, scalars[index] == "'" || scalars[index] == "\"" else {
                return .notStatic(reason: literalCount == 0 ? "it is not a string literal" : "it is not only string literals")
            }
            let lowered = prefix.lowercased()
            if lowered.contains("f") { return .notStatic(reason: "it is an f-string") }
            if lowered.contains("b") { return .notStatic(reason: "it is a bytes literal, not a str") }
            let isRaw = lowered.contains("r")
            let end = PythonLogicalLineSplitter.endOfStringLiteral(scalars, quoteAt: index)
            let quote = scalars[index]
            let isTriple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
            let quoteLength = isTriple ? 3 : 1
            guard end - index >= 2 * quoteLength, scalars[end - 1] == quote else {
                return .notStatic(reason: "the string literal is not terminated")
            }
            let body = Array(scalars[(index + quoteLength)..<(end - quoteLength)])
            guard let decoded = isRaw ? String.UnicodeScalarView(body) : decodeEscapes(body) else {
                return .notStatic(reason: "it uses an escape sequence the tool does not evaluate")
            }
            result.append(contentsOf: decoded)
            literalCount += 1
            index = end
        }
        guard literalCount > 0 else { return .notStatic(reason: "it is empty") }
        return .value(String(result))
    }

    /// Index of the `)` that closes the `(` at index 0, skipping string literals.
    private static func closingParenthesis(of scalars: [Unicode.Scalar]) -> Int? {
        var depth = 0
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "(":
                depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            case "'", "\"":
                index = PythonLogicalLineSplitter.endOfStringLiteral(scalars, quoteAt: index)
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private static func decodeEscapes(_ body: [Unicode.Scalar]) -> String.UnicodeScalarView? {
        var output = String.UnicodeScalarView()
        var index = 0
        while index < body.count {
            let scalar = body[index]
            guard scalar == "\\", index + 1 < body.count else {
                output.append(scalar)
                index += 1
                continue
            }
            let escaped = body[index + 1]
            index += 2
            switch escaped {
            case "\n": break
            case "\\": output.append("\\")
            case "'": output.append("'")
            case "\"": output.append("\"")
            case "n": output.append("\n")
            case "t": output.append("\t")
            case "r": output.append("\r")
            case "a": output.append("\u{07}")
            case "b": output.append("\u{08}")
            case "f": output.append("\u{0C}")
            case "v": output.append("\u{0B}")
            case "0"..."7":
                var value = escaped.value - 0x30
                var digits = 1
                while digits < 3, index < body.count, ("0"..."7").contains(body[index]) {
                    value = value * 8 + body[index].value - 0x30
                    index += 1
                    digits += 1
                }
                guard let decoded = Unicode.Scalar(value) else { return nil }
                output.append(decoded)
            case "x", "u", "U":
                let width = escaped == "x" ? 2 : (escaped == "u" ? 4 : 8)
                guard index + width <= body.count,
                    let value = UInt32(String(String.UnicodeScalarView(body[index..<(index + width)])), radix: 16),
                    let decoded = Unicode.Scalar(value)
                else { return nil }
                output.append(decoded)
                index += width
            case "N":
                return nil
            default:
                // Python keeps unknown escapes as written (with a SyntaxWarning since 3.12).
                output.append("\\")
                output.append(escaped)
            }
        }
        return output
    }
}
