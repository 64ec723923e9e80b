/// Turns Python 3.11 source into tokens: a hand-written scanner over UTF-8 bytes that follows
/// CPython's tokenizer rules (indentation stack, implicit line joining inside brackets, backslash
/// continuation, every string prefix, numbers with underscores).
struct PythonTokenizer {
    /// The source bytes; valid while `tokenize` runs (the tokenizer never outlives that call).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    /// Column bookkeeping: scalars counted from `lineStart` up to `columnOffset`, so columns cost O(1) amortised.
    private var columnOffset = 0
    private var columnValue = 1
    private var indentStack: [Int] = [0]
    /// The same levels measured with a tab as one column: CPython's TabError check, since a file is only
    /// unambiguous when both measures order the lines the same way.
    private var alternateIndentStack: [Int] = [0]
    private var brackets: [(symbol: UInt8, position: SourcePoint)] = []
    private var tokens: [PythonToken] = []
    private var atLineStart = true

    private init(bytes: UnsafeBufferPointer<UInt8>, startingAt start: SourcePoint) {
        self.bytes = bytes
        self.line = start.line
        // Columns of an embedded fragment continue from its start column.
        self.columnValue = start.column
    }

    /// CPython's tokenizer limits (MAXLEVEL, MAXINDENT in Parser/tokenizer.h): 200 open brackets,
    /// 100 indentation levels. Deeper files do not compile, and the limits keep parsing shallow.
    static let maximumBracketDepth = 200
    static let maximumIndentationDepth = 100

    static func tokenize(_ text: String) throws(PythonSyntaxError) -> [PythonToken] {
        var bytes = Array(text.utf8)
        // Python skips a UTF-8 byte order mark at the start of a source file.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return try scan(bytes, startingAt: SourcePoint(line: 1, column: 1), layout: true)
    }

    /// Tokens of an expression embedded in an f-string: no indentation and no NEWLINE tokens.
    static func tokenizeExpression(_ text: String, at start: SourcePoint) throws(PythonSyntaxError) -> [PythonToken] {
        try scan(Array(text.utf8), startingAt: start, layout: false)
    }

    private static func scan(_ storage: [UInt8], startingAt start: SourcePoint, layout: Bool) throws(PythonSyntaxError)
        -> [PythonToken]
    {
        try storage.withUnsafeBufferPointer { (buffer) throws(PythonSyntaxError) -> [PythonToken] in
            var tokenizer = PythonTokenizer(bytes: buffer, startingAt: start)
            tokenizer.tokens.reserveCapacity(buffer.count / 4)
            return try tokenizer.run(layout: layout)
        }
    }

    private mutating func point(at target: Int) -> SourcePoint {
        if target < columnOffset || columnOffset < lineStart {
            columnOffset = lineStart
            columnValue = 1
        }
        while columnOffset < target {
            if bytes[columnOffset] & 0xC0 != 0x80 { columnValue += 1 }
            columnOffset += 1
        }
        return SourcePoint(line: line, column: columnValue)
    }

    private mutating func emit(_ kind: PythonToken.Kind, _ text: String, at start: Int, string: StringLiteral? = nil) {
        tokens.append(PythonToken(kind: kind, text: text, position: point(at: start), string: string))
    }

    private mutating func newLine(after newlineOffset: Int) {
        line += 1
        lineStart = newlineOffset + 1
        columnOffset = lineStart
        columnValue = 1
    }

