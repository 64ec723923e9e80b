import Foundation
import Testing

/// Every command the README shows is run here, as written (paths of a real image mapped onto a copy of the
/// example deployment, build files onto the doctor fixtures), and the output the README shows is compared with
/// a real run's, so that the README stays true.
@Suite struct ReadmeExamplesTests {
    static let readme: String = {
        (try? String(contentsOfFile: CommandLineRunner.packageRoot + "/README.md", encoding: .utf8)) ?? ""
    }()

    /// The README's command that starts with `prefix`, continuation lines joined, as words.
    static func command(startingWith prefix: String) throws -> [String] {
        let lines = readme.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix(prefix) }, "README has no line starting with \(prefix)")
        var text = ""
        for line in lines[start...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("\\") {
                text += trimmed.dropLast() + " "
            } else {
                text += trimmed
                break
            }
        }
        if let comment = text.range(of: "#") { text = String(text[..<comment.lowerBound]) }
        if let redirect = text.range(of: ">") { text = String(text[..<redirect.lowerBound]) }
        return text.split(separator: " ").map(String.init)
    }

    /// The lines of the README's code block after the marker `<!-- example:NAME -->`.
    static func exampleBlock(_ name: String) throws -> [String] {
        let marker = try #require(readme.range(of: "<!-- example:\(name) -->"), "README has no example \(name)")
        let rest = readme[marker.upperBound...]
        let open = try #require(rest.range(of: "```"))
        let body = rest[open.upperBound...].drop { $0 != "\n" }.dropFirst()
        let close = try #require(body.range(of: "```"))
        return body[..<close.lowerBound].split(separator: "\n").map(String.init)
    }

    static let exampleConfig = #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#

    /// A copy of the example deployment, to stand in for /openedx of a real image.
    static func exampleCopy(_ label: String) throws -> String {
        let scratch = try CommandLineRunner.temporaryFolder(label) + "/copy"
        let copied = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        #expect(copied.status == 0, "\(copied.standardError)")
        return scratch
    }

    @Test func theSetUpCommandRunsTheWholeJob() throws {
        let words = try Self.command(startingWith: "swift run proctoring-assets build --example")
        #expect(Array(words.dropFirst(2)) == ["proctoring-assets", "build", "--example"])
        let outcome = try CommandLineRunner.run(Array(words.dropFirst(3)))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("the LMS will serve every worker"))
        #expect(outcome.standardOutput.contains("JS_ENV_EXTRA_CONFIG = "))
        #expect(outcome.standardError.isEmpty, "\(outcome.standardError)")
    }

    @Test(arguments: ["RUN proctoring-assets build", "proctoring-assets settings --settings"])
    func theImageCommandsRunOnAnImageShapedTree(prefix: String) throws {
        let scratch = try Self.exampleCopy("readme-image")
        var words = try Self.command(startingWith: prefix)
        if words.first == "RUN" { words.removeFirst() }
        #expect(words.first == "proctoring-assets")
        let arguments = words.dropFirst().map { $0.replacingOccurrences(of: "/openedx/", with: scratch + "/openedx/") }
        let outcome = try CommandLineRunner.run(arguments, environment: ["JS_ENV_EXTRA_CONFIG": Self.exampleConfig])
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
    }

    @Test func theDoctorCommandsFindThePlantedFaults() throws {
        let fixtures = CommandLineRunner.packageRoot + "/Tests/Fixtures/Doctor/"
        // The real operator's Earthfile (MIT Open Learning, the commit that lost the worker) with its settings.
        let real = try Self.command(startingWith: "proctoring-assets doctor Earthfile settings/")
        let realRun = try CommandLineRunner.run(Array(real.dropFirst()), currentDirectory: fixtures + "corpus/mitodl-earthfile-69a606f72")
        #expect(realRun.status == 1, "\(realRun.standardError)")
        #expect(realRun.standardError.contains("error[PA408]") && realRun.standardError.contains("error[PA403]"), "\(realRun.standardError)")

        let earthfile = try Self.command(startingWith: "proctoring-assets doctor Earthfile requirements/")
        let examined = try CommandLineRunner.run(Array(earthfile.dropFirst()), currentDirectory: fixtures + "earthfile/before")
        #expect(examined.status == 1, "\(examined.standardError)")
        #expect(examined.standardError.contains("error[PA408]"))

        let sarif = try Self.command(startingWith: "proctoring-assets doctor Dockerfile --format sarif")
        let dockerfile = fixtures + "dockerfile/before"
        let log = try CommandLineRunner.run(Array(sarif.dropFirst()), currentDirectory: dockerfile)
        let json = try JSONSerialization.jsonObject(with: Data(log.standardOutput.utf8)) as? [String: Any]
        #expect(json?["version"] as? String == "2.1.0")
    }

    @Test(arguments: [["explain"], ["explain", "js1-vs-js2"], ["explain", "jsenv"], ["explain", "root-causes"], ["explain", "PA051"], ["explain", "--list"]])
    func theExplainTopicsExist(arguments: [String]) throws {
        #expect(Self.readme.contains(arguments.count == 1 ? "`proctoring-assets explain`" : arguments.last ?? ""))
        let outcome = try CommandLineRunner.run(arguments)
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        #expect(!outcome.standardOutput.isEmpty)
    }

    /// The path of the temporary example copy changes from run to run.
    static func normalized(_ line: String) -> String {
        line.replacing(/\/[^ :]*proctoring-assets-example-[0-9a-f]{8}/, with: "<example>")
    }

    @Test func theTextOutputExampleIsARealRun() throws {
        let outcome = try CommandLineRunner.run(["build", "--example"], environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(outcome.status == 1)
        let real = outcome.standardError.split(separator: "\n").map { Self.normalized(String($0)) }
        #expect(real == (try Self.exampleBlock("text")).map(Self.normalized))
    }

    @Test func theJSONOutputExampleHasTheRealShape() throws {
        let outcome = try CommandLineRunner.run(["build", "--example", "--format", "json"], environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        let real = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let shown = try #require(
            try JSONSerialization.jsonObject(with: Data(try Self.exampleBlock("json").joined(separator: "\n").utf8)) as? [String: Any])
        #expect(Set(real.keys) == Set(shown.keys))
        #expect(real["command"] as? String == shown["command"] as? String)
        #expect(real["ok"] as? Bool == shown["ok"] as? Bool)
        let realFirst = try #require((real["diagnostics"] as? [[String: Any]])?.first { $0["severity"] as? String == "error" })
        let shownFirst = try #require((shown["diagnostics"] as? [[String: Any]])?.first)
        #expect(Set(realFirst.keys) == Set(shownFirst.keys))
        for key in ["code", "severity", "line", "column"] {
            #expect("\(realFirst[key] ?? "nil")" == "\(shownFirst[key] ?? "nil")", "\(key)")
        }
    }
}
