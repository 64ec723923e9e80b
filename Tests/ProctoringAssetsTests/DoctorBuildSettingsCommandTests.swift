import Foundation
import Testing

/// `doctor` end to end on a real build that copies its settings into place (MIT Open Learning's Earthfile of
/// November 2025, Tests/Fixtures/Doctor/corpus): both worker errors, and neither once the same file is fixed.
@Suite struct DoctorBuildSettingsCommandTests {
    static let corpus = CommandLineRunner.packageRoot + "/Tests/Fixtures/Doctor/corpus"

    /// The real Earthfile and settings, in a scratch folder, with `edit` applied to the Earthfile.
    static func copy(_ folder: String, editing edit: (String) -> String = { $0 }) throws -> String {
        let scratch = try CommandLineRunner.temporaryFolder("doctor-corpus")
        try FileManager.default.createDirectory(atPath: scratch + "/settings/lms", withIntermediateDirectories: true)
        let earthfile = try String(contentsOfFile: "\(corpus)/\(folder)/Earthfile", encoding: .utf8)
        try edit(earthfile).write(toFile: scratch + "/Earthfile", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: "\(corpus)/\(folder)/settings/lms/assets.not_py", toPath: scratch + "/settings/lms/assets.not_py")
        return scratch
    }

    @Test func copiedProctortrackSettingsGiveBothErrors() throws {
        let folder = try Self.copy("mitodl-earthfile-69a606f72")
        let outcome = try CommandLineRunner.run(["doctor", "Earthfile", "settings/lms/assets.not_py"], currentDirectory: folder)
        #expect(outcome.status == 1, "\(outcome.standardOutput)\n\(outcome.standardError)")
        #expect(outcome.standardError.contains("Earthfile:178:8: error[PA403]"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("Earthfile:178:8: error[PA408]"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("PA435"), "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasPrefix("Build-time settings: lms.envs.mitol.assets from settings/lms/assets.not_py\n"))

        let json = try CommandLineRunner.run(
            ["doctor", "Earthfile", "settings/lms/assets.not_py", "--format", "json"], currentDirectory: folder)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let result = object?["result"] as? [String: Any]
        #expect(result?["settingsRead"] as? [String] == ["settings/lms/assets.not_py"], "\(json.standardOutput)")
        #expect(result?["errors"] as? Int == 3, "\(json.standardOutput)")
    }

    @Test func theSameEarthfileFixedHasNeither() throws {
        let folder = try Self.copy("mitodl-earthfile-69a606f72") { text in
            text.replacingOccurrences(
                of: #"  # ENV JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL":"\"\"","PROCTORTRACK_CONFIG_KEY":"\"\""}'"#,
                with: #"  ENV JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL":"\"\"","PROCTORTRACK_CONFIG_KEY":"\"\""}'"#)
                .replacingOccurrences(
                    of: "&& npm clean-install -s --registry=$NPM_REGISTRY",
                    with: "&& npm clean-install -s --registry=$NPM_REGISTRY && npm install edx-proctoring-proctortrack")
        }
        let outcome = try CommandLineRunner.run(["doctor", "Earthfile", "settings/lms/assets.not_py"], currentDirectory: folder)
        #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
        #expect(!outcome.standardError.contains("PA403") && !outcome.standardError.contains("PA408"), "\(outcome.standardError)")
    }

    @Test func withoutTheSettingsOneNoteNamesTheFileToPass() throws {
        let folder = try Self.copy("mitodl-earthfile-69a606f72")
        let outcome = try CommandLineRunner.run(["doctor", "Earthfile"], currentDirectory: folder)
        #expect(outcome.status == 0, "\(outcome.standardOutput)")
        #expect(outcome.standardError.components(separatedBy: "note[PA436]").count == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("pass settings/lms/assets.not_py too"), "\(outcome.standardError)")
    }

    /// The issue's Dockerfile: the provider pip-installed, never npm-installed, webpack's failure hidden.
    @Test func pipInstalledProviderFailsTheBuildFile() throws {
        let folder = try CommandLineRunner.temporaryFolder("doctor-pip")
        try """
            FROM python:3.11
            WORKDIR /openedx/edx-platform
            RUN pip install edx-proctoring-proctortrack==1.2.1
            RUN npm clean-install
            RUN npm run webpack 2> /dev/null || true
            RUN ./manage.py lms collectstatic --noinput

            """.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
        let outcome = try CommandLineRunner.run(["doctor", "Dockerfile"], currentDirectory: folder)
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        for code in ["PA400", "PA403", "PA408"] {
            #expect(outcome.standardError.contains("error[\(code)]"), "\(code)\n\(outcome.standardError)")
        }
    }
}

/// `--site-packages` alone tells which providers are installed.
@Suite struct DoctorSitePackagesCommandTests {
    @Test func aProviderInTheSitePackagesMakesTheWorkerFindingsErrors() throws {
        let scratch = try CommandLineRunner.temporaryFolder("doctor-site-packages")
        let copied = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch + "/example"])
        #expect(copied.status == 0, "\(copied.standardOutput)\n\(copied.standardError)")
        try """
            FROM python:3.11
            WORKDIR /openedx/edx-platform
            RUN npm clean-install
            RUN ./manage.py lms collectstatic --noinput && npm run webpack && ./manage.py lms collectstatic --noinput

            """.write(toFile: scratch + "/Dockerfile", atomically: true, encoding: .utf8)
        let sitePackages = scratch + "/example/openedx/venv/lib/python3.11/site-packages"
        let outcome = try CommandLineRunner.run(["doctor", "Dockerfile", "--site-packages", sitePackages], currentDirectory: scratch)
        #expect(outcome.status == 1, "\(outcome.standardOutput)\n\(outcome.standardError)")
        #expect(outcome.standardError.contains("error[PA408]: the npm package example-proctor-worker"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("error[PA403]"), "\(outcome.standardError)")
        let without = try CommandLineRunner.run(["doctor", "Dockerfile"], currentDirectory: scratch)
        #expect(without.status == 0, "\(without.standardOutput)")
        #expect(without.standardError.contains("note[PA437]"), "\(without.standardError)")
    }
}