    private func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func run(layout: Bool) throws(PythonSyntaxError) -> [PythonToken] {
        if !layout {
            // A fragment: its first line starts at the given column, so pretend the line began earlier.
            lineStart = 0
            columnOffset = 0
            atLineStart = false
        }
        while offset < bytes.count {
            if layout && atLineStart && brackets.isEmpty {
                try readIndentation()
                continue
            }
            let current = bytes[offset]
            switch current {
            case 0x20, 0x09, 0x0C:
                offset += 1
            case 0x23:  // '#'
                var cursor = offset
                let end = bytes.count
                while cursor < end && bytes[cursor] != 0x0A && bytes[cursor] != 0x0D { cursor += 1 }
                offset = cursor
            case 0x0D, 0x0A:
                let newlineStart = offset
                if current == 0x0D && byte(offset + 1) == 0x0A { offset += 1 }
                if brackets.isEmpty && layout {
                    emit(.newline, "", at: newlineStart)
                    atLineStart = true
                }
                newLine(after: offset)
                offset += 1
            case 0x5C:  // '\' line continuation
                var next = offset + 1
                if byte(next) == 0x0D { next += 1 }
                guard byte(next) == 0x0A else {
                    throw PythonSyntaxError(
                        .syntax, "unexpected character after line continuation character", at: point(at: offset))
                }
                offset = next
                newLine(after: offset)
                offset += 1
            case 0x30...0x39:
                try readNumber()
            case 0x2E where (byte(offset + 1).map { $0 >= 0x30 && $0 <= 0x39 } ?? false):
                try readNumber()
            case 0x22, 0x27:
                try readString(prefixStart: offset, prefix: "")
            default:
                if Self.isIdentifierStart(current) {
                    try readNameOrPrefixedString()
                } else {
                    try readOperator()
                }
            }
        }
        if let open = brackets.last {
            throw PythonSyntaxError(
                .unbalancedBracket, "'\(Character(UnicodeScalar(open.symbol)))' was never closed", at: open.position)
        }
        if layout {
            if let last = tokens.last, last.kind != .newline, last.kind != .dedent, last.kind != .indent {
                emit(.newline, "", at: offset)
            }
            while indentStack.count > 1 {
                indentStack.removeLast()
                alternateIndentStack.removeLast()
                emit(.dedent, "", at: offset)
            }
        }
        emit(.endMarker, "", at: offset)
        return tokens
    }

    private static func isIdentifierStart(_ value: UInt8) -> Bool {
        (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) || value == 0x5F || value >= 0x80
    }

    private static func isIdentifierPart(_ value: UInt8) -> Bool {
        isIdentifierStart(value) || (value >= 0x30 && value <= 0x39)
    }

    /// Measures the indentation of a logical line; blank and comment-only lines do not count.
    private mutating func readIndentation() throws(PythonSyntaxError) {
        var width = 0
        var alternateWidth = 0
        var cursor = offset
        while cursor < bytes.count {
            switch bytes[cursor] {
            case 0x20:
                width += 1
                alternateWidth += 1
            case 0x09:
                width = (width / 8 + 1) * 8
                alternateWidth += 1
            case 0x0C:
                width = 0
                alternateWidth = 0
            default:
                break
            }
            if bytes[cursor] != 0x20 && bytes[cursor] != 0x09 && bytes[cursor] != 0x0C { break }
            cursor += 1
        }
        let next = byte(cursor)
        if next == nil || next == 0x23 || next == 0x0A || next == 0x0D {
            // Blank or comment-only line: no NEWLINE, no indentation change.
            offset = cursor
            while offset < bytes.count && bytes[offset] != 0x0A && bytes[offset] != 0x0D { offset += 1 }
            if offset < bytes.count {
                if bytes[offset] == 0x0D && byte(offset + 1) == 0x0A { offset += 1 }
                newLine(after: offset)
                offset += 1
            }
            return
        }
        atLineStart = false
        offset = cursor
        let current = indentStack[indentStack.count - 1]
        let alternateCurrent = alternateIndentStack[alternateIndentStack.count - 1]
        let tabError = PythonSyntaxError(
            .indentation, "TabError: inconsistent use of tabs and spaces in indentation", at: point(at: cursor))
        if width == current {
            if alternateWidth != alternateCurrent { throw tabError }
        } else if width > current {
            if alternateWidth <= alternateCurrent { throw tabError }
            guard indentStack.count < Self.maximumIndentationDepth else {
                throw PythonSyntaxError(
                    .tooDeep,
                    "IndentationError: too many levels of indentation (Python allows \(Self.maximumIndentationDepth - 1) nested blocks)",
                    at: point(at: cursor))
            }
            indentStack.append(width)
            alternateIndentStack.append(alternateWidth)
            emit(.indent, "", at: cursor)
        } else {
            while let top = indentStack.last, top > width {
                indentStack.removeLast()
                alternateIndentStack.removeLast()
                emit(.dedent, "", at: cursor)
            }
            if indentStack.last != width {
                throw PythonSyntaxError(
                    .indentation, "unindent does not match any outer indentation level", at: point(at: cursor))
            }
            if alternateIndentStack.last != alternateWidth { throw tabError }
        }
    }

