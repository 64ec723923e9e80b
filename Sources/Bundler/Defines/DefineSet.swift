import Diagnostics
import JavaScript
import OrderedJSON
import ThreadSupport

/// The value of `JS_ENV_EXTRA_CONFIG` as webpack's DefinePlugin sees it: a JSON object whose leaves are
/// JavaScript *code* (a JSON string `"\"x\""` is the code `"x"`, a number or boolean its literal).
///
/// Parsing fails only for problems of the whole variable (invalid JSON, a top-level value that is not an
/// object). A leaf that is not a JavaScript expression is kept with its syntax error: whether it is an
/// error depends on whether a module reads it, which only the bundler knows.
public struct DefineSet: Sendable {
    /// One value of the object, as DefinePlugin's `walkDefinitions` sees it.
    public indirect enum Value: Sendable {
        /// Raw code and, when it parses as one expression, that expression and the names it reads that
        /// a browser worker does not define (a ReferenceError when the value is evaluated).
        case code(raw: String, expression: ExpressionNode?, syntaxError: String?, freeNames: [String] = [])
        case object([(key: String, value: Value)])
        case array([Value])
    }

    /// Where the text came from (the environment variable, or a settings key), for messages.
    public var location: SourceLocation
    /// nil when the variable is not set.
    public var root: [(key: String, value: Value)]?
    /// The variable's text as given (what webpack's own worker config `JSON.parse`s).
    public var text: String?

    public static let variableName = "JS_ENV_EXTRA_CONFIG"

    public var isUnset: Bool { root == nil }

    public init(location: SourceLocation = .environment(DefineSet.variableName), root: [(key: String, value: Value)]?, text: String? = nil) {
        self.location = location
        self.root = root
        self.text = text
    }

    /// An unset variable.
    public static func unset(location: SourceLocation = .environment(DefineSet.variableName)) -> DefineSet {
        DefineSet(location: location, root: nil)
    }

