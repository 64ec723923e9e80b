import Diagnostics
import OrderedJSON

extension PythonValue {
    /// A one-line rendering in the manner of Python's `repr` (paths print as `Path('…')`, unknown
    /// values as `<unknown: reason>`), for the `settings` command.
    public var pythonRepr: String {
        switch self {
        case .none: return "None"
        case .bool(let value): return value ? "True" : "False"
        case .int(let digits): return digits
        case .float(let text): return text
        case .string(let text): return PythonFormatting.stringRepr(text)
        case .bytes(let bytes): return PythonFormatting.bytesRepr(bytes)
        case .list(let items): return "[" + items.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .tuple(let items):
            if items.count == 1 { return "(" + items[0].pythonRepr + ",)" }
            return "(" + items.map(\.pythonRepr).joined(separator: ", ") + ")"
        case .dict(let entries):
            return "{" + entries.map { "\($0.key.pythonRepr): \($0.value.pythonRepr)" }.joined(separator: ", ") + "}"
        case .path(let text): return "Path(\(PythonFormatting.stringRepr(text)))"
        case .unknown(let unknown): return "<unknown: \(unknown.reason)>"
        }
    }

    /// `str(value)` where Python's result is known.
    public var pythonStr: String {
        switch self {
        case .string(let text), .path(let text): return text
        default: return pythonRepr
        }
    }

    /// The value as JSON: tuples become arrays, paths strings, dict keys their `str`; an unknown value
    /// becomes `{"unknown": reason, "file": …, "line": …}` so consumers can tell it apart.
    public var jsonValue: JSONValue {
        switch self {
        case .none: return .null
        case .bool(let value): return .bool(value)
        case .int(let digits): return .number(digits)
        case .float(let text):
            if text == "inf" || text == "-inf" || text == "nan" { return .string(text) }
            return .number(text)
        case .string(let text), .path(let text): return .string(text)
        case .bytes(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
        case .list(let items), .tuple(let items): return .array(items.map(\.jsonValue))
        case .dict(let entries):
            return .object(entries.map { JSONMember($0.key.pythonStr, $0.value.jsonValue) })
        case .unknown(let unknown):
            var members = [JSONMember("unknown", .string(unknown.reason))]
            members.append(JSONMember("file", unknown.location.file.map(JSONValue.string) ?? .null))
            members.append(JSONMember("line", unknown.location.line.map(JSONValue.integer) ?? .null))
            return .object(members)
        }
    }

    /// True when the value, or anything inside it, could not be evaluated.
    public var containsUnknown: Bool {
        switch self {
        case .unknown: return true
        case .list(let items), .tuple(let items): return items.contains { $0.containsUnknown }
        case .dict(let entries): return entries.contains { $0.key.containsUnknown || $0.value.containsUnknown }
        default: return false
        }
    }
}

/// Python's text conventions: `repr` of strings and floats, `%` formatting, `str.format`.
enum PythonFormatting {
    static func stringRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if Character(scalar) == quote {
                    result += "\\" + String(quote)
                } else if !isPrintable(scalar) {
                    // As `str.isprintable`: other characters are written as escapes.
                    if scalar.value < 0x100 {
                        result += "\\x" + hex(scalar.value, width: 2)
                    } else if scalar.value < 0x10000 {
                        result += "\\u" + hex(scalar.value, width: 4)
                    } else {
                        result += "\\U" + hex(scalar.value, width: 8)
                    }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        result.append(quote)
        return result
    }