    private mutating func readNumber() throws(PythonSyntaxError) {
        let start = offset
        func isDigit(_ value: UInt8?) -> Bool { value.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        func isHex(_ value: UInt8?) -> Bool {
            guard let value else { return false }
            return isDigit(value) || (value >= 0x41 && value <= 0x46) || (value >= 0x61 && value <= 0x66)
        }
        if bytes[offset] == 0x30, let marker = byte(offset + 1), [0x78, 0x58, 0x6F, 0x4F, 0x62, 0x42].contains(marker) {
            offset += 2
            while let value = byte(offset), isHex(value) || value == 0x5F { offset += 1 }
        } else {
            while let value = byte(offset), isDigit(value) || value == 0x5F { offset += 1 }
            if byte(offset) == 0x2E {
                offset += 1
                while let value = byte(offset), isDigit(value) || value == 0x5F { offset += 1 }
            }
            if let value = byte(offset), value == 0x65 || value == 0x45 {
                var cursor = offset + 1
                if byte(cursor) == 0x2B || byte(cursor) == 0x2D { cursor += 1 }
                if isDigit(byte(cursor)) {
                    offset = cursor
                    while let value = byte(offset), isDigit(value) || value == 0x5F { offset += 1 }
                }
            }
            if let value = byte(offset), value == 0x6A || value == 0x4A { offset += 1 }
        }
        if let value = byte(offset), Self.isIdentifierStart(value) {
            throw PythonSyntaxError(.syntax, "invalid decimal literal", at: point(at: offset))
        }
        emit(.number, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self), at: start)
    }

    private static let stringPrefixes: Set<String> = [
        "r", "u", "b", "f", "br", "rb", "fr", "rf",
    ]

    private mutating func readNameOrPrefixedString() throws(PythonSyntaxError) {
        let start = offset
        var cursor = offset
        let end = bytes.count
        while cursor < end, Self.isIdentifierPart(bytes[cursor]) { cursor += 1 }
        offset = cursor
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        if let quote = byte(offset), quote == 0x22 || quote == 0x27, Self.stringPrefixes.contains(name.lowercased()) {
            try readString(prefixStart: start, prefix: name.lowercased())
            return
        }
        tokens.append(
            PythonToken(
                kind: .name, text: name, position: point(at: start), string: nil,
                isKeyword: PythonKeywords.all.contains(name)))
    }

    private mutating func readString(prefixStart: Int, prefix: String) throws(PythonSyntaxError) {
        let quote = bytes[offset]
        let isTriple = byte(offset + 1) == quote && byte(offset + 2) == quote
        let startPoint = point(at: prefixStart)
        offset += isTriple ? 3 : 1
        let bodyStartOffset = offset
        let bodyStart = point(at: bodyStartOffset)
        let startLine = line
        var bodyEnd = -1
        while offset < bytes.count {
            let current = bytes[offset]
            if current == 0x5C {
                // An escaped character never ends the string, raw or not.
                offset += 1
                if let next = byte(offset) {
                    if next == 0x0D && byte(offset + 1) == 0x0A { offset += 1 }
                    if bytes[offset] == 0x0A || bytes[offset] == 0x0D {
                        newLine(after: offset)
                    }
                    offset += 1
                }
                continue
            }
            if current == quote {
                if !isTriple {
                    bodyEnd = offset
                    offset += 1
                    break
                }
                if byte(offset + 1) == quote && byte(offset + 2) == quote {
                    bodyEnd = offset
                    offset += 3
                    break
                }
            }
            if current == 0x0A || current == 0x0D {
                if !isTriple { break }
                if current == 0x0D && byte(offset + 1) == 0x0A { offset += 1 }
                newLine(after: offset)
            }
            offset += 1
        }
        guard bodyEnd >= 0 else {
            if isTriple {
                // CPython names the last line that has text; a final newline does not start another.
                let lastLine = bytes.last == 0x0A || bytes.last == 0x0D ? line - 1 : line
                throw PythonSyntaxError(
                    .unterminatedString, "unterminated triple-quoted string literal (detected at line \(lastLine))",
                    at: startPoint)
            }
            throw PythonSyntaxError(
                .unterminatedString, "unterminated string literal (detected at line \(startLine))", at: startPoint)
        }
        let literal = StringLiteral(
            isBytes: prefix.contains("b"), isRaw: prefix.contains("r"), isFormatted: prefix.contains("f"),
            body: String(decoding: UnsafeBufferPointer(rebasing: bytes[bodyStartOffset..<bodyEnd]), as: UTF8.self), bodyStart: bodyStart)
        tokens.append(PythonToken(kind: .string, text: "", position: startPoint, string: literal))
    }

