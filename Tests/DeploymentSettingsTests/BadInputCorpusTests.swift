#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import FileSystemSupport
import OrderedJSON
import Testing
@testable import DeploymentSettings

/// Every folder of Tests/Fixtures/Settings/BadInput is one case: its input files, `case.json` (the
/// request, paths relative to the folder) and `expected.txt` (the diagnostics as
/// `TextReportRenderer(color: false)` prints them, the folder's absolute path written `$CASE`).
/// Set PA_RECORD_SNAPSHOTS=1 to rewrite the expected files.
@Suite struct BadInputCorpusTests {
    static let corpus = PathComponents.join(Fixtures.settingsRoot, "BadInput")

    static let cases: [String] = (try? DiskFileSystem().listDirectory(corpus)) ?? []

    @Test func theCorpusHasTheRequiredCases() {
        #expect(Self.cases.count >= 16)
        for required in [
            "syntax-error", "bad-indentation", "unterminated-string", "import-cycle", "star-import-not-found",
            "settings-module-not-found", "non-utf8-file", "unreadable-file", "path with spaces", "chemin-réglages",
            "yaml-invalid", "yaml-missing", "not-py-extension", "relative-import-beyond-top-level",
        ] {
            #expect(Self.cases.contains(required), "missing case \(required)")
        }
    }

    @Test(arguments: cases)
    func diagnosticsMatchTheExpectedText(_ name: String) throws {
        let folder = PathComponents.join(Self.corpus, name)
        let disk = DiskFileSystem()
        let caseFile = try JSONParser.parse(bytes: try disk.readFile(PathComponents.join(folder, "case.json")))
        var environment: [String: String] = [:]
        for member in caseFile["environment"]?.objectMembers ?? [] {
            environment[member.key] = member.value.stringValue
        }
        let request = SettingsRequest(
            settings: caseFile["settings"]?.stringValue,
            pythonPath: caseFile["pythonPath"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            configYAML: caseFile["configYAML"]?.stringValue, environment: environment, workingDirectory: folder)

        // chmod 000 does not stop root (the usual CI user), so mode-000 entries are simulated over the disk.
        var fileSystem: any FileSystem = disk
        if let unreadable = caseFile["unreadable"]?.arrayValue?.compactMap(\.stringValue) {
            fileSystem = ModeZeroFileSystem(base: disk, unreadable: unreadable.map { PathComponents.join(folder, $0) })
        }

        let collector = DiagnosticCollector()
        var diagnostics: [Diagnostic] = []
        do {
            _ = try SettingsLoader(fileSystem: fileSystem).load(request, diagnostics: collector)
            diagnostics = collector.diagnostics
        } catch {
            diagnostics = collector.diagnostics + error.diagnostics
        }
        let renderer = TextReportRenderer(color: false)
        let actual = diagnostics.flatMap { renderer.render($0) }.map { $0.replacingAll(folder, with: "$CASE") }
            .joined(separator: "\n") + "\n"
        let expectedPath = PathComponents.join(folder, "expected.txt")
        if Environment.recording {
            try AtomicFileWriter().write(Array(actual.utf8), to: expectedPath)
            return
        }
        let expected = String(decoding: try disk.readFile(expectedPath), as: UTF8.self)
        #expect(actual == expected)
        #expect(diagnostics.contains { $0.severity == .error || $0.severity == .warning }, "case \(name) reports nothing")
    }
}

enum Environment {
    static var recording: Bool {
        guard let value = getenv("PA_RECORD_SNAPSHOTS") else { return false }
        return String(cString: value) == "1"
    }
}

/// The disk as a non-root user sees it when some entries have mode 000: reading them fails with
/// permission denied, and nothing inside an unreadable folder can even be looked at.
struct ModeZeroFileSystem: FileSystem {
    var base: DiskFileSystem
    var unreadable: [String]

    private func isDenied(_ path: String, includingSelf: Bool) -> Bool {
        let normalized = PathComponents.normalize(path)
        return unreadable.contains { entry in
            (includingSelf && normalized == entry) || normalized.hasPrefix(entry + "/")
        }
    }

    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        if isDenied(path, includingSelf: true) { throw .permissionDenied(path: path) }
        return try base.readFile(path)
    }

    func entryKind(_ path: String) -> FileEntryKind? {
        isDenied(path, includingSelf: false) ? nil : base.entryKind(path)
    }

    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        if isDenied(path, includingSelf: true) { throw .permissionDenied(path: path) }
        return try base.listDirectory(path)
    }

    func realPath(_ path: String) throws(FileSystemError) -> String {
        if isDenied(path, includingSelf: false) { throw .permissionDenied(path: path) }
        return try base.realPath(path)
    }
}
