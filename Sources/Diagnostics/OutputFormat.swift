/// How a command prints its report.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case github
}

/// Whether text output uses ANSI colour.
public enum ColorMode: String, Sendable, CaseIterable {
    case auto
    case always
    case never

    /// `auto` means colour on a terminal unless NO_COLOR is set to anything non-empty (https://no-color.org).
    public func isEnabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            return isTerminal
        }
    }
}

/// Renders a report in any output format.
public enum ReportRenderer {
    public static func render(_ report: CommandReport, format: OutputFormat, color: Bool, catalog: [DiagnosticCode]) -> String {
        switch format {
        case .text: return TextReportRenderer(color: color).render(report)
        case .json: return JSONReportRenderer.render(report)
        case .sarif: return SARIFReportRenderer.render(report, catalog: catalog)
        case .github: return GitHubAnnotationRenderer.render(report)
        }
    }
}