    /// Python's `str.isprintable` for one character: not a control, format, surrogate, private-use,
    /// unassigned or separator character, except the space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    static func bytesRepr(_ bytes: [UInt8]) -> String {
        let hasSingle = bytes.contains(0x27)
        let hasDouble = bytes.contains(0x22)
        let quote: UInt8 = hasSingle && !hasDouble ? 0x22 : 0x27
        var result = "b" + String(UnicodeScalar(quote))
        for byte in bytes {
            switch byte {
            case 0x5C: result += "\\\\"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case quote: result += "\\" + String(UnicodeScalar(quote))
            case 0x20..<0x7F: result.unicodeScalars.append(UnicodeScalar(byte))
            default: result += "\\x" + hex(UInt32(byte), width: 2)
            }
        }
        return result + String(UnicodeScalar(quote))
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `repr(float)`: shortest round-tripping digits, Python's exponent style.
    static func floatRepr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude >= 1e16 || magnitude < 1e-4) {
            // Swift prints `1e+16` / `1e-05` the way Python does.
            return "\(value)"
        }
        var text = "\(value)"
        if text.contains("e") {
            // Swift switches to exponent form earlier than Python; spell out plain digits.
            text = plainDecimal(value)
        }
        if !text.contains(".") { text += ".0" }
        return text
    }

    private static func plainDecimal(_ value: Double) -> String {
        let text = "\(value)"
        guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(text[text.index(after: exponentIndex)...])
        else { return text }
        var mantissa = String(text[..<exponentIndex])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerPart + fraction
        var pointPosition = integerPart.count + exponent
        if pointPosition <= 0 {
            digits = String(repeating: "0", count: -pointPosition + 1) + digits
            pointPosition = 1
        }
        if pointPosition >= digits.count {
            digits += String(repeating: "0", count: pointPosition - digits.count)
            return (negative ? "-" : "") + digits + ".0"
        }
        let index = digits.index(digits.startIndex, offsetBy: pointPosition)
        var result = String(digits[..<index]) + "." + String(digits[index...])
        while result.hasSuffix("0") && !result.hasSuffix(".0") { result.removeLast() }
        return (negative ? "-" : "") + result
    }

    /// `format % arguments` for the conversions settings use (`%s %r %d %i %f %%`, `%(name)s`).
    /// Nil when the format uses something not modelled.
    static func percentFormat(_ format: String, _ arguments: PythonValue) -> String? {
        var positional: [PythonValue] = []
        var mapping: PythonValue?
        switch arguments {
        case .tuple(let items): positional = items
        case .dict: mapping = arguments
        default: positional = [arguments]
        }
        var result = ""
        var nextArgument = 0
        let characters = Array(format)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "%" else {
                result.append(character)
                index += 1
                continue
            }
            index += 1
            guard index < characters.count else { return nil }
            var value: PythonValue?
            if characters[index] == "(" {
                guard let close = characters[index...].firstIndex(of: ")"), let mapping else { return nil }
                let key = String(characters[(index + 1)..<close])
                guard let found = mapping[key] else { return nil }
                value = found
                index = close + 1
            }
            var precision: Int?
            var flags = ""
            while index < characters.count, "-+ #0123456789".contains(characters[index]) {
                flags.append(characters[index])
                index += 1
            }
            if index < characters.count, characters[index] == "." {
                index += 1
                var digits = ""
                while index < characters.count, characters[index].isNumber {
                    digits.append(characters[index])
                    index += 1
                }
                precision = Int(digits) ?? 0
            }
            guard index < characters.count, flags.isEmpty else { return nil }
            let conversion = characters[index]
            index += 1
            if conversion == "%" {
                result.append("%")
                continue
            }
            if value == nil {
                guard nextArgument < positional.count else { return nil }
                value = positional[nextArgument]
                nextArgument += 1
            }
            guard let value, !value.containsUnknown else { return nil }
            switch conversion {
            case "s": result += value.pythonStr
            case "r": result += value.pythonRepr
            case "d", "i":
                switch value {
                case .int(let digits): result += digits
                case .bool(let flag): result += flag ? "1" : "0"
                default: return nil
                }
            case "f":
                guard let number = value.numericValue, (precision ?? 6) <= 17 else { return nil }
                result += fixed(number, precision: precision ?? 6)
            default:
                return nil
            }
        }
        if mapping == nil && nextArgument != positional.count { return nil }
        return result
    }

    private static func fixed(_ value: Double, precision: Int) -> String {
        var scale = 1.0
        for _ in 0..<precision { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = plainDecimal(rounded)
        if !text.contains(".") { text += "." }
        let fraction = text.split(separator: ".", omittingEmptySubsequences: false)
        var decimals = fraction.count > 1 ? String(fraction[1]) : ""
        if decimals.count < precision { decimals += String(repeating: "0", count: precision - decimals.count) }
        decimals = String(decimals.prefix(precision))
        return precision == 0 ? String(fraction[0]) : String(fraction[0]) + "." + decimals
    }

    /// `template.format(*positional, **keywords)` for plain `{}`, `{0}` and `{name}` fields with `!s`/`!r`.
    static func braceFormat(_ template: String, positional: [PythonValue], keywords: [String: PythonValue]) -> String? {
        var result = ""
        var automatic = 0
        let characters = Array(template)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{" {
                if index + 1 < characters.count && characters[index + 1] == "{" {
                    result.append("{")
                    index += 2
                    continue
                }
                guard let close = characters[index...].firstIndex(of: "}") else { return nil }
                var field = String(characters[(index + 1)..<close])
                index = close + 1
                var conversion: Character?
                if let bang = field.firstIndex(of: "!") {
                    conversion = field[field.index(after: bang)...].first
                    field = String(field[..<bang])
                }
                if field.contains(":") || field.contains(".") || field.contains("[") { return nil }
                let value: PythonValue?
                if field.isEmpty {
                    value = automatic < positional.count ? positional[automatic] : nil
                    automatic += 1
                } else if let number = Int(field) {
                    value = number < positional.count ? positional[number] : nil
                } else {
                    value = keywords[field]
                }
                guard let value, !value.containsUnknown else { return nil }
                result += conversion == "r" ? value.pythonRepr : value.pythonStr
                continue
            }
            if character == "}" {
                guard index + 1 < characters.count, characters[index + 1] == "}" else { return nil }
                result.append("}")
                index += 2
                continue
            }
            result.append(character)
            index += 1
        }
        return result
    }
}

extension PythonValue {
    var numericValue: Double? {
        switch self {
        case .int(let digits): return Double(digits)
        case .float(let text): return Double(text)
        case .bool(let flag): return flag ? 1 : 0
        default: return nil
        }
    }
}
