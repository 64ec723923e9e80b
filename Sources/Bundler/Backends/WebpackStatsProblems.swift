import Diagnostics
import Foundation
import OrderedJSON

/// Turns the errors and warnings of webpack's `--json` stats into diagnostics.
///
/// A module problem carries `moduleIdentifier` (the absolute path, after any `loader!` prefix) and `loc`
/// (`line:column` with a 0-based column, or `line:column-endColumn`); an entry that cannot be resolved has
/// the entry name as `loc` and no module, and is reported at the workers.json entry instead.
struct WebpackStatsProblems: Sendable {
    var entries: [EntryPoint]

    func diagnostics(fromStats stats: JSONValue) -> [Diagnostic] {
        let errors = problems(named: "errors", in: stats).map { diagnostic(from: $0, code: .externalBundlerError) }
        let warnings = problems(named: "warnings", in: stats).map { diagnostic(from: $0, code: .externalBundlerWarning) }
        return deduplicated(errors + warnings)
    }

    /// MultiStats put every child's problems at the top level too; a single compiler's stats have only
    /// the top level. Children are read only when the top level has no such list.
    private func problems(named key: String, in stats: JSONValue) -> [JSONValue] {
        if let list = stats[key]?.arrayValue { return list }
        return (stats["children"]?.arrayValue ?? []).flatMap { problems(named: key, in: $0) }
    }

    private func diagnostic(from problem: JSONValue, code: DiagnosticCode) -> Diagnostic {
        let text = problem["message"]?.stringValue ?? "webpack reported a problem without a message"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var headline = lines.isEmpty ? text : lines.removeFirst()
        var location = self.location(of: problem, headline: headline)
        // babel-loader's syntax errors: "Module build failed (from …/babel-loader/lib/index.js):" then
        // "SyntaxError: /abs/file.js: Unexpected token (2:10)", positions in the original source.
        if headline.hasPrefix("Module build failed"), let first = lines.first, first.hasPrefix("SyntaxError: ") {
            lines.removeFirst()
            var reason = String(first.dropFirst("SyntaxError: ".count))
            if let file = location?.file, reason.hasPrefix(file + ": ") { reason = String(reason.dropFirst(file.count + 2)) }
            headline = "Module build failed (babel-loader): SyntaxError: \(reason)"
            if let file = location?.file, let (line, column) = Self.trailingPosition(in: reason) {
                location = .file(file, line: line, column: column)
            }
        }
        let notes = lines
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("    at ") }
            .prefix(12).map { "webpack: \($0)" }
        return Diagnostic(code, "webpack: \(headline)", at: location, fix: fix(for: headline), notes: Array(notes))
    }

    private func location(of problem: JSONValue, headline: String) -> SourceLocation? {
        let loc = problem["loc"]?.stringValue
        if let identifier = problem["moduleIdentifier"]?.stringValue {
            let path = Self.modulePath(fromIdentifier: identifier)
            guard let loc, let (line, column) = Self.lineAndColumn(fromLoc: loc) else { return .file(path) }
            return .file(path, line: line, column: column)
        }
        // An entry-level failure: `loc` names the entry; the message names the request.
        guard let loc, let entry = entries.first(where: { $0.name == loc }) else { return nil }
        let request = entry.requests.first { headline.contains("'\($0.specifier)'") } ?? entry.requests.first
        return request?.location
    }

    /// `"Unexpected token (2:10)"` → (2, 11): acorn's and babel's positions, with a 0-based column.
    static func trailingPosition(in message: String) -> (Int, Int)? {
        guard message.hasSuffix(")"), let open = message.lastIndex(of: "(") else { return nil }
        let inside = message[message.index(after: open)..<message.index(before: message.endIndex)]
        return lineAndColumn(fromLoc: String(inside))
    }

    private func fix(for headline: String) -> String {
        if headline.hasPrefix("Module not found") {
            return "install the missing package where the importer (or, for an entry, the context directory) can see it, or fix the request"
        }
        if headline.hasPrefix("Module parse failed") || headline.contains("SyntaxError") || headline.hasPrefix("Unexpected") {
            return "fix the syntax at this place; when the code came from JS_ENV_EXTRA_CONFIG, each value must be JS code "
                + "(a string needs inner quotes: {\"KEY\": \"\\\"https://…\\\"\"})"
        }
        return "see webpack's message and the notes"
    }

    /// `/x/node_modules/babel-loader/lib/index.js!/x/a.js?q` → `/x/a.js`; `/x/a.js|<hash>` → `/x/a.js`.
    static func modulePath(fromIdentifier identifier: String) -> String {
        var path = identifier.split(separator: "!", omittingEmptySubsequences: false).last.map(String.init) ?? identifier
        // Concatenated modules add "|<hash>"; typed modules prefix "<type>|".
        let parts = path.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1 { path = parts.first { $0.hasPrefix("/") } ?? parts[parts.count - 1] }
        if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
        return path
    }

    /// `"3:0-27"` → (3, 1); `"2:10"` → (2, 11); `"3:4-5:6"` → (3, 5). Columns become 1-based.
    static func lineAndColumn(fromLoc loc: String) -> (Int, Int)? {
        let start = loc.split(separator: "-").first.map(String.init) ?? loc
        let parts = start.split(separator: ":")
        guard parts.count == 2, let line = Int(parts[0]), let column = Int(parts[1]) else { return nil }
        return (line, column + 1)
    }

    private func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
