/// Writes `JSONValue`s byte-for-byte the way the upstream producers do.
public enum JSONStyle: Sendable, Hashable {
    /// Python's `json.dumps(value)` with default arguments: `", "` and `": "` separators, `ensure_ascii=True`.
    /// This is how edx_proctoring writes workers.json.
    case python
    /// JavaScript's `JSON.stringify(value)`: no spaces, non-ASCII kept as is.
    /// This is how webpack-bundle-tracker 0.4.x writes its stats file.
    case javaScriptCompact
    /// JavaScript's `JSON.stringify(value, null, indent)`.
    /// This is how webpack-bundle-tracker ≥ 1.3 writes its stats file (indent 2).
    case javaScriptIndented(Int)
}

public enum JSONWriter {
    /// The JSON text of `value` in `style`, with no trailing newline (neither upstream writer adds one).
    public static func write(_ value: JSONValue, style: JSONStyle) -> String {
        var output = ""
        append(value, style: style, depth: 0, to: &output)
        return output
    }

    private static func append(_ value: JSONValue, style: JSONStyle, depth: Int, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): appendString(text, asciiOnly: style == .python, to: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += itemSeparator(style) }
                appendNewlineAndIndent(style: style, depth: depth + 1, to: &output)
                append(element, style: style, depth: depth + 1, to: &output)
            }
            appendNewlineAndIndent(style: style, depth: depth, to: &output)
            output += "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { output += itemSeparator(style) }
                appendNewlineAndIndent(style: style, depth: depth + 1, to: &output)
                appendString(member.key, asciiOnly: style == .python, to: &output)
                output += style == .javaScriptCompact ? ":" : ": "
                append(member.value, style: style, depth: depth + 1, to: &output)
            }
            appendNewlineAndIndent(style: style, depth: depth, to: &output)
            output += "}"
        }
    }

    private static func itemSeparator(_ style: JSONStyle) -> String {
        style == .python ? ", " : ","
    }

    private static func appendNewlineAndIndent(style: JSONStyle, depth: Int, to output: inout String) {
        guard case .javaScriptIndented(let width) = style, width > 0 else { return }
        output += "\n"
        output += String(repeating: " ", count: width * depth)
    }

    /// Python's `ensure_ascii` escapes everything outside `' '...'~'`; JSON.stringify escapes only
    /// quotes, backslashes and control characters below U+0020.
    private static func appendString(_ text: String, asciiOnly: Bool, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    output += unicodeEscape(scalar.value)
                } else if asciiOnly && scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        let offset = scalar.value - 0x10000
                        output += unicodeEscape(0xD800 + (offset >> 10))
                        output += unicodeEscape(0xDC00 + (offset & 0x3FF))
                    } else {
                        output += unicodeEscape(scalar.value)
                    }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
