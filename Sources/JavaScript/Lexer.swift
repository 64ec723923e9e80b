import Diagnostics

/// A hand-written lexer over UTF-8 bytes. It produces one token at a time; the parser decides when a `/`
/// starts a regular expression and when a `}` continues a template, and asks the lexer to rescan.
struct Lexer {
    let source: UnsafeBufferPointer<UInt8>
    /// In scripts `<!--` and `-->` at line start begin single-line comments (Annex B); in modules they do not.
    let allowsHTMLComments: Bool

    /// Offset of the next byte to read.
    var position = 0

    var kind: TokenKind = .endOfFile
    var start = 0
    var end = 0
    /// A line terminator appeared between the previous token and this one (drives ASI and restricted productions).
    var hasNewlineBefore = false

    /// The decoded name of an identifier or private name (without `#`).
    var identifier = ""
    var keyword: Keyword = .none
    /// The identifier or keyword contained a `\u` escape.
    var identifierHasEscape = false

    /// Decoded UTF-16 value of a string literal or the cooked value of a template part.
    var stringValue: [UInt16] = []
    /// Offset of an invalid escape in a template part; tagged templates tolerate it (cooked value is undefined).
    var invalidTemplateEscapeOffset: Int?
    /// Offset of a legacy octal number or octal / `\8` `\9` escape in the current token, reported in strict mode.
    var legacyOctalOffset: Int?

    init(source: UnsafeBufferPointer<UInt8>, allowsHTMLComments: Bool) {
        self.source = source
        self.allowsHTMLComments = allowsHTMLComments
    }

    // MARK: - Helpers

    @inline(__always) func peek(_ offset: Int) -> UInt8 {
        offset < source.count ? source[offset] : 0
    }

    /// The source text of the current token.
    var tokenText: String {
        String(decoding: UnsafeBufferPointer(rebasing: source[start..<end]), as: UTF8.self)
    }

