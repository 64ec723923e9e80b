import Diagnostics
import OrderedJSON

/// The text of `explain`: the pipeline, a topic, one code in full, or the list of all codes.
public enum DiagnosticExplanation {
    public static func report(code identifier: String?, list: Bool = false) -> CommandReport {
        if identifier == nil && !list {
            return topicReport(.pipeline)
        }
        if let identifier, let topic = ExplainTopic.named(identifier) {
            return topicReport(topic)
        }
        guard let identifier else {
            let lines = ["Topics: " + ExplainTopic.all.map(\.name).joined(separator: ", "), ""]
                + DiagnosticCatalog.all.map { "\($0.identifier)  \($0.severity.rawValue.padding(7))  \($0.title)" }
            let result = JSONValue.array(DiagnosticCatalog.all.map(json))
            return CommandReport(command: "explain", diagnostics: [], result: result, summaryLines: lines)
        }
        guard let code = DiagnosticCatalog.code(identifier) else {
            return CommandReport(command: "explain", diagnostics: [
                Diagnostic(.unknownDiagnosticCode, "no diagnostic code or topic named '\(identifier)'",
                           fix: "run `proctoring-assets explain --list` to see every code")
            ])
        }
        let lines = ["\(code.identifier): \(code.title) (\(code.severity.rawValue))", "", code.explanation]
        return CommandReport(command: "explain", diagnostics: [], result: json(code), summaryLines: lines)
    }

    static func topicReport(_ topic: ExplainTopic) -> CommandReport {
        let result: JSONValue = .object([
            JSONMember("topic", .string(topic.name)), JSONMember("title", .string(topic.title)),
            JSONMember("text", .string(topic.text)),
        ])
        return CommandReport(command: "explain", diagnostics: [], result: result, summaryLines: [topic.title, "", topic.text])
    }

    static func json(_ code: DiagnosticCode) -> JSONValue {
        .object([
            JSONMember("code", .string(code.identifier)),
            JSONMember("title", .string(code.title)),
            JSONMember("severity", .string(code.severity.rawValue)),
            JSONMember("inputError", .bool(code.isInputError)),
            JSONMember("severityCondition", code.severityCondition.map(JSONValue.string) ?? .null),
            JSONMember("explanation", .string(code.explanation)),
        ])
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
