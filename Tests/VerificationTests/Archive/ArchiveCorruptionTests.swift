import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import Verification

/// Every broken input stops with one clear, coded input error (exit 2), never a crash or a partial result.
@Suite struct ArchiveCorruptionTests {
    func loadError(_ path: String) -> Diagnostic? {
        let error = expectDiagnosticError { () throws(DiagnosticError) in
            _ = try ArchiveLoader.load(path: path, diagnostics: DiagnosticCollector())
        }
        #expect(error?.diagnostics.count == 1)
        let diagnostic = error?.diagnostics.first
        #expect(diagnostic?.code.isInputError == true)
        #expect(diagnostic?.fix != nil)
        return diagnostic
    }

    @Test func corruptGzipData() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", entries: SampleTrees.imageRoot())
        var bytes = try workspace.read(made.path)
        for index in stride(from: 20, to: bytes.count - 8, by: 3) { bytes[index] ^= 0x5A }
        let diagnostic = loadError(try workspace.write("corrupt.tgz", bytes))
        #expect(diagnostic?.code == .corruptGzip)
        #expect(diagnostic?.message.contains("corrupt.tgz") == true)
    }

    @Test func gzipCRCMismatch() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", entries: SampleTrees.imageRoot())
        var bytes = try workspace.read(made.path)
        bytes[bytes.count - 6] ^= 0xFF  // inside the CRC32 of the trailer
        #expect(loadError(try workspace.write("crc.tgz", bytes))?.code == .corruptGzip)
    }

    @Test func truncatedGzip() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", entries: SampleTrees.imageRoot())
        let bytes = try workspace.read(made.path)
        let kept = bytes.count / 2
        let diagnostic = loadError(try workspace.write("cut.tgz", Array(bytes.prefix(kept))))
        #expect(diagnostic?.code == .truncatedGzip)
        // The count is of the bytes really read (it was once twice that).
        #expect(diagnostic?.message.contains("after \(kept) compressed bytes") == true, "\(diagnostic?.message ?? "")")
    }

    @Test func truncatedTarInsideContentsAndAtABlockBoundary() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tar", compression: "none", entries: SampleTrees.imageRoot())
        let bytes = try workspace.read(made.path)
        let insideContents = try workspace.write("cut1.tar", Array(bytes.prefix(512 + 30)))
        #expect(loadError(insideContents)?.code == .truncatedTar)
        let atBoundary = try workspace.write("cut2.tar", Array(bytes.prefix(512 * 4)))
        let diagnostic = loadError(atBoundary)
        #expect(diagnostic?.code == .truncatedTar)
        #expect(diagnostic?.message.contains("end-of-archive") == true)
        // A tar cut short and then gzip-compressed: the gzip is fine, the tar is not.
        let made2 = try workspace.make("big.tar", compression: "none", entries: SampleTrees.imageRoot())
        let tar = try workspace.read(made2.path)
        let cutTar = try workspace.write("cut3.tar", Array(tar.prefix(1500)))
        let gzipped = workspace.folder + "/cut3.tar.gz"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ArchiveWorkspace.python())
        process.arguments = ["-c", "import gzip,sys; open(sys.argv[2],'wb').write(gzip.compress(open(sys.argv[1],'rb').read()))", cutTar, gzipped]
        try process.run()
        process.waitUntilExit()
        #expect(loadError(gzipped)?.code == .truncatedTar)
    }

    @Test func findingsBeforeATruncationAreKept() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("slip.tar", compression: "none", entries: [
            ["name": "../evil.js", "text": "x"], ["name": "staticfiles/big.js", "text": String(repeating: "a", count: 5000)],
        ])
        let bytes = try workspace.read(made.path)
        let cut = try workspace.write("slip-cut.tar", Array(bytes.prefix(2048)))
        let diagnostics = DiagnosticCollector()
        let error = expectDiagnosticError { () throws(DiagnosticError) in
            _ = try VerificationInput.open(path: cut, diagnostics: diagnostics)
        }
        #expect(error?.codes == ["PA306"])
        #expect(diagnostics.codes == ["PA308"])
    }

    @Test func badTarChecksum() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tar", compression: "none", entries: SampleTrees.imageRoot())
        var bytes = try workspace.read(made.path)
        bytes[512 + 3] ^= 0x01  // the name of the second header (the first is the `openedx` directory)
        let diagnostic = loadError(try workspace.write("checksum.tar", bytes))
        #expect(diagnostic?.code == .tarChecksumMismatch)
        #expect(diagnostic?.message.contains("byte 512") == true)
    }

    @Test func junkTextEmptyAndNonTarGzipAreNotArchives() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var junk = [UInt8](repeating: 0, count: 4000)
        var state: UInt32 = 12345
        for index in junk.indices {
            state = state &* 1_103_515_245 &+ 12345
            junk[index] = UInt8(truncatingIfNeeded: state >> 16)
        }
        junk[0] = 0x7F
        let junkDiagnostic = loadError(try workspace.write("junk.bin", junk))
        #expect(junkDiagnostic?.code == .inputNotAnArchive)
        let text = loadError(try workspace.write("Dockerfile.tar.gz", "FROM ubuntu:22.04\nRUN npm run webpack\n"))
        #expect(text?.code == .inputNotAnArchive)
        #expect(text?.message.contains("text file") == true)
        #expect(loadError(try workspace.write("empty.tgz", [UInt8]()))?.code == .inputNotAnArchive)
        #expect(loadError(try workspace.write("a.zip", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 1, count: 100)))?.message.contains("zip") == true)

        let gzippedText = workspace.folder + "/text.gz"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ArchiveWorkspace.python())
        process.arguments = ["-c", "import gzip,sys; open(sys.argv[1],'wb').write(gzip.compress(b'hello world\\n' * 100))", gzippedText]
        try process.run()
        process.waitUntilExit()
        let notTar = loadError(gzippedText)
        #expect(notTar?.code == .inputNotAnArchive)
        #expect(notTar?.message.contains("does not contain a tar archive") == true)
    }

    @Test func trailingGarbageAfterGzipIsCorruptionButZeroPaddingIsNot() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", entries: SampleTrees.imageRoot())
        let bytes = try workspace.read(made.path)
        let padded = try workspace.write("padded.tgz", bytes + [UInt8](repeating: 0, count: 700))
        #expect(try ArchiveLoader.load(path: padded, diagnostics: DiagnosticCollector()).fileExists("/openedx/workers.json"))
        let garbage = try workspace.write("garbage.tgz", bytes + Array("trailing junk".utf8))
        #expect(loadError(garbage)?.code == .corruptGzip)
    }

    @Test func emptyArchiveMissingAndUnreadablePaths() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let empty = try workspace.make("empty.tgz", entries: [])
        #expect(loadError(empty.path)?.code == .emptyArchive)
        #expect(loadError(workspace.folder + "/missing.tgz")?.code == .inputPathNotFound)

        let missing = expectDiagnosticError { () throws(DiagnosticError) in
            _ = try VerificationInput.open(path: workspace.folder + "/nope", diagnostics: DiagnosticCollector())
        }
        #expect(missing?.codes == ["PA300"])
        #expect(missing?.diagnostics.first?.code.isInputError == true)

        // Root reads any mode-000 file, so use a file the kernel refuses to read whoever asks.
        let unreadablePath: String
        if getuid() == 0 {
            unreadablePath = "/proc/self/mem"
        } else {
            unreadablePath = try workspace.write("secret.tgz", "x")
            chmod(unreadablePath, 0)
        }
        let unreadable = expectDiagnosticError { () throws(DiagnosticError) in
            _ = try VerificationInput.open(path: unreadablePath, diagnostics: DiagnosticCollector())
        }
        #expect(unreadable?.codes == ["PA301"])
        #expect(unreadable?.diagnostics.first?.code.isInputError == true)
    }
}
