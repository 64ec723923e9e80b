/// Operator precedence levels shared by the parser (how far to parse) and the printer (when to add parentheses).
public enum Precedence: Int, Comparable, Sendable {
    case lowest, comma, spread, yield, assign, conditional, nullishCoalescing, logicalOr, logicalAnd
    case bitwiseOr, bitwiseXor, bitwiseAnd, equals, compare, shift, add, multiply, exponentiation
    case prefix, postfix, new, call, member

    public static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }

    var lower: Precedence { Precedence(rawValue: rawValue - 1) ?? .lowest }
}

extension BinaryOperator {
    public var precedence: Precedence {
        switch self {
        case .nullishCoalescing: .nullishCoalescing
        case .logicalOr: .logicalOr
        case .logicalAnd: .logicalAnd
        case .bitwiseOr: .bitwiseOr
        case .bitwiseXor: .bitwiseXor
        case .bitwiseAnd: .bitwiseAnd
        case .equal, .notEqual, .strictEqual, .strictNotEqual: .equals
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .in, .instanceof: .compare
        case .shiftLeft, .shiftRight, .unsignedShiftRight: .shift
        case .add, .subtract: .add
        case .multiply, .divide, .remainder: .multiply
        case .exponent: .exponentiation
        }
    }

    /// The operator a token stands for in binary position (`in` and `instanceof` are keywords, handled by the parser).
    static func forToken(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .questionQuestion: .nullishCoalescing
        case .barBar: .logicalOr
        case .ampersandAmpersand: .logicalAnd
        case .bar: .bitwiseOr
        case .caret: .bitwiseXor
        case .ampersand: .bitwiseAnd
        case .equalsEquals: .equal
        case .exclamationEquals: .notEqual
        case .equalsEqualsEquals: .strictEqual
        case .exclamationEqualsEquals: .strictNotEqual
        case .lessThan: .lessThan
        case .lessThanEquals: .lessThanOrEqual
        case .greaterThan: .greaterThan
        case .greaterThanEquals: .greaterThanOrEqual
        case .lessThanLessThan: .shiftLeft
        case .greaterThanGreaterThan: .shiftRight
        case .greaterThanGreaterThanGreaterThan: .unsignedShiftRight
        case .plus: .add
        case .minus: .subtract
        case .asterisk: .multiply
        case .slash: .divide
        case .percent: .remainder
        case .asteriskAsterisk: .exponent
        default: nil
        }
    }
}
