import Foundation
import Testing

/// `doctor` end to end with the real settings evaluator: the "before" build of each fixture must show its
/// planted faults, the "after" build no warning or error.
@Suite struct DoctorCommandTests {
    static let fixtures = CommandLineRunner.packageRoot + "/Tests/Fixtures/Doctor"

    static let plantedErrors: [String: [String]] = [
        "earthfile": ["PA400", "PA403", "PA182", "PA408", "PA410"],
        "dockerfile": ["PA181", "PA415", "PA417"],
        "tutor": ["PA400", "PA403", "PA408", "PA414"],
    ]

    static func run(_ fixture: String, _ variant: String, format: String = "text") throws -> CommandLineRunner.Outcome {
        let folder = "\(fixtures)/\(fixture)/\(variant)"
        let inputs = try String(contentsOfFile: folder + "/inputs.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let settings = try FileManager.default.contentsOfDirectory(atPath: folder + "/settings").sorted()
        return try CommandLineRunner.run(
            ["doctor"] + inputs + ["--settings", "settings/" + settings[0], "--format", format], currentDirectory: folder)
    }

    @Test(arguments: ["earthfile", "dockerfile", "tutor"])
    func beforeShowsThePlantedFaults(fixture: String) throws {
        let outcome = try Self.run(fixture, "before")
        #expect(outcome.status == 1, "\(outcome.standardOutput)\n\(outcome.standardError)")
        for code in Self.plantedErrors[fixture] ?? [] {
            #expect(outcome.standardError.contains("error[\(code)]"), "\(fixture): missing \(code)\n\(outcome.standardError)")
        }
    }

    @Test(arguments: ["earthfile", "dockerfile", "tutor"])
    func afterIsClean(fixture: String) throws {
        let outcome = try Self.run(fixture, "after", format: "json")
        #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.allSatisfy { $0["severity"] as? String == "note" }, "\(outcome.standardOutput)")
    }

    @Test func sarifOutputIsAValidSARIFLog() throws {
        let outcome = try Self.run("earthfile", "before", format: "sarif")
        #expect(outcome.status == 1)
        let log = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        let runs = log?["runs"] as? [[String: Any]]
        let results = runs?.first?["results"] as? [[String: Any]] ?? []
        #expect(results.contains { $0["ruleId"] as? String == "PA408" })

        guard let schema = ProcessInfo.processInfo.environment["PA_TEST_SARIF_SCHEMA"], !schema.isEmpty else {
            Issue.record("PA_TEST_SARIF_SCHEMA is not set: run the tests through scripts/test (it installs the OASIS schema)")
            return
        }
        let folder = try CommandLineRunner.temporaryFolder("sarif")
        try outcome.standardOutput.write(toFile: folder + "/doctor.sarif", atomically: true, encoding: .utf8)
        let verdict = try UpstreamPython.run("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            jsonschema.Draft4Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
            print("valid" if not errors else "\\n".join(e.message for e in errors[:5]))
            """, arguments: [schema, folder + "/doctor.sarif"])
        #expect(verdict.trimmingCharacters(in: .whitespacesAndNewlines) == "valid", "\(verdict)")
    }

    @Test func binaryFileIsAnInputError() throws {
        let folder = try CommandLineRunner.temporaryFolder("doctor-binary")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: folder + "/Dockerfile"))
        let outcome = try CommandLineRunner.run(["doctor", "Dockerfile"], currentDirectory: folder)
        #expect(outcome.status == 2, "\(outcome.standardOutput)")
        #expect(outcome.standardError.contains("PA431"))
    }
}
