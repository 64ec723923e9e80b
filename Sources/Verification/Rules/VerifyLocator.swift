import Diagnostics

/// Points findings at the input the user gave: a file of a folder keeps its line and column; an entry of
/// an archive is named after the archive, with the line and column in the entry's name.
struct VerifyLocator: Sendable {
    let input: VerificationInput

    func location(of path: String, line: Int? = nil, column: Int? = nil) -> SourceLocation {
        var location = input.location(of: path, line: line, column: column)
        if case .archive = input.source, let line, var source = location.source {
            source += ":\(line)" + (column.map { ":\($0)" } ?? "")
            location.source = source
        }
        return location
    }

    /// Rewrites a finding a reader made with a path of the input's file system.
    func relocate(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let location = diagnostic.location, let file = location.file, location.source == nil else {
            return diagnostic
        }
        var moved = diagnostic
        moved.location = self.location(of: file, line: location.line, column: location.column)
        return moved
    }

    func describe(_ path: String) -> String { input.describe(path) }
}
