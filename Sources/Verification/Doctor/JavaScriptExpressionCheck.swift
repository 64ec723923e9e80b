/// What a DefinePlugin value pasted in as code turns into.
public enum JavaScriptExpressionKind: Sendable, Hashable {
    /// A literal (string, number, boolean, null, undefined, `{}`/`[]`) or a member of a well-known global.
    case literal
    /// A bare name (or dotted name) that is not a global the worker has: a ReferenceError at run time.
    case freeIdentifier
    /// Not an expression at all: a syntax error in the build (e.g. an unquoted URL).
    case notExpression(reason: String)
    /// Code the small check does not understand.
    case undecided
}

/// A small stand-in for the real JavaScript parser: decides the cases that matter for
/// JS_ENV_EXTRA_CONFIG values. The lead swaps the body for the JavaScript target's parser; keep all
/// callers going through `classify(_:)`.
public enum JavaScriptExpressionCheck {
    private static let knownGlobals: Set<String> = [
        "undefined", "NaN", "Infinity", "self", "globalThis", "location", "navigator", "JSON", "Math", "Date",
    ]

    public static func classify(_ code: String) -> JavaScriptExpressionKind {
        let text = code.trimmingBlanks()
        if text.isEmpty { return .notExpression(reason: "the value is empty") }
        if text.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.-]*:\/\//) != nil || text.hasPrefix("//") {
            return .notExpression(reason: "`\(text)` is a bare URL, not a quoted string")
        }
        if ["true", "false", "null", "{}", "[]"].contains(text) { return .literal }
        if isNumber(text) { return .literal }
        if let first = text.unicodeScalars.first, first == "\"" || first == "'" || first == "`" {
            switch stringLiteralEnd(text, quote: first) {
            case .some(let end) where end == text.unicodeScalars.count - 1: return .literal
            // `"a" + "b"`: a literal followed by more code, which needs the real parser.
            case .some: return .undecided
            case .none: return .notExpression(reason: "`\(text)` is not a complete string literal")
            }
        }
        if text.wholeMatch(of: /[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*/) != nil {
            let root = String(text.prefix { $0 != "." })
            return knownGlobals.contains(root) ? .literal : .freeIdentifier
        }
        if text.firstMatch(of: /^[A-Za-z0-9_$.-]+\s+[A-Za-z0-9_$]/) != nil {
            return .notExpression(reason: "`\(text)` is several words, not one expression")
        }
        return .undecided
    }

    private static func isNumber(_ text: String) -> Bool {
        text.wholeMatch(of: /-?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)n?/) != nil
    }

    /// Index of the closing quote, nil when the literal is not closed (or has a raw newline).
    private static func stringLiteralEnd(_ text: String, quote: Unicode.Scalar) -> Int? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2 else { return nil }
        var index = 1
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if scalar == "\n" && quote != "`" { return nil }
            if quote == "`", scalar == "$", index + 1 < scalars.count, scalars[index + 1] == "{" { return nil }
            if scalar == quote { return index }
            index += 1
        }
        return nil
    }
}
