import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import FileSystemSupport

@Suite struct StagedOutputTests {
    @Test func writesAllFilesIncludingScopedSubfolders() throws {
        let directory = try TemporaryDirectory("staged")
        defer { directory.remove() }
        var output = StagedOutput()
        output.add(directory.path + "/bundles/@edx/mockprock.js", text: "worker")
        output.add(directory.path + "/static/webpack-worker-stats.json", text: "{}")
        output.add(directory.path + "/workers.json", text: "{\"a\": 1}", mode: 0o664)
        let written = try output.commit()
        #expect(
            written == [
                directory.path + "/bundles/@edx/mockprock.js", directory.path + "/static/webpack-worker-stats.json",
                directory.path + "/workers.json",
            ])
        #expect(directory.read("bundles/@edx/mockprock.js") == "worker")
        #expect(directory.read("workers.json") == "{\"a\": 1}")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/workers.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o664)
        // No staging or backup files are left behind.
        #expect(directory.entries() == ["bundles", "static", "workers.json"])
        #expect(directory.entries("bundles/@edx") == ["mockprock.js"])
    }

    @Test func replacesExistingFiles() throws {
        let directory = try TemporaryDirectory("staged-replace")
        defer { directory.remove() }
        try directory.write("bundles/a.js", "old")
        var output = StagedOutput()
        output.add(directory.path + "/bundles/a.js", text: "new")
        _ = try output.commit()
        #expect(directory.read("bundles/a.js") == "new")
        #expect(directory.entries("bundles") == ["a.js"])
    }

    @Test func failureRollsBackFilesAlreadyMoved() throws {
        let directory = try TemporaryDirectory("staged-rollback")
        defer { directory.remove() }
        try directory.write("bundles/a.js", "old a")
        // The stats destination is a non-empty directory: moving a file over it must fail.
        try directory.write("stats.json/blocker", "x")
        var output = StagedOutput()
        output.add(directory.path + "/bundles/a.js", text: "new a")
        output.add(directory.path + "/bundles/b/new.js", text: "new b")
        output.add(directory.path + "/stats.json", text: "{}")
        do {
            _ = try output.commit()
            Issue.record("commit should have failed")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.stagedOutputFailed])
            #expect(
                error.diagnostics.first?.message
                    == "cannot put \(directory.path)/stats.json in place (\(directory.path)/stats.json: is a directory, not a file); the 2 file(s) already moved were rolled back"
            )
        }
        #expect(directory.read("bundles/a.js") == "old a")
        #expect(directory.entries("bundles") == ["a.js"])
        #expect(directory.entries() == ["bundles", "stats.json"])
    }

    @Test func stagingFailureTouchesNothing() throws {
        let directory = try TemporaryDirectory("staged-stage-fail")
        defer { directory.remove() }
        try directory.write("bundles/a.js", "old a")
        try directory.write("file", "not a directory")
        var output = StagedOutput()
        output.add(directory.path + "/bundles/a.js", text: "new a")
        output.add(directory.path + "/file/under-a-file.js", text: "x")
        #expect(throws: DiagnosticError.self) { try output.commit() }
        #expect(directory.read("bundles/a.js") == "old a")
        #expect(directory.entries("bundles") == ["a.js"])
    }

    @Test func laterAddOfTheSamePathReplacesContent() {
        var output = StagedOutput()
        output.add("/x/a.js", text: "1")
        output.add("/x/b.js", text: "2")
        output.add("/x/./a.js", text: "3")
        #expect(output.files.map(\.path) == ["/x/a.js", "/x/b.js"])
        #expect(output.files.first?.bytes == Array("3".utf8))
    }
}
