import Foundation
import TestSupport
import Testing

/// `build` killed with SIGKILL at each `rename(2)` it makes, and at each `fsync(2)` of the staging before
/// them (strace injects the signal): every output still exists and is a complete old or new file, the next
/// `build` completes the interrupted commit and leaves nothing behind, and `verify` passes.
@Suite(.serialized) struct CommitUnderSIGKILLTests {
    static let oldConfig = #"{"EXAMPLE_PROCTOR_URL": "\"https://old.example.com/api\""}"#
    static let newConfig = #"{"EXAMPLE_PROCTOR_URL": "\"https://new.example.com/api\""}"#
    static let outputs = [
        "openedx/workers.json", "openedx/edx-platform/common/static/bundles/example-proctor-worker.js",
        "openedx/staticfiles/bundles/example-proctor-worker.js", "openedx/staticfiles/webpack-worker-stats.json",
    ]

    static func buildArguments(_ copy: String) -> [String] {
        ["build"] + BuildCommandTests.settingsArguments(copy)
    }

    static func contents(_ copy: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for output in outputs { result[output] = FileManager.default.contents(atPath: copy + "/" + output) }
        return result
    }

    /// Files a commit leaves behind when it does not finish.
    static func leftovers(_ copy: String) -> [String] {
        let folders = ["openedx", "openedx/edx-platform/common/static/bundles", "openedx/staticfiles/bundles", "openedx/staticfiles"]
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: copy + "/" + folder)) ?? [])
                .filter { $0.contains(".staged-") || $0.contains(".previous-") || $0.contains(".tmp-") || $0.hasSuffix(".journal") }
                .map { folder + "/" + $0 }
        }
    }

    @Test func everyRenameOfABuildCanBeKilled() throws {
        let strace = try #require(["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "strace is installed by scripts/install-test-tools")
        let root = try CommandLineRunner.temporaryFolder("sigkill")
        // The old set: a build with the old configuration. The new set: what a build with the new one writes.
        let pristine = root + "/pristine"
        let first = try CommandLineRunner.run(["build", "--example", "--example-dir", pristine], environment: ["JS_ENV_EXTRA_CONFIG": Self.oldConfig])
        #expect(first.status == 0, "\(first.standardError)")
        let old = Self.contents(pristine)
        let reference = root + "/reference"
        try FileManager.default.copyItem(atPath: pristine, toPath: reference)
        let rebuilt = try CommandLineRunner.run(Self.buildArguments(reference), environment: ["JS_ENV_EXTRA_CONFIG": Self.newConfig])
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        let new = Self.contents(reference)
        #expect(old[Self.outputs[1]] != new[Self.outputs[1]], "the two configurations must give different bundles")

        // Where a build renames and syncs: every rename, and every fsync before the first rename (staging).
        let counted = root + "/counted"
        try FileManager.default.copyItem(atPath: pristine, toPath: counted)
        let log = root + "/commit.log"
        let traced = try ExternalProcess.run(
            strace, ["-f", "-qq", "-e", "trace=rename,renameat,renameat2,fsync", "-o", log, CommandLineRunner.executable] + Self.buildArguments(counted),
            environment: ProcessInfo.processInfo.environment.merging(["JS_ENV_EXTRA_CONFIG": Self.newConfig]) { $1 })
        #expect(traced.status == 0)
        let calls = (try String(contentsOfFile: log, encoding: .utf8)).split(separator: "\n").compactMap { line -> String? in
            line.contains("rename") ? "rename" : line.contains("fsync(") ? "fsync" : nil
        }
        let renames = calls.filter { $0 == "rename" }.count
        let stagingSyncs = calls.prefix { $0 == "fsync" }.count
        #expect(renames >= 5, "the journal and moving four outputs")
        #expect(stagingSyncs >= 4, "staging four outputs")
        let stops = (1...stagingSyncs).map { ("fsync", $0) } + (1...renames).map { ("rename", $0) }

        for (call, occurrence) in stops {
            let stop = "\(call) \(occurrence)"
            let copy = root + "/kill-\(call)-\(occurrence)"
            try FileManager.default.copyItem(atPath: pristine, toPath: copy)
            let killed = try ExternalProcess.run(
                strace, ["-f", "-qq", "-o", "/dev/null", "-e", "inject=\(call):signal=SIGKILL:when=\(occurrence)", CommandLineRunner.executable]
                    + Self.buildArguments(copy),
                environment: ProcessInfo.processInfo.environment.merging(["JS_ENV_EXTRA_CONFIG": Self.newConfig]) { $1 })
            #expect(killed.status != 0, "\(stop): the build was not stopped")
            for output in Self.outputs {
                let now = FileManager.default.contents(atPath: copy + "/" + output)
                #expect(now != nil, "\(stop): \(output) is missing")
                if output.hasSuffix(".js") {
                    #expect(now == old[output] || now == new[output], "\(stop): \(output) is neither the old nor the new file")
                } else {
                    // workers.json and the stats file hold the copy's own paths: complete JSON is what counts.
                    #expect((try? JSONSerialization.jsonObject(with: now ?? Data())) != nil, "\(stop): \(output) is not complete")
                }
            }
            // The stats file never names a bundle that is not in place (the bundle name is the same in both sets).
            let next = try CommandLineRunner.run(Self.buildArguments(copy), environment: ["JS_ENV_EXTRA_CONFIG": Self.newConfig])
            #expect(next.status == 0, "\(stop): the next build failed: \(next.standardError)")
            for output in Self.outputs where output.hasSuffix(".js") {
                #expect(FileManager.default.contents(atPath: copy + "/" + output) == new[output], "\(stop): \(output) is not the new bundle")
            }
            #expect(Self.leftovers(copy) == [], "\(stop): left behind \(Self.leftovers(copy))")
            let verified = try CommandLineRunner.run(["verify", copy])
            #expect(verified.status == 0, "\(stop): verify: \(verified.standardError)")
        }
    }

    @Test func aJournalLeftBehindIsCompletedByTheNextBuild() throws {
        let root = try CommandLineRunner.temporaryFolder("journal")
        let copy = root + "/copy"
        let built = try CommandLineRunner.run(["build", "--example", "--example-dir", copy], environment: ["JS_ENV_EXTRA_CONFIG": Self.oldConfig])
        #expect(built.status == 0)
        // A staged stats file and its journal, as a commit killed after writing the journal leaves them.
        let statsFile = copy + "/openedx/staticfiles/webpack-worker-stats.json"
        let staged = copy + "/openedx/staticfiles/.webpack-worker-stats.json.staged-1x2-0"
        try Data("{\"status\": \"done\", \"chunks\": {}}".utf8).write(to: URL(fileURLWithPath: staged))
        let journal = "proctoring-assets commit journal 1\n\(staged)\t\(statsFile)\t\(statsFile).previous-1x2-0\n"
        try Data(journal.utf8).write(to: URL(fileURLWithPath: copy + "/openedx/staticfiles/.proctoring-assets-commit-1x2.journal"))
        let next = try CommandLineRunner.run(Self.buildArguments(copy) + ["--verbose"], environment: ["JS_ENV_EXTRA_CONFIG": Self.newConfig])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(next.standardError.contains("note[PA158]"), "\(next.standardError)")
        #expect(Self.leftovers(copy) == [])
    }

    @Test func anExampleCopyKilledHalfwayDoesNotBlockTheNextRun() throws {
        let strace = try #require(["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let root = try CommandLineRunner.temporaryFolder("example-kill")
        let copy = root + "/copy"
        let killed = try ExternalProcess.run(
            strace, ["-f", "-qq", "-o", "/dev/null", "-e", "inject=mkdir:signal=SIGKILL:when=4", CommandLineRunner.executable,
                     "build", "--example", "--example-dir", copy],
            environment: ProcessInfo.processInfo.environment)
        #expect(killed.status != 0)
        #expect(!FileManager.default.fileExists(atPath: copy), "a half-copied example is in place")
        let next = try CommandLineRunner.run(["build", "--example", "--example-dir", copy])
        #expect(next.status == 0, "\(next.standardError)")
    }
}

/// Issue 11.4: `verify --extract-to` on an archive it does not accept leaves nothing behind.
@Suite struct ExtractionIsAllOrNothingTests {
    @Test func aTruncatedArchiveExtractsNothing() throws {
        let root = try CommandLineRunner.temporaryFolder("extract-cut")
        let built = try CommandLineRunner.run(["build", "--example", "--example-dir", root + "/copy"])
        #expect(built.status == 0)
        let archive = root + "/image.tgz"
        let tar = try ExternalProcess.run("/bin/tar", ["-czf", archive, "-C", root + "/copy", "."])
        #expect(tar.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: root + "/cut.tgz"))

        let whole = try CommandLineRunner.run(["verify", archive, "--extract-to", root + "/whole"])
        #expect(whole.status == 0, "\(whole.standardError)")
        #expect(FileManager.default.fileExists(atPath: root + "/whole/openedx/workers.json"))

        let cut = try CommandLineRunner.run(["verify", root + "/cut.tgz", "--extract-to", root + "/cut"])
        #expect(cut.status == 2, "\(cut.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root + "/cut"), "a truncated archive was partly extracted")
        let left = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains(".partial-") }
        #expect(left == [], "staging folders left behind: \(left)")
    }
}
