/// Escape processing of string and bytes literal bodies, as Python does at compile time.
enum PythonStringDecoding {
    static func decode(_ body: String, raw: Bool) -> String {
        if raw || !body.contains("\\") { return body }
        var scalars = String.UnicodeScalarView()
        let input = Array(body.unicodeScalars)
        var index = 0
        while index < input.count {
            let scalar = input[index]
            guard scalar == "\\", index + 1 < input.count else {
                scalars.append(scalar)
                index += 1
                continue
            }
            let next = input[index + 1]
            index += 2
            switch next {
            case "\n": break
            case "\r":
                if index < input.count && input[index] == "\n" { index += 1 }
            case "\\": scalars.append("\\")
            case "'": scalars.append("'")
            case "\"": scalars.append("\"")
            case "a": scalars.append("\u{07}")
            case "b": scalars.append("\u{08}")
            case "f": scalars.append("\u{0C}")
            case "n": scalars.append("\n")
            case "r": scalars.append("\r")
            case "t": scalars.append("\t")
            case "v": scalars.append("\u{0B}")
            case "0"..."7":
                var value = Int(next.value - 48)
                var count = 1
                while count < 3, index < input.count, ("0"..."7").contains(input[index]) {
                    value = value * 8 + Int(input[index].value - 48)
                    index += 1
                    count += 1
                }
                if let result = UnicodeScalar(value) { scalars.append(result) }
            case "x", "u", "U":
                let width = next == "x" ? 2 : next == "u" ? 4 : 8
                let end = min(index + width, input.count)
                let digits = String(String.UnicodeScalarView(input[index..<end]))
                if digits.count == width, let value = UInt32(digits, radix: 16), let result = UnicodeScalar(value) {
                    scalars.append(result)
                    index = end
                } else {
                    scalars.append("\\")
                    scalars.append(next)
                }
            case "N" where index < input.count && input[index] == "{":
                // `\N{BULLET}`: a character by its Unicode name or alias, in any case.
                guard let close = input[index...].firstIndex(of: "}"),
                    let named = Self.scalar(named: String(String.UnicodeScalarView(input[(index + 1)..<close])))
                else {
                    scalars.append("\\")
                    scalars.append(next)
                    break
                }
                scalars.append(named)
                index = close + 1
            default:
                // Unknown escapes (and `\N{…}` with a name Unicode does not have) stay as written.
                scalars.append("\\")
                scalars.append(next)
            }
        }
        return String(scalars)
    }

    /// The scalar whose Unicode name or name alias is `name` (compared without case, as Python does).
    static func scalar(named name: String) -> UnicodeScalar? {
        let wanted = name.uppercased()
        guard !wanted.isEmpty else { return nil }
        for value in UInt32(0)...0x10FFFF {
            guard let candidate = UnicodeScalar(value) else { continue }
            if candidate.properties.name == wanted || candidate.properties.nameAlias == wanted { return candidate }
        }
        return nil
    }

