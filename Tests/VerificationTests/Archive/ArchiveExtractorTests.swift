import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import Verification

@Suite struct ArchiveExtractorTests {
    @Test func nothingIsWrittenWithoutExtractTo() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("static.tgz", entries: SampleTrees.staticRoot() + [["name": "../outside.js", "text": "x"]])
        let before = try FileManager.default.contentsOfDirectory(atPath: workspace.folder).sorted()
        _ = try VerificationInput.open(path: made.path, diagnostics: DiagnosticCollector())
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder).sorted() == before)
    }

    @Test func extractsAnAcceptedArchiveAtomicallyAndNothingOutside() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", format: "pax", entries: SampleTrees.imageRoot() + [
            ["name": "openedx/link-out", "type": "symlink", "target": "../../.."],
            ["name": "openedx/link-out/escaped.js", "text": "evil"],
            ["name": "openedx/static", "type": "symlink", "target": "/openedx/staticfiles"],
            ["name": "openedx/staticfiles/bundles/copy.js", "type": "hardlink",
             "target": "openedx/staticfiles/bundles/edx-proctoring-proctortrack.js"],
            ["name": "openedx/bin/run", "text": "#!/bin/sh\n", "mode": 0o4755],
        ])
        let destination = workspace.folder + "/out"
        let diagnostics = DiagnosticCollector()
        let input = try VerificationInput.open(
            path: made.path, options: VerificationInputOptions(extractTo: destination), diagnostics: diagnostics)
        #expect(input.layout.envRoot == "/openedx")

        let disk = DiskFileSystem()
        #expect(try disk.readUTF8File(destination + "/openedx/workers.json") == SampleTrees.workersJSON)
        #expect(try disk.readUTF8File(destination + "/openedx/staticfiles/bundles/copy.js") == SampleTrees.bundle)
        #expect(try disk.readUTF8File(destination + "/openedx/static/bundles/copy.js") == SampleTrees.bundle)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: destination + "/openedx/static") == "staticfiles")
        // The escaping link is not written at all, nor anything through it.
        #expect(!FileManager.default.fileExists(atPath: destination + "/openedx/link-out"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder).sorted() == ["image.tgz", "image.tgz.spec.json", "out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination) == ["openedx"])
        let mode = try FileManager.default.attributesOfItem(atPath: destination + "/openedx/bin/run")[.posixPermissions] as? Int
        #expect(mode == 0o755, "setuid is never restored")
        // No temporary files are left next to the extracted ones.
        let all = FileManager.default.enumerator(atPath: destination)?.allObjects as? [String] ?? []
        #expect(!all.contains { $0.contains(".tmp-") })
        #expect(diagnostics.codes.sorted() == ["PA309", "PA312"])
    }

    @Test("an archive with unsafe names is refused and nothing of it is extracted, not even its safe entries")
    func unsafeArchiveExtractsNothing() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", format: "pax", entries: SampleTrees.imageRoot() + [
            ["name": "../outside.js", "text": "evil"],
            ["name": "/tmp/absolute-evil.js", "text": "evil"],
        ])
        let destination = workspace.folder + "/out"
        let diagnostics = DiagnosticCollector()
        _ = try? VerificationInput.open(path: made.path, options: VerificationInputOptions(extractTo: destination), diagnostics: diagnostics)
        #expect(diagnostics.codes.sorted() == ["PA308", "PA308"])
        #expect(!FileManager.default.fileExists(atPath: destination))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/absolute-evil.js"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder).sorted() == ["image.tgz", "image.tgz.spec.json"])
    }

    @Test func refusesANonEmptyDestination() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("static.tgz", entries: SampleTrees.staticRoot())
        _ = try workspace.write("busy/existing.txt", "keep me")
        let error = expectDiagnosticError { () throws(DiagnosticError) in
            _ = try VerificationInput.open(
                path: made.path, options: VerificationInputOptions(extractTo: workspace.folder + "/busy"),
                diagnostics: DiagnosticCollector())
        }
        #expect(error?.codes == ["PA314"])
        #expect(error?.diagnostics.first?.code.isInputError == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder + "/busy") == ["existing.txt"])
    }
}
