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

import JavaScript

/// Decides what a DefinePlugin value (JavaScript code pasted in by webpack) turns into, with the
/// project's own JavaScript parser: webpack parses the code as an expression and fails the build when
/// it is not one.
public enum JavaScriptExpressionCheck {
    private static let knownGlobals: Set<String> = [
        "undefined", "NaN", "Infinity", "self", "globalThis", "location", "navigator", "JSON", "Math", "Date",
        "Object", "Array", "String", "Number", "Boolean", "Promise",
    ]

    public static func classify(_ code: String) -> JavaScriptExpressionKind {
        let text = code.trimmingBlanks()
        if text.isEmpty { return .notExpression(reason: "the value is empty") }
        let program: Program
        do {
            // Parenthesised so that `{…}` is an object literal, as webpack evaluates it.
            program = try JavaScriptParser.parse(source: "(" + text + "\n)", fileName: "JS_ENV_EXTRA_CONFIG", goal: .script)
        } catch {
            if text.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.-]*:\/\//) != nil || text.hasPrefix("//") {
                return .notExpression(reason: "`\(text)` is a bare URL, not a quoted string")
            }
            return .notExpression(reason: "`\(text)` is not a JavaScript expression (\(error.message))")
        }
        guard program.body.count == 1, case .expression = program.body[0].kind else {
            return .notExpression(reason: "`\(text)` is more than one expression")
        }
        // A name the worker scope does not have is a ReferenceError when the worker runs.
        let unknownNames = ScopeAnalysis.analyze(program).freeNames.filter { !knownGlobals.contains($0) }
        return unknownNames.isEmpty ? .literal : .freeIdentifier
    }
}
