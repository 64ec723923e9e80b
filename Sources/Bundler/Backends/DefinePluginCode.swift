import OrderedJSON

/// The code webpack 5.75's DefinePlugin inserts for `'process.env.JS_ENV_EXTRA_CONFIG': JSON.parse(text)`, from
/// the one define model (`DefineSet`, parsed once),
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

    /// `toCode` of one value of the define set (whose objects are already in `Object.keys` order).
    public static func code(of value: DefineSet.Value) -> String {
        switch value {
        case .code(let raw, _, _, _): return raw
        case .array(let elements): return "[" + elements.map(code(of:)).joined(separator: ",") + "]"
        case .object(let members):
            let body = members.map { member in
                JSONWriter.write(.string(member.key), style: .javaScriptCompact) + ":" + code(of: member.value)
            }
            return "{" + body.joined(separator: ",") + "}"
        }
    }

    /// Every definition webpack registers for `name` = `value`, leaves first, as `walkDefinitions` visits them.
    /// Keys that are not identifiers (`"a-b"`, array indices) cannot appear in a dotted expression and are
    /// left to the enclosing object's definition, as in webpack, where no member expression can reach them.
    public static func definitions(name: String, value: DefineSet.Value) -> [Definition] {
        switch value {
        case .object(let members):
            var result: [Definition] = []
            for member in members where isIdentifierName(member.key) {
                result += definitions(name: name + "." + member.key, value: member.value)
            }
            result.append(Definition(expression: name, code: code(of: value)))
            return result
        default:
            return [Definition(expression: name, code: code(of: value))]
        }
    }

    /// The definitions of `process.env.JS_ENV_EXTRA_CONFIG` for a define set (none when it is unset).
    public static func definitions(of defines: DefineSet) -> [Definition] {
        guard let root = defines.root else { return [] }
        return definitions(name: "process.env." + DefineSet.variableName, value: .object(root))
    }

    static func isIdentifierName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first == "$" || first.properties.isXIDStart else {
            return false
        }
        return text.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0 == "$" || $0.properties.isXIDContinue }
    }
}