    /// Parses the variable's text; nil means the variable is not set.
    public static func parse(jsEnvExtraConfig text: String?, location: SourceLocation = .environment(variableName))
        -> Result<DefineSet, DiagnosticError>
    {
        guard let text else { return .success(.unset(location: location)) }
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch let error where error.isNestingTooDeep {
            return .failure(DiagnosticError(Self.tooDeep(error, at: location)))
        } catch {
            return .failure(
                DiagnosticError(
                    Diagnostic(
                        .extraConfigInvalidJSON,
                        "\(variableName) is not valid JSON: \(error.message) at line \(error.line), column \(error.column)",
                        at: location,
                        fix: #"write a JSON object whose values are JavaScript code, e.g. JS_ENV_EXTRA_CONFIG='{"KEY": "\"https://proctor.example.com\""}'"#,
                        notes: ["webpack's worker config would throw on JSON.parse and silently build no worker bundle"])))
        }
        guard case .object(let members) = json else {
            return .failure(
                DiagnosticError(
                    Diagnostic(
                        .extraConfigNotObject,
                        "\(variableName) must be a JSON object, found \(json.kindDescription)",
                        at: location,
                        fix: #"wrap the values in an object: JS_ENV_EXTRA_CONFIG='{"KEY": "\"value\""}' (use '{}' when no provider needs a key)"#)))
        }
        return .success(DefineSet(location: location, root: objectMembers(members), text: text))
    }

    /// JSON deeper than the reader's limit: perhaps valid, but not read; said as such rather than "not valid JSON".
    public static func tooDeep(_ error: JSONSyntaxError, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .extraConfigTooDeep,
            "\(variableName) nests arrays and objects deeper than \(JSONParser.nestingLimit) levels (at line \(error.line), column \(error.column)), deeper than proctoring-assets reads",
            at: location,
            fix: "flatten the configuration: providers read a flat object of keys to JavaScript code")
    }

    /// `Object.keys` order: integer-like keys ascending first, then the others as written; a repeated key
    /// keeps its first position and its last value (as `JSON.parse`).
    static func objectMembers(_ members: [JSONMember]) -> [(key: String, value: Value)] {
        var order: [String] = []
        var values: [String: Value] = [:]
        for member in members {
            if values[member.key] == nil { order.append(member.key) }
            values[member.key] = value(of: member.value)
        }
        let integers = order.filter(isArrayIndex).sorted { (UInt64($0) ?? 0) < (UInt64($1) ?? 0) }
        let others = order.filter { !isArrayIndex($0) }
        return (integers + others).compactMap { key in values[key].map { (key, $0) } }
    }

    static func isArrayIndex(_ key: String) -> Bool {
        guard let number = UInt64(key), number < 4_294_967_295 else { return false }
        return String(number) == key
    }

    static func value(of json: JSONValue) -> Value {
        switch json {
        case .null: return code("null")
        case .bool(let flag): return code(flag ? "true" : "false")
        case .number(let text): return code(text)
        case .string(let text): return code(text)
        case .array(let elements): return .array(elements.map(value(of:)))
        case .object(let members): return .object(objectMembers(members))
        }
    }

    /// Globals of a browser worker a define value may read (a value reading any other free name throws a
    /// ReferenceError when the worker evaluates it).
    static let workerGlobals: Set<String> = [
        "undefined", "NaN", "Infinity", "self", "globalThis", "location", "navigator", "JSON", "Math", "Date",
        "Object", "Array", "String", "Number", "Boolean", "Promise", "Symbol", "Map", "Set", "RegExp", "Error",
        "URL", "parseInt", "parseFloat", "encodeURIComponent", "decodeURIComponent", "atob", "btoa",
    ]

    /// Parses raw define code as one expression, as webpack's `parser.evaluate(code)` does.
    static func code(_ raw: String) -> Value {
        LargeStackThread.run { codeOnLargeStack(raw) }
    }

    private static func codeOnLargeStack(_ raw: String) -> Value {
        do {
            let program = try JavaScriptParser.parse(source: "(" + raw + "\n)", fileName: variableName, goal: .script)
            guard program.body.count == 1, case .expression(let expression) = program.body[0].kind else {
                return .code(raw: raw, expression: nil, syntaxError: "it is not a single expression")
            }
            let freeNames = ScopeAnalysis.analyze(program).freeNames.filter { !workerGlobals.contains($0) }.sorted()
            return .code(raw: raw, expression: DefineExpressions.synthesized(expression), syntaxError: nil, freeNames: freeNames)
        } catch {
            return .code(raw: raw, expression: nil, syntaxError: "\(error.message) \(positionInValue(error.offset, raw: raw))")
        }
    }

    /// Where a syntax error of the wrapped text `(` + raw + `\n)` lies in the value itself: its line and column
    /// (the line only when the value has several), or its end when the expression is still open there.
    static func positionInValue(_ wrappedOffset: Int, raw: String) -> String {
        let bytes = Array(raw.utf8)
        let offset = wrappedOffset - 1
        guard offset < bytes.count else { return "at the end of the value" }
        let (position, end) = bytes.withUnsafeBufferPointer {
            (JavaScriptSourcePosition(offset: max(0, offset), in: $0), JavaScriptSourcePosition(offset: $0.count, in: $0))
        }
        let isMultiLine = end.line > 1
        return isMultiLine ? "at line \(position.line), column \(position.column)" : "at column \(position.column)"
    }

    /// The value at a key path, or nil when a key is missing (or the path goes through a leaf).
    func value(at path: [String]) -> Value? {
        guard let root else { return nil }
        var current = Value.object(root)
        for key in path {
            guard case .object(let members) = current, let found = members.first(where: { $0.key == key }) else { return nil }
            current = found.value
        }
        return current
    }
}

extension DefineSet {
    /// Every identifier-like word of every value's code (a superset of the names the code reads).
    var identifierLikeWords: Set<String> {
        var words: Set<String> = []
        func collect(_ value: Value) {
            switch value {
            case .code(let raw, _, _, _):
                for word in raw.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }) {
                    words.insert(String(word))
                }
            case .object(let members): members.forEach { collect($0.value) }
            case .array(let elements): elements.forEach(collect)
            }
        }
        collect(.object(root ?? []))
        return words
    }
}

extension DefineSet.Value {
    /// Keys (dotted paths below `prefix`) whose code does not parse, with the parse problem.
    func invalidLeaves(prefix: String) -> [(path: String, raw: String, problem: String)] {
        switch self {
        case .code(let raw, let expression, let problem, _):
            if expression == nil { return [(prefix, raw, problem ?? "it does not parse")] }
            return []
        case .object(let members):
            return members.flatMap { $0.value.invalidLeaves(prefix: prefix.isEmpty ? $0.key : prefix + "." + $0.key) }
        case .array(let elements):
            return elements.enumerated().flatMap { $0.element.invalidLeaves(prefix: prefix + "[\($0.offset)]") }
        }
    }
}

extension DefineSet.Value {
    /// Keys (dotted paths below `prefix`) whose code reads names a worker does not have.
    func freeNameLeaves(prefix: String) -> [(path: String, raw: String, names: [String])] {
        switch self {
        case .code(let raw, _, _, let names):
            return names.isEmpty ? [] : [(prefix, raw, names)]
        case .object(let members):
            return members.flatMap { $0.value.freeNameLeaves(prefix: prefix.isEmpty ? $0.key : prefix + "." + $0.key) }
        case .array(let elements):
            return elements.enumerated().flatMap { $0.element.freeNameLeaves(prefix: prefix + "[\($0.offset)]") }
        }
    }
}
