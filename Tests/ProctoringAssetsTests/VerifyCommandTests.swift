import Foundation
import Testing

/// `verify` end to end on what `build --example` wrote: the image folder and its .tar.gz pass with
/// `--smoke`; a planted fault fails with its code.
@Suite(.serialized) struct VerifyCommandTests {
    static func builtExample() throws -> String {
        let (scratch, outcome) = try BuildCommandTests.buildExample()
        #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
        return scratch
    }

    @Test func aCorrectBuildPassesAsFolderAndAsTarball() throws {
        let scratch = try Self.builtExample()
        let folder = try CommandLineRunner.run(["verify", scratch, "--smoke"])
        #expect(folder.status == 0, "\(folder.standardOutput)\n\(folder.standardError)")
        #expect(folder.standardOutput.contains("webpack-worker-stats.json"))

        let tarball = scratch + ".tar.gz"
        _ = try UpstreamPython.run("""
            import sys, tarfile
            with tarfile.open(sys.argv[1], 'w:gz') as archive:
                archive.add(sys.argv[2], arcname='.')
            """, arguments: [tarball, scratch])
        let archived = try CommandLineRunner.run(["verify", tarball, "--smoke", "--format", "json"])
        #expect(archived.status == 0, "\(archived.standardOutput)\n\(archived.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(archived.standardOutput.utf8)) as? [String: Any]
        #expect(object?["ok"] as? Bool == true)
    }

    @Test func aBuildWithoutWorkersJSONFails() throws {
        let scratch = try Self.builtExample()
        try FileManager.default.removeItem(atPath: scratch + "/openedx/workers.json")
        let outcome = try CommandLineRunner.run(["verify", scratch])
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        #expect(outcome.standardError.contains("PA330"))
        #expect(!outcome.standardOutput.contains("PA330"), "diagnostics go to standard error")
        #expect(outcome.standardOutput.contains("FAILS verification"))
    }

    @Test func aBundleWithTheDefineLeftInFails() throws {
        let scratch = try Self.builtExample()
        let bundle = scratch + "/openedx/staticfiles/bundles/\(BuildCommandTests.bundleName).js"
        let text = try String(contentsOfFile: bundle, encoding: .utf8)
        try (text + "\nvar leftover = process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL;\n")
            .write(toFile: bundle, atomically: true, encoding: .utf8)
        let outcome = try CommandLineRunner.run(["verify", scratch])
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        #expect(outcome.standardError.contains("PA335"))
    }

    @Test func aJunkFileIsAnInputError() throws {
        let folder = try CommandLineRunner.temporaryFolder("verify-junk")
        try Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: folder + "/image.tar.gz"))
        let outcome = try CommandLineRunner.run(["verify", folder + "/image.tar.gz"])
        #expect(outcome.status == 2, "\(outcome.standardOutput)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["image.tar.gz"])
    }
}