    func text(from: Int, to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: source[from..<to]), as: UTF8.self)
    }

    func fail(_ code: DiagnosticCode, _ message: String, at offset: Int) -> JavaScriptSyntaxError {
        JavaScriptSyntaxError(code, message, at: offset)
    }

    /// Decodes the UTF-8 scalar at `offset`; returns the scalar value and its byte length (0 for malformed bytes).
    func decodeScalar(at offset: Int) -> (value: UInt32, length: Int) {
        let first = UInt32(peek(offset))
        if first < 0x80 { return (first, 1) }
        /// Every byte after the first must be a continuation byte (10xxxxxx), or the sequence is malformed.
        func continues(_ count: Int) -> Bool {
            (1...count).allSatisfy { offset + $0 < source.count && source[offset + $0] & 0xC0 == 0x80 }
        }
        if first & 0xE0 == 0xC0, continues(1) {
            let value = (first & 0x1F) << 6 | UInt32(source[offset + 1] & 0x3F)
            return value >= 0x80 ? (value, 2) : (0, 0)
        }
        if first & 0xF0 == 0xE0, continues(2) {
            let value = (first & 0x0F) << 12 | UInt32(source[offset + 1] & 0x3F) << 6 | UInt32(source[offset + 2] & 0x3F)
            // UTF-8 never encodes surrogates.
            return value >= 0x800 && !(0xD800...0xDFFF).contains(value) ? (value, 3) : (0, 0)
        }
        if first & 0xF8 == 0xF0, continues(3) {
            let value =
                (first & 0x07) << 18 | UInt32(source[offset + 1] & 0x3F) << 12 | UInt32(source[offset + 2] & 0x3F) << 6
                | UInt32(source[offset + 3] & 0x3F)
            return value >= 0x10000 && value <= 0x10FFFF ? (value, 4) : (0, 0)
        }
        return (0, 0)
    }

    static func isLineTerminator(_ scalar: UInt32) -> Bool {
        scalar == 0x0A || scalar == 0x0D || scalar == 0x2028 || scalar == 0x2029
    }

    static func isWhitespace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09, 0x0B, 0x0C, 0x20, 0xA0, 0xFEFF, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    static func isIdentifierStart(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            return (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x41 && scalar <= 0x5A) || scalar == 0x24 || scalar == 0x5F
        }
        guard let unicode = Unicode.Scalar(scalar) else { return false }
        return unicode.properties.isIDStart
    }

    static func isIdentifierPart(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            return (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x41 && scalar <= 0x5A) || (scalar >= 0x30 && scalar <= 0x39)
                || scalar == 0x24 || scalar == 0x5F
        }
        if scalar == 0x200C || scalar == 0x200D { return true }
        guard let unicode = Unicode.Scalar(scalar) else { return false }
        return unicode.properties.isIDContinue
    }

    @inline(__always) static func isASCIIIdentifierPart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x24
            || byte == 0x5F
    }

    @inline(__always) static func isDecimalDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    static func appendUTF16(_ scalar: UInt32, to buffer: inout [UInt16]) {
        if scalar < 0x10000 {
            buffer.append(UInt16(scalar))
        } else {
            let value = scalar - 0x10000
            buffer.append(UInt16(0xD800 + (value >> 10)))
            buffer.append(UInt16(0xDC00 + (value & 0x3FF)))
        }
    }

    // MARK: - Hashbang, whitespace and comments

    /// Skips `#!…` at the very start of the source; returns its text without `#!`.
    mutating func skipHashbang() -> String? {
        guard peek(0) == UInt8(ascii: "#"), peek(1) == UInt8(ascii: "!") else { return nil }
        var index = 2
        while index < source.count {
            let (scalar, length) = decodeScalar(at: index)
            if Lexer.isLineTerminator(scalar) { break }
            index += max(length, 1)
        }
        let text = self.text(from: 2, to: index)
        position = index
        return text
    }

    private mutating func skipTrivia() throws(JavaScriptSyntaxError) {
        while position < source.count {
            let byte = source[position]
            switch byte {
            case 0x0A, 0x0D:
                hasNewlineBefore = true
                position += 1
            case 0x09, 0x0B, 0x0C, 0x20:
                position += 1
            case UInt8(ascii: "/"):
                let next = peek(position + 1)
                if next == UInt8(ascii: "/") {
                    skipLineComment(from: position + 2)
                } else if next == UInt8(ascii: "*") {
                    try skipBlockComment()
                } else {
                    return
                }
            case UInt8(ascii: "<"):
                if allowsHTMLComments, peek(position + 1) == UInt8(ascii: "!"), peek(position + 2) == UInt8(ascii: "-"),
                    peek(position + 3) == UInt8(ascii: "-")
                {
                    skipLineComment(from: position + 4)
                } else {
                    return
                }
            case UInt8(ascii: "-"):
                if allowsHTMLComments, hasNewlineBefore || start == 0 && kind == .endOfFile,
                    peek(position + 1) == UInt8(ascii: "-"), peek(position + 2) == UInt8(ascii: ">")
                {
                    skipLineComment(from: position + 3)
                } else {
                    return
                }
            default:
                if byte < 0x80 { return }
                let (scalar, length) = decodeScalar(at: position)
                if scalar == 0x2028 || scalar == 0x2029 {
                    hasNewlineBefore = true
                    position += length
                } else if Lexer.isWhitespace(scalar) {
                    position += length
                } else {
                    return
                }
            }
        }
    }

    private mutating func skipLineComment(from offset: Int) {
        var index = offset
        while index < source.count {
            let byte = source[index]
            if byte == 0x0A || byte == 0x0D { break }
            if byte == 0xE2, peek(index + 1) == 0x80, peek(index + 2) == 0xA8 || peek(index + 2) == 0xA9 { break }
            index += 1
        }
        position = index
    }

    private mutating func skipBlockComment() throws(JavaScriptSyntaxError) {
        let commentStart = position
        var index = position + 2
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "*"), peek(index + 1) == UInt8(ascii: "/") {
                position = index + 2
                return
            }
            if byte == 0x0A || byte == 0x0D {
                hasNewlineBefore = true
            } else if byte == 0xE2, peek(index + 1) == 0x80, peek(index + 2) == 0xA8 || peek(index + 2) == 0xA9 {
                hasNewlineBefore = true
            }
            index += 1
        }
        throw fail(.javaScriptUnterminatedComment, "unterminated block comment", at: commentStart)
    }

    // MARK: - Tokens

    /// Scans the next token in "division allowed" mode; the parser rescans `/` and `/=` as regular expressions.
    mutating func next() throws(JavaScriptSyntaxError) {
        hasNewlineBefore = false
        try skipTrivia()
        start = position
        legacyOctalOffset = nil
        guard position < source.count else {
            kind = .endOfFile
            end = position
            return
        }
        let byte = source[position]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "$"), UInt8(ascii: "_"),
            UInt8(ascii: "\\"):
            try scanIdentifier()
            kind = .identifier
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            try scanString(quote: byte)
        case UInt8(ascii: "`"):
            try scanTemplate(from: position + 1, isContinuation: false)
        case UInt8(ascii: "#"):
            position += 1
            let nameStart = position
            let (scalar, _) = decodeScalar(at: position)
            guard scalar == UInt32(UInt8(ascii: "\\")) || Lexer.isIdentifierStart(scalar) else {
                throw fail(.javaScriptUnexpectedCharacter, "unexpected character '#'", at: start)
            }
            try scanIdentifier()
            start = nameStart - 1
            kind = .privateName
            keyword = .none
        default:
            if byte >= 0x80 {
                let (scalar, _) = decodeScalar(at: position)
                if Lexer.isIdentifierStart(scalar) {
                    try scanIdentifier()
                    kind = .identifier
                    return
                }
                throw fail(.javaScriptUnexpectedCharacter, "unexpected character", at: position)
            }
            try scanPunctuator(byte)
        }
    }

    private mutating func scanPunctuator(_ byte: UInt8) throws(JavaScriptSyntaxError) {
        let next = peek(position + 1)
        let afterNext = peek(position + 2)
        var length = 1
        switch byte {
        case UInt8(ascii: "{"): kind = .openBrace
        case UInt8(ascii: "}"): kind = .closeBrace
        case UInt8(ascii: "("): kind = .openParen
        case UInt8(ascii: ")"): kind = .closeParen
        case UInt8(ascii: "["): kind = .openBracket
        case UInt8(ascii: "]"): kind = .closeBracket
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: "."):
            if Lexer.isDecimalDigit(next) {
                try scanNumber()
                return
            }
            if next == UInt8(ascii: "."), afterNext == UInt8(ascii: ".") {
                kind = .dotDotDot
                length = 3
            } else {
                kind = .dot
            }
        case UInt8(ascii: "?"):
            if next == UInt8(ascii: "?") {
                if afterNext == UInt8(ascii: "=") {
                    kind = .questionQuestionEquals
                    length = 3
                } else {
                    kind = .questionQuestion
                    length = 2
                }
            } else if next == UInt8(ascii: "."), !Lexer.isDecimalDigit(afterNext) {
                kind = .questionDot
                length = 2
            } else {
                kind = .question
            }
        case UInt8(ascii: "="):
            if next == UInt8(ascii: ">") {
                kind = .arrow
                length = 2
            } else if next == UInt8(ascii: "=") {
                if afterNext == UInt8(ascii: "=") {
                    kind = .equalsEqualsEquals
                    length = 3
                } else {
                    kind = .equalsEquals
                    length = 2
                }
            } else {
                kind = .equals
            }
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") {
                if afterNext == UInt8(ascii: "=") {
                    kind = .exclamationEqualsEquals
                    length = 3
                } else {
                    kind = .exclamationEquals
                    length = 2
                }
            } else {
                kind = .exclamation
            }
        case UInt8(ascii: "+"):
            if next == UInt8(ascii: "+") {
                kind = .plusPlus
                length = 2
            } else if next == UInt8(ascii: "=") {
                kind = .plusEquals
                length = 2
            } else {
                kind = .plus
            }
        case UInt8(ascii: "-"):
            if next == UInt8(ascii: "-") {
                kind = .minusMinus
                length = 2
            } else if next == UInt8(ascii: "=") {
                kind = .minusEquals
                length = 2
            } else {
                kind = .minus
            }
        case UInt8(ascii: "*"):
            if next == UInt8(ascii: "*") {
                if afterNext == UInt8(ascii: "=") {
                    kind = .asteriskAsteriskEquals
                    length = 3
                } else {
                    kind = .asteriskAsterisk
                    length = 2
                }
            } else if next == UInt8(ascii: "=") {
                kind = .asteriskEquals
                length = 2
            } else {
                kind = .asterisk
            }
        case UInt8(ascii: "/"):
            if next == UInt8(ascii: "=") {
                kind = .slashEquals
                length = 2
            } else {
                kind = .slash
            }
        case UInt8(ascii: "%"):
            if next == UInt8(ascii: "=") {
                kind = .percentEquals
                length = 2
            } else {
                kind = .percent
            }
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "<") {
                if afterNext == UInt8(ascii: "=") {
                    kind = .lessThanLessThanEquals
                    length = 3
                } else {
                    kind = .lessThanLessThan
                    length = 2
                }
            } else if next == UInt8(ascii: "=") {
                kind = .lessThanEquals
                length = 2
            } else {
                kind = .lessThan
            }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: ">") {
                if afterNext == UInt8(ascii: ">") {
                    if peek(position + 3) == UInt8(ascii: "=") {
                        kind = .greaterThanGreaterThanGreaterThanEquals
                        length = 4
                    } else {
                        kind = .greaterThanGreaterThanGreaterThan
                        length = 3
                    }
                } else if afterNext == UInt8(ascii: "=") {
                    kind = .greaterThanGreaterThanEquals
                    length = 3
                } else {
                    kind = .greaterThanGreaterThan
                    length = 2
                }
            } else if next == UInt8(ascii: "=") {
                kind = .greaterThanEquals
                length = 2
            } else {
                kind = .greaterThan
            }
        case UInt8(ascii: "&"):
            if next == UInt8(ascii: "&") {
                if afterNext == UInt8(ascii: "=") {
                    kind = .ampersandAmpersandEquals
                    length = 3
                } else {
                    kind = .ampersandAmpersand
                    length = 2
                }
            } else if next == UInt8(ascii: "=") {
                kind = .ampersandEquals
                length = 2
            } else {
                kind = .ampersand
            }
        case UInt8(ascii: "|"):
            if next == UInt8(ascii: "|") {
                if afterNext == UInt8(ascii: "=") {
                    kind = .barBarEquals
                    length = 3
                } else {
                    kind = .barBar
                    length = 2
                }
            } else if next == UInt8(ascii: "=") {
                kind = .barEquals
                length = 2
            } else {
                kind = .bar
            }
        case UInt8(ascii: "^"):
            if next == UInt8(ascii: "=") {
                kind = .caretEquals
                length = 2
            } else {
                kind = .caret
            }
        default:
            throw fail(.javaScriptUnexpectedCharacter, "unexpected character '\(Character(Unicode.Scalar(byte)))'", at: position)
        }
        position += length
        end = position
    }

    // MARK: - Identifiers

    private mutating func scanIdentifier() throws(JavaScriptSyntaxError) {
        let nameStart = position
        var index = position
        while index < source.count, Lexer.isASCIIIdentifierPart(source[index]) { index += 1 }
        let stop = peek(index)
        if stop != UInt8(ascii: "\\"), stop < 0x80 || index >= source.count {
            identifier = text(from: nameStart, to: index)
            identifierHasEscape = false
            position = index
            end = index
            keyword = Keyword.lookup(UnsafeBufferPointer(rebasing: source[nameStart..<index]))
            return
        }
        try scanIdentifierSlowly(from: nameStart)
    }

    /// Identifiers with escapes or non-ASCII characters: decode scalar by scalar.
    private mutating func scanIdentifierSlowly(from nameStart: Int) throws(JavaScriptSyntaxError) {
        var scalars = String.UnicodeScalarView()
        var index = nameStart
        var hasEscape = false
        while index < source.count {
            var scalar: UInt32
            let escapeStart = index
            if source[index] == UInt8(ascii: "\\") {
                guard peek(index + 1) == UInt8(ascii: "u") else {
                    throw fail(.javaScriptInvalidEscape, "invalid escape in identifier", at: index)
                }
                index += 2
                scalar = try scanUnicodeEscapeBody(at: &index)
                hasEscape = true
                let valid = scalars.isEmpty ? Lexer.isIdentifierStart(scalar) : Lexer.isIdentifierPart(scalar)
                guard valid else {
                    throw fail(.javaScriptInvalidUnicodeEscapeInIdentifier, "escape does not produce an identifier character", at: escapeStart)
                }
            } else {
                let (value, length) = decodeScalar(at: index)
                guard length > 0 else { break }
                scalar = value
                let valid = scalars.isEmpty ? Lexer.isIdentifierStart(scalar) : Lexer.isIdentifierPart(scalar)
                guard valid else { break }
                index += length
            }
            if let unicode = Unicode.Scalar(scalar) { scalars.append(unicode) }
        }
        identifier = String(scalars)
        identifierHasEscape = hasEscape
        position = index
        end = index
        keyword = Keyword.lookup(identifier)
    }

    /// Parses `XXXX` or `{X…}` after `\u`; `index` points after the `u`.
    private func scanUnicodeEscapeBody(at index: inout Int) throws(JavaScriptSyntaxError) -> UInt32 {
        let escapeStart = index - 2
        if peek(index) == UInt8(ascii: "{") {
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while let digit = Lexer.hexValue(peek(index)) {
                value = value * 16 + digit
                digits += 1
                index += 1
                if value > 0x10FFFF {
                    throw fail(.javaScriptInvalidEscape, "code point out of range in escape sequence", at: escapeStart)
                }
            }
            guard digits > 0, peek(index) == UInt8(ascii: "}") else {
                throw fail(.javaScriptInvalidEscape, "invalid Unicode escape sequence", at: escapeStart)
            }
            index += 1
            return value
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Lexer.hexValue(peek(index)) else {
                throw fail(.javaScriptInvalidEscape, "invalid Unicode escape sequence", at: escapeStart)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    // MARK: - Numbers

    /// Scans digits of a radix with numeric separators; returns the count of digits.
    private mutating func scanDigits(isDigit: (UInt8) -> Bool, allowSeparators: Bool) throws(JavaScriptSyntaxError) -> Int {
        var count = 0
        while position < source.count {
            let byte = source[position]
            if isDigit(byte) {
                count += 1
                position += 1
            } else if byte == UInt8(ascii: "_"), allowSeparators {
                guard count > 0, isDigit(peek(position + 1)) else {
                    throw fail(.javaScriptInvalidNumber, "numeric separators must be placed between digits", at: position)
                }
                position += 1
            } else {
                break
            }
        }
        return count
    }

    private mutating func scanNumber() throws(JavaScriptSyntaxError) {
        kind = .number
        let first = source[position]
        let second = peek(position + 1) | 0x20
        if first == UInt8(ascii: "0"), second == UInt8(ascii: "x") || second == UInt8(ascii: "o") || second == UInt8(ascii: "b") {
            position += 2
            let isDigit: (UInt8) -> Bool =
                switch second {
                case UInt8(ascii: "x"): { Lexer.hexValue($0) != nil }
                case UInt8(ascii: "o"): { $0 >= 0x30 && $0 <= 0x37 }
                default: { $0 == 0x30 || $0 == 0x31 }
                }
            guard try scanDigits(isDigit: isDigit, allowSeparators: true) > 0 else {
                throw fail(.javaScriptInvalidNumber, "missing digits after the radix prefix", at: start)
            }
            if peek(position) == UInt8(ascii: "n") {
                position += 1
                kind = .bigInt
            }
        } else if first == UInt8(ascii: "0"), Lexer.isDecimalDigit(peek(position + 1)) {
            // Legacy octal (`010`) or a decimal with a leading zero (`08`, `09.5`): no separators, no BigInt.
            legacyOctalOffset = start
            position += 1
            var isOctal = true
            while Lexer.isDecimalDigit(peek(position)) {
                if peek(position) >= UInt8(ascii: "8") { isOctal = false }
                position += 1
            }
            if peek(position) == UInt8(ascii: "_") {
                throw fail(.javaScriptInvalidNumber, "numeric separators are not allowed in legacy octal literals", at: position)
            }
            if !isOctal { try scanFractionAndExponent() }
            if peek(position) == UInt8(ascii: "n") {
                throw fail(.javaScriptInvalidNumber, "a BigInt literal cannot start with 0", at: start)
            }
        } else {
            var isInteger = true
            if first == UInt8(ascii: "0"), peek(position + 1) == UInt8(ascii: "_") {
                throw fail(.javaScriptInvalidNumber, "numeric separators are not allowed after a leading 0", at: position + 1)
            }
            if first != UInt8(ascii: ".") {
                _ = try scanDigits(isDigit: Lexer.isDecimalDigit, allowSeparators: true)
            }
            let beforeFraction = position
            try scanFractionAndExponent()
            if position != beforeFraction { isInteger = false }
            if peek(position) == UInt8(ascii: "n") {
                guard isInteger else {
                    throw fail(.javaScriptInvalidNumber, "a BigInt literal must be an integer", at: start)
                }
                position += 1
                kind = .bigInt
            }
        }
        let (scalar, _) = decodeScalar(at: position)
        if position < source.count, Lexer.isIdentifierStart(scalar) || Lexer.isDecimalDigit(peek(position)) || peek(position) == UInt8(ascii: "\\") {
            throw fail(.javaScriptInvalidNumber, "an identifier cannot directly follow a number", at: position)
        }
        end = position
    }

    private mutating func scanFractionAndExponent() throws(JavaScriptSyntaxError) {
        if peek(position) == UInt8(ascii: ".") {
            position += 1
            if peek(position) == UInt8(ascii: "_") {
                throw fail(.javaScriptInvalidNumber, "numeric separators must be placed between digits", at: position)
            }
            _ = try scanDigits(isDigit: Lexer.isDecimalDigit, allowSeparators: true)
        }
        if peek(position) | 0x20 == UInt8(ascii: "e") {
            position += 1
            if peek(position) == UInt8(ascii: "+") || peek(position) == UInt8(ascii: "-") { position += 1 }
            guard try scanDigits(isDigit: Lexer.isDecimalDigit, allowSeparators: true) > 0 else {
                throw fail(.javaScriptInvalidNumber, "missing exponent digits", at: position)
            }
        }
    }

    // MARK: - Strings

    private mutating func scanString(quote: UInt8) throws(JavaScriptSyntaxError) {
        kind = .string
        var index = position + 1
        // Fast path: plain ASCII up to the closing quote, the common case for module specifiers and keys.
        while index < source.count {
            let byte = source[index]
            if byte == quote || byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D || byte >= 0x80 { break }
            index += 1
        }
        if index < source.count, source[index] == quote {
            let contentStart = position + 1
            let count = index - contentStart
            stringValue = [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
                for offset in 0..<count { buffer[offset] = UInt16(source[contentStart + offset]) }
                initialized = count
            }
            position = index + 1
            end = position
            return
        }
        stringValue.removeAll(keepingCapacity: true)
        index = position + 1
        while true {
            guard index < source.count else {
                throw fail(.javaScriptUnterminatedString, "unterminated string literal", at: start)
            }
            let byte = source[index]
            if byte == quote {
                index += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                var buffer = stringValue
                stringValue = []
                let escapeError = try scanEscape(at: &index, into: &buffer, isTemplate: false)
                stringValue = buffer
                if let escapeError { throw escapeError }
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                throw fail(.javaScriptUnterminatedString, "unterminated string literal", at: start)
            }
            if byte < 0x80 {
                stringValue.append(UInt16(byte))
                index += 1
            } else {
                let (scalar, length) = decodeScalar(at: index)
                guard length > 0 else { throw fail(.javaScriptUnexpectedCharacter, "invalid UTF-8 in string literal", at: index) }
                Lexer.appendUTF16(scalar, to: &stringValue)
                index += length
            }
        }
        position = index
        end = index
    }

    /// Decodes one escape sequence; `index` points after the backslash. Returns an error instead of throwing it for
    /// malformed escapes so templates can record them (tagged templates allow them).
    private mutating func scanEscape(at index: inout Int, into buffer: inout [UInt16], isTemplate: Bool) throws(JavaScriptSyntaxError)
        -> JavaScriptSyntaxError?
    {
        let escapeStart = index - 1
        guard index < source.count else { return nil }
        let byte = source[index]
        index += 1
        switch byte {
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "v"): buffer.append(0x0B)
        case 0x0D:
            if peek(index) == 0x0A { index += 1 }
        case 0x0A:
            break
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            if byte == UInt8(ascii: "0"), !Lexer.isDecimalDigit(peek(index)) {
                buffer.append(0)
                break
            }
            if isTemplate {
                return fail(.javaScriptInvalidEscape, "octal escape sequences are not allowed in template literals", at: escapeStart)
            }
            legacyOctalOffset = legacyOctalOffset ?? escapeStart
            var value = UInt32(byte - 0x30)
            let maxDigits = byte <= UInt8(ascii: "3") ? 3 : 2
            var digits = 1
            while digits < maxDigits, peek(index) >= UInt8(ascii: "0"), peek(index) <= UInt8(ascii: "7") {
                value = value * 8 + UInt32(peek(index) - 0x30)
                index += 1
                digits += 1
            }
            buffer.append(UInt16(value))
        case UInt8(ascii: "8"), UInt8(ascii: "9"):
            if isTemplate {
                return fail(.javaScriptInvalidEscape, "\\8 and \\9 are not allowed in template literals", at: escapeStart)
            }
            legacyOctalOffset = legacyOctalOffset ?? escapeStart
            buffer.append(UInt16(byte))
        case UInt8(ascii: "x"):
            guard let high = Lexer.hexValue(peek(index)), let low = Lexer.hexValue(peek(index + 1)) else {
                return fail(.javaScriptInvalidEscape, "invalid hexadecimal escape sequence", at: escapeStart)
            }
            index += 2
            buffer.append(UInt16(high * 16 + low))
        case UInt8(ascii: "u"):
            var scanIndex = index
            do {
                let scalar = try scanUnicodeEscapeBody(at: &scanIndex)
                index = scanIndex
                Lexer.appendUTF16(scalar, to: &buffer)
            } catch {
                return error
            }
        default:
            if byte < 0x80 {
                buffer.append(UInt16(byte))
            } else {
                let (scalar, length) = decodeScalar(at: index - 1)
                guard length > 0 else { throw fail(.javaScriptUnexpectedCharacter, "invalid UTF-8", at: index - 1) }
                index += length - 1
                // Escaped U+2028/U+2029 are line continuations like escaped LF.
                if scalar != 0x2028, scalar != 0x2029 { Lexer.appendUTF16(scalar, to: &buffer) }
            }
        }
        return nil
    }

    // MARK: - Templates

    /// The raw text of the current template part (between its delimiters) with CR and CRLF normalized to LF.
    var templateRaw: String {
        let rawStart = start + 1
        let rawEnd = (kind == .templateHead || kind == .templateMiddle) ? end - 2 : end - 1
        let slice = UnsafeBufferPointer(rebasing: source[rawStart..<rawEnd])
        guard slice.contains(0x0D) else { return String(decoding: slice, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(slice.count)
        var index = 0
        while index < slice.count {
            if slice[index] == 0x0D {
                bytes.append(0x0A)
                if index + 1 < slice.count, slice[index + 1] == 0x0A { index += 1 }
            } else {
                bytes.append(slice[index])
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Scans template characters from `from` up to a closing backquote or `${`.
    private mutating func scanTemplate(from: Int, isContinuation: Bool) throws(JavaScriptSyntaxError) {
        stringValue.removeAll(keepingCapacity: true)
        invalidTemplateEscapeOffset = nil
        var index = from
        while true {
            guard index < source.count else {
                throw fail(.javaScriptUnterminatedTemplate, "unterminated template literal", at: start)
            }
            let byte = source[index]
            if byte == UInt8(ascii: "`") {
                index += 1
                kind = isContinuation ? .templateTail : .noSubstitutionTemplate
                break
            }
            if byte == UInt8(ascii: "$"), peek(index + 1) == UInt8(ascii: "{") {
                index += 2
                kind = isContinuation ? .templateMiddle : .templateHead
                break
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                var buffer = stringValue
                stringValue = []
                let escapeError = try scanEscape(at: &index, into: &buffer, isTemplate: true)
                stringValue = buffer
                if let escapeError {
                    invalidTemplateEscapeOffset = invalidTemplateEscapeOffset ?? escapeError.offset
                }
                continue
            }
            if byte == 0x0D {
                stringValue.append(0x0A)
                index += 1
                if peek(index) == 0x0A { index += 1 }
                continue
            }
            if byte < 0x80 {
                stringValue.append(UInt16(byte))
                index += 1
            } else {
                let (scalar, length) = decodeScalar(at: index)
                guard length > 0 else { throw fail(.javaScriptUnexpectedCharacter, "invalid UTF-8 in template", at: index) }
                Lexer.appendUTF16(scalar, to: &stringValue)
                index += length
            }
        }
        position = index
        end = index
    }

    /// The parser saw `}` while parsing a template substitution: continue the template after it.
    mutating func rescanTemplateContinuation() throws(JavaScriptSyntaxError) {
        try scanTemplate(from: start + 1, isContinuation: true)
    }

    // MARK: - Regular expressions

    /// The parser expects an expression and the current token is `/` or `/=`: scan a regular expression literal.
    /// Returns the pattern and flags.
    mutating func rescanRegularExpression() throws(JavaScriptSyntaxError) -> (pattern: String, flags: String) {
        var index = start + 1
        var inClass = false
        while true {
            guard index < source.count else {
                throw fail(.javaScriptUnterminatedRegularExpression, "unterminated regular expression", at: start)
            }
            let byte = source[index]
            if byte == 0x0A || byte == 0x0D {
                throw fail(.javaScriptUnterminatedRegularExpression, "unterminated regular expression", at: start)
            }
            if byte == 0xE2, peek(index + 1) == 0x80, peek(index + 2) == 0xA8 || peek(index + 2) == 0xA9 {
                throw fail(.javaScriptUnterminatedRegularExpression, "unterminated regular expression", at: start)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                let next = peek(index)
                if next == 0x0A || next == 0x0D || index >= source.count {
                    throw fail(.javaScriptUnterminatedRegularExpression, "unterminated regular expression", at: start)
                }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "]") {
                inClass = false
            } else if byte == UInt8(ascii: "/"), !inClass {
                break
            }
            index += 1
        }
        let pattern = text(from: start + 1, to: index)
        index += 1
        let flagsStart = index
        var seen: UInt32 = 0
        while index < source.count, Lexer.isASCIIIdentifierPart(source[index]) || source[index] >= 0x80 || source[index] == UInt8(ascii: "\\") {
            let flag = source[index]
            let bit: UInt32
            switch flag {
            case UInt8(ascii: "d"): bit = 1
            case UInt8(ascii: "g"): bit = 2
            case UInt8(ascii: "i"): bit = 4
            case UInt8(ascii: "m"): bit = 8
            case UInt8(ascii: "s"): bit = 16
            case UInt8(ascii: "u"): bit = 32
            case UInt8(ascii: "v"): bit = 64
            case UInt8(ascii: "y"): bit = 128
            default:
                throw fail(.javaScriptInvalidRegularExpressionFlags, "invalid regular expression flag", at: index)
            }
            if seen & bit != 0 {
                throw fail(.javaScriptInvalidRegularExpressionFlags, "duplicate regular expression flag", at: index)
            }
            seen |= bit
            if seen & 32 != 0, seen & 64 != 0 {
                throw fail(.javaScriptInvalidRegularExpressionFlags, "the flags u and v cannot be combined", at: index)
            }
            index += 1
        }
        let flags = text(from: flagsStart, to: index)
        position = index
        end = index
        kind = .regularExpression
        return (pattern, flags)
    }
}
