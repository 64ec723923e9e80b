import Foundation
import TestSupport
import Testing

/// The `workers` command end to end, through the built executable, as the issue's "done when" says.
@Suite(.serialized) struct WorkersCommandTests {
    @Test func exampleWritesWorkersJSONAndSaysWhereFrom() throws {
        let scratch = try CommandLineRunner.temporaryFolder("example") + "/copy"
        let outcome = try CommandLineRunner.run(["workers", "--example", "--example-dir", scratch])
        #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
        let workersPath = scratch + "/openedx/workers.json"
        let written = try String(contentsOfFile: workersPath, encoding: .utf8)
        let expectedEntry = scratch + "/openedx/edx-platform/node_modules/example-proctor-worker/static/worker.js"
        #expect(written == #"{"example-proctor-worker": ["babel-polyfill", ""# + expectedEntry + #""]}"#)
        #expect(outcome.standardOutput.contains(scratch))
        #expect(outcome.standardOutput.contains("example_proctor"))
        #expect(outcome.standardOutput.contains("entry_points.txt"))
        #expect(outcome.standardOutput.contains(workersPath))

        let attributes = try FileManager.default.attributesOfItem(atPath: workersPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o664)
    }

    @Test func exampleRunsTwiceAndLeavesTheCheckoutClean() throws {
        let before = try gitStatus()
        let first = try CommandLineRunner.run(["workers", "--example"])
        let second = try CommandLineRunner.run(["workers", "--example"])
        #expect(first.status == 0)
        #expect(second.status == 0)
        #expect(try gitStatus() == before)
    }

    @Test func matchesTheRealMakeWorkerConfigByteForByte() throws {
        let scratch = try CommandLineRunner.temporaryFolder("parity") + "/copy"
        let ours = try CommandLineRunner.run(["workers", "--example", "--example-dir", scratch])
        #expect(ours.status == 0, "\(ours.standardOutput)\n\(ours.standardError)")
        let upstreamPath = scratch + "/upstream-workers.json"
        try UpstreamPython.makeWorkerConfig(
            nodeModulesRoot: scratch + "/openedx/edx-platform/node_modules", envRoot: scratch + "/openedx",
            npmModules: ["example-proctor-worker"], output: upstreamPath)
        let upstream = try Data(contentsOf: URL(fileURLWithPath: upstreamPath))
        let mine = try Data(contentsOf: URL(fileURLWithPath: scratch + "/openedx/workers.json"))
        #expect(mine == upstream)
        let upstreamMode = try FileManager.default.attributesOfItem(atPath: upstreamPath)[.posixPermissions] as? Int
        let myMode = try FileManager.default.attributesOfItem(atPath: scratch + "/openedx/workers.json")[.posixPermissions] as? Int
        #expect(myMode == upstreamMode)
    }

    @Test func missingNodeModulesRootNamesTheSettingAndTheImportChain() throws {
        let scratch = try CommandLineRunner.temporaryFolder("no-nmr") + "/copy"
        let prepared = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        #expect(prepared.status == 0, "\(prepared.standardOutput)\n\(prepared.standardError)")
        let common = scratch + "/openedx/edx-platform/lms/envs/common.py"
        let original = try String(contentsOfFile: common, encoding: .utf8)
        let without = original.replacingOccurrences(of: "NODE_MODULES_ROOT = REPO_ROOT / \"node_modules\"\n", with: "")
        #expect(without != original)
        try without.write(toFile: common, atomically: true, encoding: .utf8)

        let arguments = [
            "workers", "--settings", "example_site.assets",
            "--python-path", scratch + "/openedx/site-settings", "--python-path", scratch + "/openedx/edx-platform",
            "--config-yaml", scratch + "/openedx/config/lms.yml",
            "--site-packages", scratch + "/openedx/venv/lib/python3.11/site-packages",
        ]
        let failing = try CommandLineRunner.run(arguments, environment: ["LMS_CFG": scratch + "/openedx/config/lms.yml"])
        #expect(failing.status == 1, "\(failing.standardOutput)\n\(failing.standardError)")
        #expect(failing.standardError.contains("NODE_MODULES_ROOT"))
        #expect(failing.standardError.contains("error[PA0"))
        #expect(failing.standardError.contains("example_site/assets.py"))
        #expect(failing.standardError.contains("lms/envs/production.py"))
        #expect(failing.standardError.contains("lms/envs/common.py"))
        // One finding, once: the planner's error (PA046), not also the settings' warning (PA019).
        #expect(failing.standardError.contains("PA046"))
        #expect(!failing.standardError.contains("PA019"), "\(failing.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch + "/openedx/workers.json"))

        try original.write(toFile: common, atomically: true, encoding: .utf8)
        let passing = try CommandLineRunner.run(arguments, environment: ["LMS_CFG": scratch + "/openedx/config/lms.yml"])
        #expect(passing.status == 0, "\(passing.standardOutput)\n\(passing.standardError)")
        let upstreamPath = scratch + "/upstream-workers.json"
        try UpstreamPython.makeWorkerConfig(
            nodeModulesRoot: scratch + "/openedx/edx-platform/node_modules", envRoot: scratch + "/openedx",
            npmModules: ["example-proctor-worker"], output: upstreamPath)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch + "/openedx/workers.json"))
            == (try Data(contentsOf: URL(fileURLWithPath: upstreamPath))))
    }

    @Test func jsonFormatIsOneDocumentedObject() throws {
        let outcome = try CommandLineRunner.run(["workers", "--example", "--dry-run", "--format", "json"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any]
        #expect(object?["command"] as? String == "workers")
        #expect(object?["ok"] as? Bool == true)
        #expect(object?["diagnostics"] is [Any])
        #expect(object?["result"] is [String: Any])
    }

    @Test func usageErrorsExitTwo() throws {
        let outcome = try CommandLineRunner.run(["workers"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("--settings"))
        let badBackend = try CommandLineRunner.run(["workers", "--example", "--backend", "no-equals-sign"])
        #expect(badBackend.status == 2)
        #expect(badBackend.standardError.contains("PA045"))
    }

    @Test func helpDocumentsExitStatuses() throws {
        let outcome = try CommandLineRunner.run(["--help"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("Exit status"))
        let workersHelp = try CommandLineRunner.run(["workers", "--help"])
        #expect(workersHelp.standardOutput.contains("--allow-empty"))
    }

    private func gitStatus() throws -> String {
        try ExternalProcess.run("/usr/bin/git", ["-C", CommandLineRunner.packageRoot, "status", "--porcelain", "--", "Examples"])
            .standardOutput
    }
}
