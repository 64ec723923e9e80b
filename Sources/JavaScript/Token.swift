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

    /// Keywords are 2 to 11 ASCII letters. The bytes are packed into two integers (eight bytes, then the rest)
    /// and matched by a switch over constants, which is much cheaper than hashing a string per identifier.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Keyword {
        let length = bytes.count
        guard length >= 2, length <= 11 else { return .none }
        let first = bytes[0]
        guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "y") else { return .none }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for index in 0..<min(length, 8) { low |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        if length > 8 {
            for index in 8..<length { high |= UInt64(bytes[index]) << (8 * UInt64(index - 8)) }
        }
        switch low {
        case 0x0000006B61657262: return high == 0 ? .`break` : .none
        case 0x0000000065736163: return high == 0 ? .`case` : .none
        case 0x0000006863746163: return high == 0 ? .`catch` : .none
        case 0x0000007373616C63: return high == 0 ? .`class` : .none
        case 0x00000074736E6F63: return high == 0 ? .`const` : .none
        case 0x65756E69746E6F63: return high == 0 ? .`continue` : .none
        case 0x7265676775626564: return high == 0 ? .`debugger` : .none
        case 0x00746C7561666564: return high == 0 ? .`default` : .none
        case 0x00006574656C6564: return high == 0 ? .`delete` : .none
        case 0x0000000000006F64: return high == 0 ? .`do` : .none
        case 0x0000000065736C65: return high == 0 ? .`else` : .none
        case 0x000000006D756E65: return high == 0 ? .`enum` : .none
        case 0x000074726F707865: return high == 0 ? .`export` : .none
        case 0x0073646E65747865: return high == 0 ? .`extends` : .none
        case 0x00000065736C6166: return high == 0 ? .`false` : .none
        case 0x00796C6C616E6966: return high == 0 ? .`finally` : .none
        case 0x0000000000726F66: return high == 0 ? .`for` : .none
        case 0x6E6F6974636E7566: return high == 0 ? .`function` : .none
        case 0x0000000000006669: return high == 0 ? .`if` : .none
        case 0x000074726F706D69: return high == 0 ? .`import` : .none
        case 0x0000000000006E69: return high == 0 ? .`in` : .none
        case 0x65636E6174736E69: return high == 0x666F ? .`instanceof` : .none
        case 0x000000000077656E: return high == 0 ? .`new` : .none
        case 0x000000006C6C756E: return high == 0 ? .`null` : .none
        case 0x00006E7275746572: return high == 0 ? .`return` : .none
        case 0x0000007265707573: return high == 0 ? .`super` : .none
        case 0x0000686374697773: return high == 0 ? .`switch` : .none
        case 0x0000000073696874: return high == 0 ? .`this` : .none
        case 0x000000776F726874: return high == 0 ? .`throw` : .none
        case 0x0000000065757274: return high == 0 ? .`true` : .none
        case 0x0000000000797274: return high == 0 ? .`try` : .none
        case 0x0000666F65707974: return high == 0 ? .`typeof` : .none
        case 0x0000000000726176: return high == 0 ? .`var` : .none
        case 0x0000000064696F76: return high == 0 ? .`void` : .none
        case 0x000000656C696877: return high == 0 ? .`while` : .none
        case 0x0000000068746977: return high == 0 ? .`with` : .none
        case 0x6E656D656C706D69: return high == 0x7374 ? .`implements` : .none
        case 0x6361667265746E69: return high == 0x65 ? .`interface` : .none
        case 0x000000000074656C: return high == 0 ? .`let` : .none
        case 0x006567616B636170: return high == 0 ? .`package` : .none
        case 0x0065746176697270: return high == 0 ? .`private` : .none
        case 0x65746365746F7270: return high == 0x64 ? .`protected` : .none
        case 0x000063696C627570: return high == 0 ? .`public` : .none
        case 0x0000636974617473: return high == 0 ? .`static` : .none
        case 0x000000646C656979: return high == 0 ? .`yield` : .none
        case 0x0000007469617761: return high == 0 ? .`await` : .none
        case 0x000000636E797361: return high == 0 ? .`async` : .none
        case 0x000000000000666F: return high == 0 ? .`of` : .none
        case 0x0000000000746567: return high == 0 ? .`get` : .none
        case 0x0000000000746573: return high == 0 ? .`set` : .none
        case 0x0000746567726174: return high == 0 ? .`target` : .none
        case 0x000000006174656D: return high == 0 ? .`meta` : .none
        case 0x0000000000007361: return high == 0 ? .`as` : .none
        case 0x000000006D6F7266: return high == 0 ? .`from` : .none
        case 0x726F737365636361: return high == 0 ? .`accessor` : .none
        case 0x63757274736E6F63: return high == 0x726F74 ? .`constructor` : .none
        case 0x746E656D75677261: return high == 0x73 ? .`arguments` : .none
        case 0x000000006C617665: return high == 0 ? .`eval` : .none
        default: return .none
        }
    }

    static func lookup(_ name: String) -> Keyword {
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { lookup($0) }
    }
}
