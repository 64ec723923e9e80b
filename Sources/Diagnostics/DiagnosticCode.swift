/// A stable diagnostic code (`PA` + three digits) with the text `explain` prints for it.
///
/// Codes never change meaning once released. Each target declares its codes next to the code that
/// emits them (`extension DiagnosticCode { static let … }`) and lists them in a catalog section;
/// `DiagnosticCatalog` in ProctoringAssets gathers the sections and tests check they are unique.
public struct DiagnosticCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `PA` followed by three digits, e.g. `PA014`.
    public let identifier: String
    /// A few words, e.g. "NODE_MODULES_ROOT is not set".
    public let title: String
    /// The default severity of findings with this code.
    public let severity: Severity
    /// Why this matters and what upstream does in this case (for `explain`), several sentences.
    public let explanation: String
    /// True when the finding means the tool could not read its input (a missing or unreadable file,
    /// a syntax error, a corrupt archive): commands then exit 2 instead of 1.
    public let isInputError: Bool
    /// When findings with this code may have another severity than `severity`, the rule, in words
    /// (e.g. "a warning when doctor cannot tell which provider is configured").
    public let severityCondition: String?

    public init(
        _ identifier: String, _ title: String, severity: Severity = .error, inputError: Bool = false,
        severityCondition: String? = nil, explanation: String
    ) {
        self.identifier = identifier
        self.title = title
        self.severity = severity
        self.isInputError = inputError
        self.severityCondition = severityCondition
        self.explanation = explanation
    }

    public var description: String { identifier }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.identifier < rhs.identifier }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.identifier == rhs.identifier }

    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
