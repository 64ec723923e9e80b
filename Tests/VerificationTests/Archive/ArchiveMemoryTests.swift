import Diagnostics
import FileSystemSupport
import Foundation
import Synchronization
import Testing

@testable import Verification

@Suite struct ArchiveMemoryTests {
    /// Resident memory now (not the process's all-time peak, which earlier tests may have set).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Samples resident memory every few milliseconds while `body` runs and returns the highest value.
    static func peakResidentBytes<T>(during body: () throws -> T) rethrows -> (T, Int) {
        let peak = Mutex(residentBytes())
        let running = Mutex(true)
        let sampler = Thread {
            while running.withLock({ $0 }) {
                let now = residentBytes()
                peak.withLock { $0 = max($0, now) }
                usleep(2_000)
            }
        }
        sampler.start()
        let result = try body()
        running.withLock { $0 = false }
        let now = residentBytes()
        return (result, peak.withLock { max($0, now) })
    }

    @Test func aHundredMegabyteFileIsHashedWhileStreamingNotKept() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let size = 100 * 1024 * 1024
        let name = "openedx/staticfiles/bundles/huge.js"
        let made = try workspace.make("huge.tgz", entries: SampleTrees.imageRoot() + [["name": name, "pattern_size": size]])
        let compressedSize = try workspace.read(made.path).count
        #expect(compressedSize < size / 20, "the fixture should be small on disk")

        let before = Self.residentBytes()
        let diagnostics = DiagnosticCollector()
        let (archive, peak) = try Self.peakResidentBytes {
            try ArchiveLoader.load(path: made.path, diagnostics: diagnostics)
        }
        let growth = peak - before

        let record = try #require(archive.fileRecord("/" + name))
        #expect(record.size == size)
        #expect(record.sha384 == made.sha384[name])
        #expect(record.contents == nil)
        #expect(record.retention == .exceedsFileLimit(limit: 64 * 1024 * 1024))
        #expect(archive.retainedByteCount < 64 * 1024)
        // Peak memory may not grow by anything near the file's size (chunks are 256 KiB).
        #expect(growth < 48 * 1024 * 1024, "peak resident memory grew by \(growth) bytes")
        #expect(diagnostics.codes == ["PA313"])
        #expect(diagnostics.diagnostics.first?.severity == .note)

        do {
            _ = try archive.readFile("/" + name)
            Issue.record("reading a file that was not kept must fail")
        } catch {
            #expect(error.description.contains("not kept in memory"))
            #expect(error.description.contains(record.sha384))
            #expect(error.description.contains("--extract-to"))
        }
        #expect(try archive.readUTF8File("/openedx/workers.json") == SampleTrees.workersJSON)
    }

    @Test func totalLimitTriggersAFocusedSecondPassForTheStaticRoot() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        // Large unrelated files come first, as /usr does in a whole-image export.
        var entries: [[String: Any]] = (0..<4).map { ["name": "usr/lib/blob-\($0).so", "pattern_size": 300_000] }
        entries += SampleTrees.imageRoot()
        entries.append(["name": "openedx/staticfiles/bundles/big-chunk.js", "pattern_size": 200_000])
        let made = try workspace.make("image.tgz", entries: entries)
        let limits = ArchiveLimits(maximumRetainedFileSize: 1024 * 1024, maximumRetainedTotalSize: 700_000)

        let plain = try ArchiveLoader.load(path: made.path, limits: limits, diagnostics: DiagnosticCollector())
        // Small files still fit after a large one was refused; the large bundle does not.
        #expect(plain.fileRecord("/openedx/workers.json")?.retention == .retained)
        #expect(plain.fileRecord("/openedx/staticfiles/bundles/big-chunk.js")?.retention == .exceedsTotalLimit(limit: 700_000))

        let diagnostics = DiagnosticCollector()
        let input = try VerificationInput.open(
            path: made.path, options: VerificationInputOptions(archiveLimits: limits), diagnostics: diagnostics)
        #expect(try input.fileSystem.readUTF8File("/openedx/workers.json") == SampleTrees.workersJSON)
        #expect(try input.fileSystem.readUTF8File("/openedx/staticfiles/bundles/edx-proctoring-proctortrack.js") == SampleTrees.bundle)
        #expect(try input.fileSystem.readFile("/openedx/staticfiles/bundles/big-chunk.js").count == 200_000)
        #expect(input.archive?.fileRecord("/usr/lib/blob-0.so")?.retention == .notRequested)
        #expect(input.archive?.fileRecord("/usr/lib/blob-0.so")?.sha384 == made.sha384["usr/lib/blob-0.so"])
        #expect(diagnostics.codes.isEmpty, "\(diagnostics.codes)")
    }
}