    private static let singleCharacterOperators: Set<UInt8> = Set("+-*/%@&|^~<>()[]{},:.;=".utf8)

    /// The operator of two or three characters starting at `offset`, if any (longest match).
    private func multiCharacterOperator() -> String? {
        let first = bytes[offset]
        guard let second = byte(offset + 1) else { return nil }
        let third = byte(offset + 2)
        switch (first, second) {
        case (0x2A, 0x2A): return third == 0x3D ? "**=" : "**"  // **
        case (0x2F, 0x2F): return third == 0x3D ? "//=" : "//"  // //
        case (0x3E, 0x3E): return third == 0x3D ? ">>=" : ">>"  // >>
        case (0x3C, 0x3C): return third == 0x3D ? "<<=" : "<<"  // <<
        case (0x2E, 0x2E): return third == 0x2E ? "..." : nil  // ...
        case (0x2D, 0x3E): return "->"
        case (0x3A, 0x3D): return ":="
        case (0x3C, 0x3D): return "<="
        case (0x3E, 0x3D): return ">="
        case (0x3D, 0x3D): return "=="
        case (0x21, 0x3D): return "!="
        case (0x2B, 0x3D): return "+="
        case (0x2D, 0x3D): return "-="
        case (0x2A, 0x3D): return "*="
        case (0x2F, 0x3D): return "/="
        case (0x25, 0x3D): return "%="
        case (0x26, 0x3D): return "&="
        case (0x7C, 0x3D): return "|="
        case (0x5E, 0x3D): return "^="
        case (0x40, 0x3D): return "@="
        default: return nil
        }
    }

    private static let singleCharacterTexts: [UInt8: String] = Dictionary(
        uniqueKeysWithValues: singleCharacterOperators.map { ($0, String(UnicodeScalar($0))) })

    private mutating func readOperator() throws(PythonSyntaxError) {
        let start = offset
        if let text = multiCharacterOperator() {
            offset += text.utf8.count
            emit(.op, text, at: start)
            return
        }
        let current = bytes[offset]
        guard Self.singleCharacterOperators.contains(current) else {
            throw PythonSyntaxError(
                .syntax, "invalid character '\(Character(UnicodeScalar(current)))' in source", at: point(at: start))
        }
        let here = point(at: start)
        switch current {
        case 0x28, 0x5B, 0x7B:
            guard brackets.count < Self.maximumBracketDepth else {
                throw PythonSyntaxError(
                    .tooDeep, "too many nested parentheses (Python allows \(Self.maximumBracketDepth) open brackets)", at: here)
            }
            brackets.append((current, here))
        case 0x29, 0x5D, 0x7D:
            let opening: UInt8 = current == 0x29 ? 0x28 : current == 0x5D ? 0x5B : 0x7B
            guard let open = brackets.popLast() else {
                throw PythonSyntaxError(.unbalancedBracket, "unmatched '\(Character(UnicodeScalar(current)))'", at: here)
            }
            if open.symbol != opening {
                throw PythonSyntaxError(
                    .unbalancedBracket,
                    "closing parenthesis '\(Character(UnicodeScalar(current)))' does not match opening parenthesis '\(Character(UnicodeScalar(open.symbol)))' on line \(open.position.line)",
                    at: here)
            }
        default:
            break
        }
        offset += 1
        emit(.op, Self.singleCharacterTexts[current] ?? String(UnicodeScalar(current)), at: start)
    }
}
