/// `--format github`: GitHub Actions workflow commands, one per finding
/// (`::error file=…,line=…,col=…,title=PA014::message`).
public enum GitHubAnnotationRenderer {
    public static func render(_ report: CommandReport) -> String {
        report.diagnostics.map(render).joined(separator: "\n")
    }

    public static func render(_ diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let location = diagnostic.location {
            if let file = location.file { properties.append("file=" + escapeProperty(file)) }
            if let line = location.line { properties.append("line=\(line)") }
            if let column = location.column { properties.append("col=\(column)") }
        }
        properties.append("title=" + escapeProperty("\(diagnostic.code.identifier) \(diagnostic.code.title)"))
        var message = diagnostic.message
        if let source = diagnostic.location?.source { message += " (\(source))" }
        if let fix = diagnostic.fix { message += "\nfix: " + fix }
        for note in diagnostic.notes { message += "\nnote: " + note }
        let command: String
        switch diagnostic.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    private static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
