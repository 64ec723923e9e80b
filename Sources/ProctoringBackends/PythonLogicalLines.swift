/// A Python logical line: physical lines joined by open brackets or backslashes, comments removed,
/// string literals kept verbatim (so they can be evaluated later).
struct PythonLogicalLine: Sendable, Hashable {
    /// Width of the leading whitespace of the first physical line (tabs to multiples of 8, as Python does).
    var indentation: Int
    /// The text without comments; newlines inside brackets or after `\` are replaced by a space.
    var text: String
    /// 1-based line of the first physical line.
    var line: Int
    /// 1-based column where `text` starts.
    var column: Int
}

/// Splits Python source into logical lines. Only what a class-attribute scan needs: strings (all quote
/// forms and prefixes, triple quotes spanning lines), comments, bracket nesting and line continuation.
/// It never fails: unterminated constructs end the line at the end of the file.
enum PythonLogicalLineSplitter {
    static func split(_ source: String) -> [PythonLogicalLine] {
        let scalars = Array(source.unicodeScalars)
        var lines: [PythonLogicalLine] = []
        var index = 0
        var lineNumber = 1

        while index < scalars.count {
            // Start of a physical line that may start a logical line: measure indentation.
            var indentation = 0
            var column = 1
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\u{0C}" {
                if scalars[index] == "\t" { indentation = (indentation / 8 + 1) * 8 } else if scalars[index] == " " { indentation += 1 }
                index += 1
                column += 1
            }
            let startLine = lineNumber
            var text = String.UnicodeScalarView()
            var depth = 0
            var finished = false
            while index < scalars.count, !finished {
                let scalar = scalars[index]
                switch scalar {
                case "#":
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                case "\\" where index + 1 < scalars.count && scalars[index + 1] == "\n":
                    text.append(" ")
                    index += 2
                    lineNumber += 1
                case "\\" where index + 2 < scalars.count && scalars[index + 1] == "\r" && scalars[index + 2] == "\n":
                    text.append(" ")
                    index += 3
                    lineNumber += 1
                case "\n":
                    index += 1
                    lineNumber += 1
                    if depth > 0 { text.append(" ") } else { finished = true }
                case "\r":
                    index += 1
                case "(", "[", "{":
                    depth += 1
                    text.append(scalar)
                    index += 1
                case ")", "]", "}":
                    depth = max(0, depth - 1)
                    text.append(scalar)
                    index += 1
                case "'", "\"":
                    let literalEnd = endOfStringLiteral(scalars, quoteAt: index)
                    for position in index..<literalEnd {
                        if scalars[position] == "\n" { lineNumber += 1 }
                        text.append(scalars[position])
                    }
                    index = literalEnd
                default:
                    text.append(scalar)
                    index += 1
                }
            }
            let content = String(text).trimmingPythonWhitespace()
            if !content.isEmpty {
                lines.append(PythonLogicalLine(indentation: indentation, text: content, line: startLine, column: column))
            }
        }
        return lines
    }

    /// Index just after the string literal whose opening quote is at `start`. The prefix letters (r, b, f, u)
    /// were already copied as ordinary text; a raw prefix does not change where a literal ends except that
    /// a backslash still escapes the quote, which is the same rule as for normal strings.
    static func endOfStringLiteral(_ scalars: [Unicode.Scalar], quoteAt start: Int) -> Int {
        let quote = scalars[start]
        let isTriple = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        var index = start + (isTriple ? 3 : 1)
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if isTriple {
                if scalar == quote, index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
                    return index + 3
                }
            } else {
                if scalar == quote { return index + 1 }
                if scalar == "\n" { return index }
            }
            index += 1
        }
        return scalars.count
    }
}
