import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import Verification

@Suite struct ArchiveSafetyTests {
    @Test func leavesOutAbsoluteAndDotDotEntriesAndNamesThem() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("slip.tgz", format: "pax", entries: SampleTrees.staticRoot() + [
            ["name": "../../escaped.js", "text": "evil"],
            ["name": "staticfiles/../../escaped2.js", "text": "evil"],
            ["name": "/etc/cron.d/evil", "text": "evil"],
            ["name": "./staticfiles/ok.js", "text": "fine"],
        ])
        let diagnostics = DiagnosticCollector()
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: diagnostics)
        #expect(diagnostics.codes == ["PA308", "PA308", "PA308"])
        let messages = diagnostics.diagnostics.map(\.message).joined(separator: "\n")
        #expect(messages.contains("`../../escaped.js`"))
        #expect(messages.contains("`staticfiles/../../escaped2.js`"))
        #expect(messages.contains("`/etc/cron.d/evil`"))
        #expect(diagnostics.diagnostics.allSatisfy { $0.code.isInputError && $0.location?.file == made.path })
        #expect(try archive.readUTF8File("/staticfiles/ok.js") == "fine")
        #expect(archive.allPaths.allSatisfy { !$0.contains("escaped") && !$0.hasPrefix("/etc") })
    }

    @Test func resolvesLinksOnlyInsideTheArchive() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("symlinks.tgz", entries: [
            ["name": "openedx/staticfiles/bundles/real.js", "text": "real"],
            ["name": "openedx/staticfiles/bundles/alias.js", "type": "symlink", "target": "real.js"],
            ["name": "openedx/static", "type": "symlink", "target": "staticfiles"],
            ["name": "openedx/absolute.js", "type": "symlink", "target": "/openedx/staticfiles/bundles/real.js"],
            ["name": "openedx/passwd", "type": "symlink", "target": "../../../etc/passwd"],
            ["name": "openedx/hostfile", "type": "symlink", "target": "/etc/hostname"],
            ["name": "openedx/loop-a", "type": "symlink", "target": "loop-b"],
            ["name": "openedx/loop-b", "type": "symlink", "target": "loop-a"],
            ["name": "openedx/static/through-link.js", "text": "must not land in staticfiles"],
        ])
        let diagnostics = DiagnosticCollector()
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: diagnostics)

        #expect(try archive.readUTF8File("/openedx/staticfiles/bundles/alias.js") == "real")
        #expect(try archive.readUTF8File("/openedx/static/bundles/real.js") == "real")
        #expect(try archive.listDirectory("/openedx/static") == ["bundles"])
        #expect(try archive.realPath("/openedx/static/bundles/alias.js") == "/openedx/staticfiles/bundles/real.js")
        // Absolute targets resolve against the archive's root, never the host's.
        #expect(try archive.readUTF8File("/openedx/absolute.js") == "real")
        #expect(!archive.fileExists("/openedx/hostfile"))
        #expect(throws: FileSystemError.notFound(path: "/openedx/hostfile")) { try archive.readFile("/openedx/hostfile") }
        #expect(!archive.fileExists("/openedx/passwd"))
        #expect(throws: FileSystemError.self) { try archive.readFile("/openedx/passwd") }
        #expect(throws: FileSystemError.self) { try archive.readFile("/openedx/loop-a") }
        // The entry under a link was left out, not written through it.
        #expect(!archive.fileExists("/openedx/staticfiles/through-link.js"))
        #expect(archive.symbolicLinkTarget("/openedx/passwd") == "../../../etc/passwd")

        let byCode = Dictionary(grouping: diagnostics.diagnostics, by: \.code.identifier)
        #expect(byCode["PA312"]?.count == 1)
        #expect(byCode["PA312"]?.first?.message.contains("openedx/static/through-link.js") == true)
        let linkFindings = byCode["PA309"] ?? []
        #expect(linkFindings.count == 3)
        #expect(linkFindings.contains { $0.message.contains("/openedx/passwd") && $0.message.contains("outside") })
        #expect(linkFindings.contains { $0.message.contains("/openedx/loop-a") && $0.message.contains("loops") })
        #expect(diagnostics.codes.filter { $0 != "PA309" && $0 != "PA312" }.isEmpty)
    }

    @Test func laterEntriesReplaceEarlierFilesButNeverADirectory() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("dupes.tar", compression: "none", entries: [
            ["name": "a/file.js", "text": "old"],
            ["name": "a/file.js", "text": "new"],
            ["name": "a/dir/x.js", "text": "x"],
            ["name": "a/dir", "text": "file over a directory"],
            ["name": "a/file.js/inner.js", "text": "under a file"],
        ])
        let diagnostics = DiagnosticCollector()
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: diagnostics)
        #expect(try archive.readUTF8File("/a/file.js") == "new")
        #expect(archive.directoryExists("/a/dir"))
        #expect(diagnostics.codes == ["PA312", "PA312"])
    }
}
