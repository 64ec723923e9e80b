import OrderedJSON
import Testing
@testable import Diagnostics

@Suite struct RendererTests {
    let code = DiagnosticCode("PA999", "Example finding", explanation: "Used by the renderer tests.")

    var report: CommandReport {
        CommandReport(command: "doctor", diagnostics: [
            Diagnostic(code, "NODE_MODULES_ROOT is not set", at: .file("lms/envs/my settings.py", line: 3, column: 5),
                       fix: "set it", notes: ["searched a -> b"]),
            Diagnostic(code, "unset", at: .environment("JS_ENV_EXTRA_CONFIG"), severity: .warning),
        ])
    }

    @Test func textHasCompilerStyleLines() {
        let text = TextReportRenderer(color: false).render(report)
        #expect(text == """
            lms/envs/my settings.py:3:5: error[PA999]: NODE_MODULES_ROOT is not set
              fix: set it
              note: searched a -> b
            env JS_ENV_EXTRA_CONFIG: warning[PA999]: unset
            doctor: 1 error, 1 warning
            """)
    }

    @Test func colourOnlyWhenEnabled() {
        #expect(TextReportRenderer(color: true).render(report).contains("\u{1B}[1;31m"))
        #expect(!TextReportRenderer(color: false).render(report).contains("\u{1B}"))
    }

    @Test func colorModeHonoursNoColor() {
        #expect(!ColorMode.auto.isEnabled(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(ColorMode.auto.isEnabled(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!ColorMode.auto.isEnabled(isTerminal: false, environment: [:]))
        #expect(ColorMode.always.isEnabled(isTerminal: false, environment: ["NO_COLOR": "1"]))
    }

    @Test func jsonSchema() throws {
        let value = try JSONParser.parse(JSONReportRenderer.render(report))
        #expect(value["command"] == "doctor")
        #expect(value["ok"] == false)
        let first = value["diagnostics"]?.arrayValue?.first
        #expect(first?.objectMembers?.map(\.key) == ["code", "severity", "message", "file", "line", "column", "source", "fix", "notes"])
        #expect(first?["line"] == 3)
        let second = value["diagnostics"]?.arrayValue?.last
        #expect(second?["file"] == .null)
        #expect(second?["source"] == "env JS_ENV_EXTRA_CONFIG")
    }

    @Test func githubAnnotationsEscape() {
        let lines = GitHubAnnotationRenderer.render(report).split(separator: "\n")
        #expect(lines.first == "::error file=lms/envs/my settings.py,line=3,col=5,title=PA999 Example finding::NODE_MODULES_ROOT is not set%0Afix: set it%0Anote: searched a -> b")
        #expect(lines.last == "::warning title=PA999 Example finding::unset (env JS_ENV_EXTRA_CONFIG)")
    }

    @Test func sarifHasRulesAndRegions() throws {
        let value = try JSONParser.parse(SARIFReportRenderer.render(report, catalog: [code]))
        #expect(value["version"] == "2.1.0")
        let run = value["runs"]?.arrayValue?.first
        #expect(run?["tool"]?["driver"]?["rules"]?.arrayValue?.count == 1)
        let location = run?["results"]?.arrayValue?.first?["locations"]?.arrayValue?.first?["physicalLocation"]
        #expect(location?["artifactLocation"]?["uri"] == "lms/envs/my%20settings.py")
        #expect(location?["region"]?["startColumn"] == 5)
    }
}

@Suite struct ExitStatusTests {
    let finding = DiagnosticCode("PA998", "Finding", explanation: "x")
    let input = DiagnosticCode("PA997", "Input", inputError: true, explanation: "x")

    @Test func statusFollowsTheWorstError() {
        #expect(CommandReport(command: "c", diagnostics: []).exitStatus == 0)
        #expect(CommandReport(command: "c", diagnostics: [Diagnostic(finding, "w", severity: .warning)]).exitStatus == 0)
        #expect(CommandReport(command: "c", diagnostics: [Diagnostic(finding, "e")]).exitStatus == 1)
        #expect(CommandReport(command: "c", diagnostics: [Diagnostic(finding, "e"), Diagnostic(input, "i")]).exitStatus == 2)
        #expect(CommandReport(command: "c", diagnostics: [Diagnostic(input, "i", severity: .note)]).exitStatus == 0)
    }
}
