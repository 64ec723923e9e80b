import Diagnostics
import Foundation

/// Reads esbuild's log (`--color=false`): each problem starts with `✘ [ERROR] message` or
/// `▲ [WARNING] message`, followed by an indented `file:line:column:` line and a code frame. File names
/// are relative to the working directory (the entry's context directory); the generated entry module
/// is reported at the workers.json request it imports.
struct EsbuildLogProblems: Sendable {
    var entry: EntryPoint
    var sourceFileName: String

    func diagnostics(fromLog log: String) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var current: Diagnostic?
        var readLocation = false
        for rawLine in log.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if let (code, message) = Self.header(line) {
                if let current { result.append(current) }
                current = Diagnostic(code, "esbuild: \(message)", fix: fix(for: message))
                readLocation = false
                continue
            }
            guard var problem = current else { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if Self.isSummary(line) {
                result.append(problem)
                current = nil
                continue
            }
            if !readLocation, let location = location(fromLine: line) {
                problem.location = location
                readLocation = true
            } else if problem.notes.count < 12 {
                problem.notes.append("esbuild: " + line.trimmingCharacters(in: .whitespaces))
            }
            current = problem
        }
        if let current { result.append(current) }
        return result
    }

    private static func header(_ line: String) -> (DiagnosticCode, String)? {
        for (marker, code) in [("[ERROR] ", DiagnosticCode.externalBundlerError), ("[WARNING] ", .externalBundlerWarning)] {
            if let range = line.range(of: marker), line[..<range.lowerBound].allSatisfy({ !$0.isLetter }) {
                return (code, String(line[range.upperBound...]))
            }
        }
        return nil
    }

    /// `1 error`, `2 warnings and 1 error`, …
    private static func isSummary(_ line: String) -> Bool {
        guard let first = line.first, first.isNumber else { return false }
        return line.hasSuffix(" error") || line.hasSuffix(" errors") || line.hasSuffix(" warning") || line.hasSuffix(" warnings")
    }

    /// `    src/worker.js:3:7:` → the absolute file, line and 1-based column (esbuild's columns are 0-based).
    private func location(fromLine line: String) -> SourceLocation? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(":") else { return nil }
        let parts = trimmed.dropLast().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let lineNumber = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else {
            return nil
        }
        let file = parts.dropLast(2).joined(separator: ":")
        if file == sourceFileName {
            let index = lineNumber - 1
            if entry.requests.indices.contains(index), let location = entry.requests[index].location { return location }
            return nil
        }
        let path = file.hasPrefix("/") ? file : entry.contextDirectory + "/" + file
        return .file((path as NSString).standardizingPath, line: lineNumber, column: column + 1)
    }

    private func fix(for message: String) -> String {
        if message.hasPrefix("Could not resolve") {
            return "install the missing package where the importer (or, for an entry, the context directory) can see it, or fix the request"
        }
        if message.hasPrefix("Expected") || message.hasPrefix("Unexpected") {
            return "fix the syntax at this place; when the code came from JS_ENV_EXTRA_CONFIG, each value must be JS code"
        }
        return "see esbuild's message and the notes"
    }
}
