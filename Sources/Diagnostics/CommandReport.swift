import OrderedJSON

/// What a command tells its user: its findings and its own result.
///
/// `--format json` prints exactly this, as documented in the README:
/// `{"command", "ok", "diagnostics": [...], "result": {...}}`.
public struct CommandReport: Sendable {
    public var command: String
    public var diagnostics: [Diagnostic]
    /// The command's own output (resolved settings, written files, URLs).
    public var result: JSONValue
    /// Human lines for the text format, printed before the diagnostics.
    public var summaryLines: [String]

    public init(command: String, diagnostics: [Diagnostic], result: JSONValue = .object([]), summaryLines: [String] = []) {
        self.command = command
        self.diagnostics = diagnostics
        self.result = result
        self.summaryLines = summaryLines
    }

    /// True when no finding is an error.
    public var ok: Bool { !diagnostics.contains { $0.severity == .error } }

    /// The process exit status for this report: 0 ok, 1 findings of severity error, 2 when an error
    /// says an input could not be read. (3, internal error, is decided by the command line layer.)
    public var exitStatus: Int32 {
        let errors = diagnostics.filter { $0.severity == .error }
        if errors.isEmpty { return ExitStatus.ok }
        return errors.contains { $0.code.isInputError } ? ExitStatus.usageOrInput : ExitStatus.findings
    }
}

/// The documented exit statuses of every command.
public enum ExitStatus {
    public static let ok: Int32 = 0
    public static let findings: Int32 = 1
    public static let usageOrInput: Int32 = 2
    public static let internalError: Int32 = 3
}
