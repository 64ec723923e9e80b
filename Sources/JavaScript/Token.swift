/// The kinds of tokens the lexer produces. Keywords are `.identifier` tokens with a `Keyword` attached,
/// because most of them are only keywords in some contexts.
enum TokenKind: UInt8, Sendable {
    case endOfFile
    case identifier
    case privateName
    case number
    case bigInt
    case string
    case noSubstitutionTemplate
    case templateHead
    case templateMiddle
    case templateTail
    case regularExpression

    case openBrace, closeBrace, openParen, closeParen, openBracket, closeBracket
    case dot, dotDotDot, semicolon, comma, colon, question, questionDot, arrow
    case lessThan, greaterThan, lessThanEquals, greaterThanEquals
    case equalsEquals, exclamationEquals, equalsEqualsEquals, exclamationEqualsEquals
    case plus, minus, asterisk, asteriskAsterisk, slash, percent, plusPlus, minusMinus
    case lessThanLessThan, greaterThanGreaterThan, greaterThanGreaterThanGreaterThan
    case ampersand, bar, caret, exclamation, tilde, ampersandAmpersand, barBar, questionQuestion
    case equals, plusEquals, minusEquals, asteriskEquals, asteriskAsteriskEquals, slashEquals, percentEquals
    case lessThanLessThanEquals, greaterThanGreaterThanEquals, greaterThanGreaterThanGreaterThanEquals
    case ampersandEquals, barEquals, caretEquals, ampersandAmpersandEquals, barBarEquals, questionQuestionEquals

    var text: String {
        switch self {
        case .endOfFile: "end of file"
        case .identifier: "identifier"
        case .privateName: "private name"
        case .number, .bigInt: "number"
        case .string: "string"
        case .noSubstitutionTemplate, .templateHead, .templateMiddle, .templateTail: "template literal"
        case .regularExpression: "regular expression"
        case .openBrace: "'{'"
        case .closeBrace: "'}'"
        case .openParen: "'('"
        case .closeParen: "')'"
        case .openBracket: "'['"
        case .closeBracket: "']'"
        case .dot: "'.'"
        case .dotDotDot: "'...'"
        case .semicolon: "';'"
        case .comma: "','"
        case .colon: "':'"
        case .question: "'?'"
        case .questionDot: "'?.'"
        case .arrow: "'=>'"
        default: "operator"
        }
    }

    /// The assignment operator a token stands for, if it is one.
    var assignmentOperator: AssignmentOperator? {
        switch self {
        case .equals: .assign
        case .plusEquals: .add
        case .minusEquals: .subtract
        case .asteriskEquals: .multiply
        case .asteriskAsteriskEquals: .exponent
        case .slashEquals: .divide
        case .percentEquals: .remainder
        case .lessThanLessThanEquals: .shiftLeft
        case .greaterThanGreaterThanEquals: .shiftRight
        case .greaterThanGreaterThanGreaterThanEquals: .unsignedShiftRight
        case .ampersandEquals: .bitwiseAnd
        case .barEquals: .bitwiseOr
        case .caretEquals: .bitwiseXor
        case .ampersandAmpersandEquals: .logicalAnd
        case .barBarEquals: .logicalOr
        case .questionQuestionEquals: .nullishCoalescing
        default: nil
        }
    }
}

/// Reserved and contextual words. Which of them act as keywords depends on the parser's context.
enum Keyword: UInt8, Sendable {
    case none
    // Reserved words
    case `break`, `case`, `catch`, `class`, `const`, `continue`, `debugger`, `default`, `delete`, `do`, `else`
    case `enum`, `export`, `extends`, `false`, `finally`, `for`, `function`, `if`, `import`, `in`, `instanceof`
    case `new`, `null`, `return`, `super`, `switch`, `this`, `throw`, `true`, `try`, `typeof`, `var`, `void`
    case `while`, `with`
    // Reserved only in strict mode
    case `implements`, `interface`, `let`, `package`, `private`, `protected`, `public`, `static`, `yield`
    // Contextual
    case `await`, `async`, `of`, `get`, `set`, `target`, `meta`, `as`, `from`, `accessor`, `constructor`
    case `arguments`, `eval`

    /// Words that can never be an identifier reference or binding.
    var isReserved: Bool { rawValue >= Keyword.break.rawValue && rawValue <= Keyword.with.rawValue }

    /// Words that are reserved in strict mode code in addition to `isReserved`.
    var isStrictReserved: Bool { rawValue >= Keyword.implements.rawValue && rawValue <= Keyword.yield.rawValue }

    private static let all: [Keyword] = [
        .break, .case, .catch, .class, .const, .continue, .debugger, .default, .delete, .do, .else, .enum,
        .export, .extends, .false, .finally, .for, .function, .if, .import, .in, .instanceof, .new, .null,
        .return, .super, .switch, .this, .throw, .true, .try, .typeof, .var, .void, .while, .with,
        .implements, .interface, .let, .package, .private, .protected, .public, .static, .yield, .await,
        .async, .of, .get, .set, .target, .meta, .as, .from, .accessor, .constructor, .arguments, .eval,
    ]

    /// A keyword's bytes packed into two integers (keywords are at most 11 ASCII bytes).
    struct PackedName: Equatable {
        var low: UInt64
        var high: UInt64
    }

    static func pack<Bytes: Collection>(_ bytes: Bytes) -> PackedName where Bytes.Element == UInt8 {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { low |= UInt64(byte) << (8 * UInt64(index)) } else { high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        return PackedName(low: low, high: high)
    }

    /// Candidates by length: comparing two integers per candidate is much cheaper than hashing a string.
    private static let byLength: [[(PackedName, Keyword)]] = {
        var table = [[(PackedName, Keyword)]](repeating: [], count: 12)
        for keyword in all {
            let name = Array("\(keyword)".utf8)
            table[name.count].append((pack(name), keyword))
        }
        return table
    }()

    /// Keywords are 2 to 11 ASCII lowercase letters; checking that first keeps the table off most identifiers.
    static func lookup<Bytes: Collection>(_ bytes: Bytes) -> Keyword where Bytes.Element == UInt8 {
        let length = bytes.count
        guard length >= 2, length <= 11, let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "y") else {
            return .none
        }
        let packed = pack(bytes)
        for (candidate, keyword) in byLength[length] where candidate == packed { return keyword }
        return .none
    }

    static func lookup(_ name: String) -> Keyword {
        lookup(Array(name.utf8))
    }
}
