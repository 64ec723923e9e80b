import OrderedJSON

/// The code webpack 5.75's DefinePlugin inserts for `'process.env.JS_ENV_EXTRA_CONFIG': JSON.parse(text)`,
/// so that another bundler (esbuild) can be given the same replacements (spec build.md §4).
///
/// A string is inserted as raw source (no quoting: that is why deployments write `"\"https://…\""`),
/// numbers, booleans and null as literals, objects and arrays as `{"key":<code>,…}` / `[<code>,…]` with
/// JSON-quoted keys and no spaces. An object defines itself and, recursively, each of its keys
/// (`process.env.JS_ENV_EXTRA_CONFIG.KEY`), exactly as `walkDefinitions` does.
public enum DefinePluginCode {
    /// One replacement: the dotted expression and the code that replaces it.
    public struct Definition: Sendable, Hashable {
        public var expression: String
        public var code: String

        public init(expression: String, code: String) {
            self.expression = expression
            self.code = code
        }
    }

    /// `toCode` of one parsed JSON value.
    public static func code(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return text
        case .array(let elements): return "[" + elements.map(code(of:)).joined(separator: ",") + "]"
        case .object(let members):
            let body = objectKeysInJavaScriptOrder(members).map { member in
                JSONWriter.write(.string(member.key), style: .javaScriptCompact) + ":" + code(of: member.value)
            }
            return "{" + body.joined(separator: ",") + "}"
        }
    }

    /// Every definition webpack registers for `name` = `value`, leaves first, as `walkDefinitions` visits them.
    /// Keys that are not identifiers (`"a-b"`, array indices) cannot appear in a dotted expression and are
    /// left to the enclosing object's definition, as in webpack, where no member expression can reach them.
    public static func definitions(name: String, value: JSONValue) -> [Definition] {
        switch value {
        case .object(let members):
            var result: [Definition] = []
            for member in objectKeysInJavaScriptOrder(members) where isIdentifierName(member.key) {
                result += definitions(name: name + "." + member.key, value: member.value)
            }
            result.append(Definition(expression: name, code: code(of: value)))
            return result
        default:
            return [Definition(expression: name, code: code(of: value))]
        }
    }

    /// `Object.keys` order of what `JSON.parse` builds: integer-like keys ascending first, then the others
    /// in first-appearance order; a repeated key keeps its first position and its last value.
    static func objectKeysInJavaScriptOrder(_ members: [JSONMember]) -> [JSONMember] {
        var order: [String] = []
        var values: [String: JSONValue] = [:]
        for member in members {
            if values[member.key] == nil { order.append(member.key) }
            values[member.key] = member.value
        }
        let indices = order.compactMap { key in arrayIndex(key).map { (key, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        let others = order.filter { arrayIndex($0) == nil }
        return (indices + others).compactMap { key in values[key].map { JSONMember(key, $0) } }
    }

    /// The number of a canonical array-index key ("0", "17"; not "01" or "-1").
    private static func arrayIndex(_ key: String) -> UInt64? {
        guard let number = UInt64(key), number < 4_294_967_295, String(number) == key else { return nil }
        return number
    }

    static func isIdentifierName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first == "$" || first.properties.isXIDStart else {
            return false
        }
        return text.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0 == "$" || $0.properties.isXIDContinue }
    }
}