    static func decodeBytes(_ body: String, raw: Bool) -> [UInt8] {
        if raw { return Array(body.utf8) }
        var result: [UInt8] = []
        for scalar in decode(body, raw: false).unicodeScalars {
            if scalar.value < 256 {
                result.append(UInt8(scalar.value))
            } else {
                result.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return result
    }
}

/// Splits an f-string body into literal text and `{expression!conversion:spec}` fields.
enum FormattedStringParser {
    static func parse(_ literal: StringLiteral) throws(PythonSyntaxError) -> [FormattedStringPart] {
        let characters = Array(literal.body)
        var parts: [FormattedStringPart] = []
        var text = ""
        var index = 0
        func flushText() {
            if !text.isEmpty {
                parts.append(.literal(PythonStringDecoding.decode(text, raw: literal.isRaw)))
                text = ""
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\" && !literal.isRaw && index + 2 < characters.count && characters[index + 1] == "N"
                && characters[index + 2] == "{"
            {
                // `\N{NAME}` is an escape, not a replacement field.
                while index < characters.count {
                    text.append(characters[index])
                    index += 1
                    if characters[index - 1] == "}" { break }
                }
                continue
            }
            if character == "{" {
                if index + 1 < characters.count && characters[index + 1] == "{" {
                    text.append("{")
                    index += 2
                    continue
                }
                flushText()
                let (part, next) = try parseField(characters, from: index + 1, literal: literal)
                parts.append(part)
                index = next
                continue
            }
            if character == "}" {
                if index + 1 < characters.count && characters[index + 1] == "}" {
                    text.append("}")
                    index += 2
                    continue
                }
                throw PythonSyntaxError(.syntax, "f-string: single '}' is not allowed", at: literal.bodyStart)
            }
            text.append(character)
            index += 1
        }
        flushText()
        return parts
    }

    private static func parseField(_ characters: [Character], from start: Int, literal: StringLiteral) throws(PythonSyntaxError) -> (
        FormattedStringPart, Int
    ) {
        var depth = 0
        var index = start
        var quote: Character?
        var expressionEnd = -1
        var conversion: Character?
        var tripleQuoted = false
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open {
                    if !tripleQuoted {
                        quote = nil
                    } else if index + 2 < characters.count && characters[index + 1] == open && characters[index + 2] == open {
                        quote = nil
                        index += 2
                    }
                }
                index += 1
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                tripleQuoted = index + 2 < characters.count && characters[index + 1] == character
                    && characters[index + 2] == character
                if tripleQuoted { index += 2 }
            case "(", "[", "{": depth += 1
            case ")", "]": depth -= 1
            case "}" where depth > 0: depth -= 1
            case "!" where depth == 0 && index + 1 < characters.count && characters[index + 1] != "=":
                expressionEnd = index
            case ":" where depth == 0, "}" where depth == 0:
                if expressionEnd < 0 { expressionEnd = index }
            default: break
            }
            if expressionEnd >= 0 { break }
            index += 1
        }
        guard expressionEnd >= 0 else {
            throw PythonSyntaxError(.syntax, "f-string: expecting '}'", at: literal.bodyStart)
        }
        var expressionText = String(characters[start..<expressionEnd])
        // `{x=}` prints the expression text too; the evaluator does not model it.
        let trimmed = expressionText.trimming(" ", leading: false)
        let selfDocumenting = trimmed.hasSuffix("=") && !trimmed.hasSuffix("==")
        if selfDocumenting { expressionText = String(trimmed.dropLast()) }
        index = expressionEnd
        if characters[index] == "!" {
            guard index + 1 < characters.count else {
                throw PythonSyntaxError(.syntax, "f-string: expecting '}'", at: literal.bodyStart)
            }
            conversion = characters[index + 1]
            index += 2
        }
        var formatSpec = ""
        if index < characters.count && characters[index] == ":" {
            index += 1
            var nested = 0
            while index < characters.count {
                let character = characters[index]
                if nested > 0 && (character == "'" || character == "\"") {
                    // A string inside a nested replacement field may hold braces.
                    formatSpec.append(character)
                    index += 1
                    while index < characters.count && characters[index] != character {
                        formatSpec.append(characters[index])
                        index += 1
                    }
                    if index < characters.count {
                        formatSpec.append(characters[index])
                        index += 1
                    }
                    continue
                }
                if character == "{" { nested += 1 }
                if character == "}" {
                    if nested == 0 { break }
                    nested -= 1
                }
                formatSpec.append(character)
                index += 1
            }
        }
        guard index < characters.count, characters[index] == "}" else {
            throw PythonSyntaxError(.syntax, "f-string: expecting '}'", at: literal.bodyStart)
        }
        if expressionText.allSatisfy({ $0 == " " }) {
            throw PythonSyntaxError(.syntax, "f-string: empty expression not allowed", at: literal.bodyStart)
        }
        let tokens = try PythonTokenizer.tokenizeExpression(expressionText, at: literal.bodyStart)
        var expression = try PythonParser.parseEmbeddedExpression(tokens)
        if selfDocumenting {
            expression = PythonExpression(kind: .opaque("self-documenting f-string field"), position: expression.position)
        }
        return (.expression(expression, conversion: conversion, formatSpec: formatSpec), index + 1)
    }
}
