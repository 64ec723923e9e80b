import Foundation
import Testing
import TestSupport

/// `proctoring-assets doctor` (the wheel's binary) on the openedx Dockerfile the real Tutor renders for a
/// deployment that installs Proctortrack (OPENEDX_EXTRA_PIP_REQUIREMENTS): without the plugin it says what is
/// missing and that the plugin fixes it; with the plugin enabled it reports no error about the worker.
@Suite(.serialized) struct TutorDoctorTests {
    /// One finding of `doctor --format json`.
    struct Finding: CustomStringConvertible {
        var code: String
        var severity: String
        var line: Int?
        var message: String
        var fix: String

        var description: String { "\(code) \(severity) :\(line.map(String.init) ?? "-") \(message)" }
    }

    static func doctor(_ project: TutorPluginTests.TutorProject) throws -> (status: Int32, findings: [Finding]) {
        let dockerfile = project.root + "/env/build/openedx/Dockerfile"
        let run = try project.venv.run("proctoring-assets", ["doctor", dockerfile, "--format", "json"])
        let report = try #require(
            try JSONSerialization.jsonObject(with: run.standardOutputData) as? [String: Any], "\(run.standardError)")
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        let findings = diagnostics.map { item in
            Finding(
                code: item["code"] as? String ?? "", severity: item["severity"] as? String ?? "", line: item["line"] as? Int,
                message: item["message"] as? String ?? "", fix: item["fix"] as? String ?? "")
        }
        return (run.status, findings)
    }

    @Test(arguments: TutorPluginTests.tutorTargets)
    func doctorTellsToEnableThePluginAndIsCleanOnceItIs(tutorTarget: String) throws {
        let project = try TutorPluginTests.project(tutorTarget, label: "tutor-doctor")
        defer { try? FileManager.default.removeItem(atPath: project.venv.root) }
        let provider = ["--set", #"OPENEDX_EXTRA_PIP_REQUIREMENTS=["edx-proctoring-proctortrack==1.2.1"]"#]

        // The plugin is installed (the wheel is in the virtualenv) but not enabled: Tutor's own build.
        let plain = try project.tutor(["config", "save"] + provider)
        try #require(plain.status == 0, "\(plain.standardOutput)\n\(plain.standardError)")
        let without = try Self.doctor(project)
        #expect(without.status == 1, "\(without.findings)")
        let errors = without.findings.filter { $0.severity == "error" }
        #expect(Set(errors.map(\.code)) == ["PA403", "PA408"], "\(without.findings)")
        for error in errors {
            #expect(error.fix.contains("pip install proctoring_assets-….whl && tutor plugins enable proctoring-assets"), "\(error.fix)")
        }
        #expect(errors.first { $0.code == "PA408" }?.message.contains("edx-proctoring-proctortrack") == true)

        // Enabled, with the provider's npm package and its JS_ENV_EXTRA_CONFIG in config.yml.
        let enable = try project.tutor(["plugins", "enable", "proctoring-assets"])
        try #require(enable.status == 0, "\(enable.standardOutput)\n\(enable.standardError)")
        let save = try project.tutor(["config", "save"] + provider + [
            "--set", #"PROCTORING_ASSETS_NPM_PACKAGES=["edx-proctoring-proctortrack@1.2.1"]"#,
            "--set", #"PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG={"PROCTORTRACK_CDN_URL": "\"https://cdn.example.com/pt.js\"", "PROCTORTRACK_CONFIG_KEY": "\"key\""}"#,
            "--set", #"PROCTORING_ASSETS_BACKENDS={"DEFAULT": "proctortrack", "proctortrack": {}}"#,
        ])
        try #require(save.status == 0, "\(save.standardOutput)\n\(save.standardError)")
        let with = try Self.doctor(project)
        #expect(with.status == 0, "\(with.findings)")
        #expect(with.findings.filter { $0.severity == "error" }.isEmpty, "\(with.findings)")
        // The provider is decided (no "nothing tells which provider" note), and nothing about the worker is
        // left for the webpack run the build replaces.
        let codes = Set(with.findings.map(\.code))
        #expect(codes.isDisjoint(with: ["PA400", "PA403", "PA408", "PA437", "PA441", "PA442"]), "\(with.findings)")
        // The development image (FROM production) runs webpack again; it sees the plugin's JS_ENV_EXTRA_CONFIG.
        let development = try #require(with.findings.first { $0.code == "PA440" }, "\(with.findings)")
        #expect(development.severity == "note")
        #expect(development.message.hasPrefix("`npm run build-dev` runs after `proctoring-assets build`"))
        #expect(development.message.contains("bundles the worker again"))
    }
}
