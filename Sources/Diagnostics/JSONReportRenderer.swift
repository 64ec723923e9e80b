import OrderedJSON

/// `--format json`: one object on stdout, schema documented in the README.
public enum JSONReportRenderer {
    public static func render(_ report: CommandReport) -> String {
        JSONWriter.write(json(report), style: .javaScriptIndented(2))
    }

    public static func json(_ report: CommandReport) -> JSONValue {
        .object([
            JSONMember("command", .string(report.command)),
            JSONMember("ok", .bool(report.ok)),
            JSONMember("diagnostics", .array(report.diagnostics.map(json))),
            JSONMember("result", report.result),
        ])
    }

    public static func json(_ diagnostic: Diagnostic) -> JSONValue {
        let location = diagnostic.location
        return .object([
            JSONMember("code", .string(diagnostic.code.identifier)),
            JSONMember("severity", .string(diagnostic.severity.rawValue)),
            JSONMember("message", .string(diagnostic.message)),
            JSONMember("file", location?.file.map(JSONValue.string) ?? .null),
            JSONMember("line", location?.line.map(JSONValue.integer) ?? .null),
            JSONMember("column", location?.column.map(JSONValue.integer) ?? .null),
            JSONMember("source", location?.source.map(JSONValue.string) ?? .null),
            JSONMember("fix", diagnostic.fix.map(JSONValue.string) ?? .null),
            JSONMember("notes", .array(diagnostic.notes.map(JSONValue.string))),
        ])
    }
}
