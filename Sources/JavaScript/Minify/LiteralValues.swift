/// What the shortener knows about a literal expression at compile time.
enum LiteralValue: Equatable {
    case string(JavaScriptString)
    case number(Double)
    case boolean(Bool)
    case null
    case undefined

    /// The literal an expression is, when it is one (`!0`, `!1` and `void 0` included).
    static func of(_ expression: ExpressionNode) -> LiteralValue? {
        switch expression.kind {
        case .string(let value): return .string(value)
        case .number(let raw): return NumericLiteral.value(of: raw).map { .number($0) }
        case .boolean(let value): return .boolean(value)
        case .null: return .null
        case .unary(.void, let operand):
            if case .number = operand.kind { return .undefined }
            return nil
        case .unary(.not, let operand):
            guard let inner = LiteralValue.of(operand) else { return nil }
            return .boolean(!inner.isTruthy)
        default: return nil
        }
    }

    var isTruthy: Bool {
        switch self {
        case .string(let value): !value.utf16.isEmpty
        case .number(let value): value != 0 && !value.isNaN
        case .boolean(let value): value
        case .null, .undefined: false
        }
    }

    var typeName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .boolean: "boolean"
        case .null: "object"
        case .undefined: "undefined"
        }
    }

    /// `===` between two literals.
    func strictlyEquals(_ other: LiteralValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): a == b
        default: self == other
        }
    }

    /// `==` when both sides have the same type or are null/undefined; nil when coercion rules would apply.
    func looselyEquals(_ other: LiteralValue) -> Bool? {
        switch (self, other) {
        case (.null, .null), (.undefined, .undefined), (.null, .undefined), (.undefined, .null): true
        case (.null, _), (.undefined, _), (_, .null), (_, .undefined): false
        default: typeName == other.typeName ? strictlyEquals(other) : nil
        }
    }
}

/// Numeric literal text: its value and its shortest spelling.
enum NumericLiteral {
    /// The value of decimal, hex, octal (`0o`) and binary literals; nil for legacy octal (`010`) and bigints.
    static func value(of raw: String) -> Double? {
        if let integer = plainInteger(raw) { return Double(integer) }
        let text = raw.filter { $0 != "_" }
        let lower = text.lowercased()
        if lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") {
            let radix = lower.hasPrefix("0x") ? 16 : lower.hasPrefix("0o") ? 8 : 2
            var value = 0.0
            for character in lower.dropFirst(2) {
                guard let digit = character.hexDigitValue, digit < radix else { return nil }
                value = value * Double(radix) + Double(digit)
            }
            return value
        }
        if text.count > 1, text.hasPrefix("0"), let second = text.dropFirst().first, second.isNumber { return nil }
        return Double(text)
    }

    /// The value of a literal written as plain decimal digits without a leading zero (`0`, `7`, `1000`), the
    /// common case, read without building strings; nil for any other spelling. At most 15 digits, so exact.
    static func plainInteger(_ raw: String) -> Int64? {
        raw.utf8.withContiguousStorageIfAvailable { bytes -> Int64? in
            guard let first = bytes.first, bytes.count <= 15, first != UInt8(ascii: "0") || bytes.count == 1 else { return nil }
            var value: Int64 = 0
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        } ?? nil
    }

    /// The shortest spelling of a literal; nil when it is already the shortest or has no numeric value here.
    static func shortened(_ raw: String) -> String? {
        if let integer = plainInteger(raw) {
            // Up to 3 digits is already the shortest: an exponent saves a character from 3 trailing zeros on (`1e3`),
            // hexadecimal only for far longer numbers.
            guard raw.utf8.count > 3 else { return nil }
            let shortest = shortestInteger(integer)
            return shortest.utf8.count < raw.utf8.count ? shortest : nil
        }
        guard let value = value(of: raw), let shortest = shortest(value), shortest.utf8.count < raw.utf8.count else { return nil }
        return shortest
    }

    /// The shortest text that reads back as `value` (which must be finite and not negative).
    static func shortest(_ value: Double) -> String? {
        guard value.isFinite, value >= 0, !(value == 0 && value.sign == .minus) else { return nil }
        if value == value.rounded(), value < 9.007199254740992e15 { return shortestInteger(Int64(value)) }
        var candidates: [String] = []
        if value == value.rounded(), value < 9.007199254740992e15 {
            let integer = String(Int64(value))
            candidates.append(integer)
            // Trailing zeros as an exponent: 1000 → 1e3.
            var zeros = 0
            var digits = Substring(integer)
            while digits.count > 1, digits.last == "0" {
                zeros += 1
                digits = digits.dropLast()
            }
            if zeros > 0 { candidates.append(String(digits) + "e" + String(zeros)) }
            candidates.append("0x" + String(Int64(value), radix: 16))
        }
        var description = "\(value)"
        if description.hasSuffix(".0") { description.removeLast(2) }
        if let e = description.firstIndex(of: "e") {
            let mantissa = description[..<e]
            var exponent = description[description.index(after: e)...]
            var negative = false
            if exponent.hasPrefix("+") { exponent = exponent.dropFirst() }
            if exponent.hasPrefix("-") {
                negative = true
                exponent = exponent.dropFirst()
            }
            while exponent.count > 1, exponent.hasPrefix("0") { exponent = exponent.dropFirst() }
            description = mantissa + "e" + (negative ? "-" : "") + exponent
        }
        if description.hasPrefix("0.") { description.removeFirst() }
        candidates.append(description)
        let valid = candidates.filter { NumericLiteral.value(of: $0) == value || Double($0) == value }
        return valid.min { $0.utf8.count < $1.utf8.count }
    }

    /// The shortest of `1000`, `1e3` and `0x3e8` (the first of equally short ones) for 0 ≤ `integer` < 2^53,
    /// where each reads back exactly and the plain `description` of the double is never shorter than the digits.
    static func shortestInteger(_ integer: Int64) -> String {
        let decimal = String(integer)
        var best = decimal
        var digits = decimal.utf8.count
        var zeros = 0
        var mantissa = integer
        while digits > 1, mantissa % 10 == 0 {
            mantissa /= 10
            digits -= 1
            zeros += 1
        }
        if zeros > 0 {
            let exponent = String(mantissa) + "e" + String(zeros)
            if exponent.utf8.count < best.utf8.count { best = exponent }
        }
        let hexadecimal = "0x" + String(integer, radix: 16)
        if hexadecimal.utf8.count < best.utf8.count { best = hexadecimal }
        return best
    }
}
