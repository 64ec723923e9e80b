/// The human form: compiler-style lines, optionally coloured.
///
/// ```
/// lms/envs/assets.py:12:1: error[PA003]: NODE_MODULES_ROOT is not set
///   fix: add NODE_MODULES_ROOT = ...
///   note: searched lms.envs.assets -> lms.envs.common
/// ```
public struct TextReportRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    /// The whole report as one text (results first, then the diagnostics and their count).
    public func render(_ report: CommandReport) -> String {
        ([renderResults(report), renderDiagnostics(report)].filter { !$0.isEmpty }).joined(separator: "\n")
    }

    /// What the command found or did (for standard output).
    public func renderResults(_ report: CommandReport) -> String {
        report.summaryLines.joined(separator: "\n")
    }

    /// The diagnostics and their count (for standard error, as compilers and linters print them).
    public func renderDiagnostics(_ report: CommandReport) -> String {
        var lines: [String] = []
        for diagnostic in report.diagnostics {
            lines.append(contentsOf: render(diagnostic))
        }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        if errors > 0 || warnings > 0 {
            lines.append(paint("\(report.command): \(count(errors, "error")), \(count(warnings, "warning"))", bold: true))
        }
        return lines.joined(separator: "\n")
    }

    public func render(_ diagnostic: Diagnostic) -> [String] {
        var head = ""
        if let location = diagnostic.location {
            head = paint(location.description + ":", bold: true) + " "
        }
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code.identifier)]"
        head += paint(label + ":", severity: diagnostic.severity) + " " + diagnostic.message
        var lines = [head]
        if let fix = diagnostic.fix {
            lines.append("  " + paint("fix:", bold: true) + " " + fix)
        }
        for note in diagnostic.notes {
            lines.append("  " + paint("note:", bold: true) + " " + note)
        }
        return lines
    }

    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private func paint(_ text: String, severity: Severity) -> String {
        guard color else { return text }
        let code: String
        switch severity {
        case .error: code = "1;31"
        case .warning: code = "1;33"
        case .note: code = "1;36"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func paint(_ text: String, bold: Bool) -> String {
        guard color, bold else { return text }
        return "\u{1B}[1m\(text)\u{1B}[0m"
    }
}
