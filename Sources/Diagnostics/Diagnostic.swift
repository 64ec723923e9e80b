/// One finding: what is wrong, where, and how to fix it.
public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// What the user should do about it.
    public var fix: String?
    /// Related facts, e.g. the import chain that was searched.
    public var notes: [String]
    /// The name of what the finding is about (e.g. the npm package a doctor finding says is missing), for code
    /// that acts on findings without reading their text. Not printed.
    public var subject: String?

    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation? = nil,
        fix: String? = nil,
        notes: [String] = [],
        severity: Severity? = nil,
        subject: String? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.severity
        self.message = message
        self.location = location
        self.fix = fix
        self.notes = notes
        self.subject = subject
    }
}

/// The error a stage throws when it cannot go on: it carries the findings that stopped it.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map { "\($0.code.identifier): \($0.message)" }.joined(separator: "\n")
    }
}
