import OrderedJSON

/// `--format sarif`: a SARIF 2.1.0 log with one run, the codes used as rules.
public enum SARIFReportRenderer {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func render(_ report: CommandReport, catalog: [DiagnosticCode]) -> String {
        JSONWriter.write(json(report, catalog: catalog), style: .javaScriptIndented(2))
    }

    public static func json(_ report: CommandReport, catalog: [DiagnosticCode]) -> JSONValue {
        let usedCodes = Set(report.diagnostics.map(\.code))
        let rules = (catalog.filter { usedCodes.contains($0) } + usedCodes.filter { !catalog.contains($0) })
            .sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.identifier, $0.offset) })
        let driver: JSONValue = .object([
            JSONMember("name", "proctoring-assets"),
            JSONMember("informationUri", "https://github.com/openedx/edx-proctoring"),
            JSONMember("rules", .array(rules.map(rule))),
        ])
        let results = report.diagnostics.map { diagnostic in
            result(diagnostic, ruleIndex: ruleIndex[diagnostic.code.identifier] ?? 0)
        }
        return .object([
            JSONMember("version", "2.1.0"),
            JSONMember("$schema", .string(schemaURI)),
            JSONMember("runs", .array([
                .object([
                    JSONMember("tool", .object([JSONMember("driver", driver)])),
                    JSONMember("results", .array(results)),
                ])
            ])),
        ])
    }

    private static func rule(_ code: DiagnosticCode) -> JSONValue {
        .object([
            JSONMember("id", .string(code.identifier)),
            JSONMember("name", .string(ruleName(code.title))),
            JSONMember("shortDescription", .object([JSONMember("text", .string(code.title))])),
            JSONMember("fullDescription", .object([JSONMember("text", .string(code.explanation))])),
            JSONMember("defaultConfiguration", .object([JSONMember("level", .string(level(code.severity)))])),
        ])
    }

    private static func result(_ diagnostic: Diagnostic, ruleIndex: Int) -> JSONValue {
        var text = diagnostic.message
        if let source = diagnostic.location?.source { text += " (\(source))" }
        if let fix = diagnostic.fix { text += " Fix: " + fix }
        var members: [JSONMember] = [
            JSONMember("ruleId", .string(diagnostic.code.identifier)),
            JSONMember("ruleIndex", .integer(ruleIndex)),
            JSONMember("level", .string(level(diagnostic.severity))),
            JSONMember("message", .object([JSONMember("text", .string(text))])),
        ]
        if let file = diagnostic.location?.file {
            var physical: [JSONMember] = [
                JSONMember("artifactLocation", .object([JSONMember("uri", .string(uri(file)))]))
            ]
            if let line = diagnostic.location?.line {
                var region: [JSONMember] = [JSONMember("startLine", .integer(line))]
                if let column = diagnostic.location?.column { region.append(JSONMember("startColumn", .integer(column))) }
                physical.append(JSONMember("region", .object(region)))
            }
            members.append(JSONMember("locations", .array([
                .object([JSONMember("physicalLocation", .object(physical))])
            ])))
        }
        return .object(members)
    }

    private static func level(_ severity: Severity) -> String {
        severity.rawValue
    }

    /// PascalCase rule name from the title, as SARIF viewers show it.
    private static func ruleName(_ title: String) -> String {
        title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { word in
            word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }

    /// A relative URI reference for a path: spaces and other reserved characters percent-encoded.
    private static func uri(_ path: String) -> String {
        var encoded = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "@"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
