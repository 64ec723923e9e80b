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

        // Mode-000 files do not stop root, so unreadable files are simulated in memory.
        var fileSystem: any FileSystem = disk
        if let unreadable = caseFile["unreadable"]?.arrayValue?.compactMap(\.stringValue) {
            var memory = try Self.copyIntoMemory(folder)
            for path in unreadable { memory.markUnreadable(PathComponents.join(folder, path)) }
            fileSystem = memory
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

    static func copyIntoMemory(_ folder: String) throws -> InMemoryFileSystem {
        let disk = DiskFileSystem()
        var memory = InMemoryFileSystem()
        var pending = [folder]
        while let directory = pending.popLast() {
            memory.addDirectory(directory)
            for name in try disk.listDirectory(directory) {
                let path = PathComponents.join(directory, name)
                if disk.directoryExists(path) {
                    pending.append(path)
                } else {
                    memory.addFile(path, bytes: try disk.readFile(path))
                }
            }
        }
        return memory
    }
}

enum Environment {
    static var recording: Bool {
        guard let value = getenv("PA_RECORD_SNAPSHOTS") else { return false }
        return String(cString: value) == "1"
    }
}
