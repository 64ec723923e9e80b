import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import ProctoringBackends

@Suite("workers.json writer")
struct WorkerConfigWriterTests {
    @Test func writesPythonBytesWithMode0664AndNoLeftovers() throws {
        let directory = try makeScratchDirectory("writer")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/workers.json"
        // An existing file with another mode: the result has 0664 regardless, as upstream's chmod.
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600])
        let config = WorkerConfig(entries: [
            WorkerEntry(name: "@edx/mockprock", requests: ["babel-polyfill", "/opt/nm/@edx/mockprock/./static/index.js"]),
            WorkerEntry(name: "é", requests: ["babel-polyfill", "/opt/ñ/😀.js"]),
        ])
        try WorkerConfigWriter().write(WorkerConfigPlan(config: config, outputPath: path, absoluteOutputPath: path))
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"{"@edx/mockprock": ["babel-polyfill", "/opt/nm/@edx/mockprock/./static/index.js"], "\u00e9": ["babel-polyfill", "/opt/\u00f1/\ud83d\ude00.js"]}"#)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o664)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["workers.json"])
    }

    @Test func emptyPlanWritesNothing() throws {
        let directory = try makeScratchDirectory("writer-empty")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/workers.json"
        try WorkerConfigWriter().write(WorkerConfigPlan(config: WorkerConfig(), outputPath: path, absoluteOutputPath: path))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func failureLeavesTheOldFileAndReportsPA064() throws {
        let directory = try makeScratchDirectory("writer-fail")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = directory + "/missing/workers.json"
        let plan = WorkerConfigPlan(config: WorkerConfig(entries: [WorkerEntry(name: "a", requests: ["babel-polyfill", "/a.js"])]),
            outputPath: missing, absoluteOutputPath: missing)
        #expect(throws: DiagnosticError.self) { try WorkerConfigWriter().write(plan) }
        do {
            try WorkerConfigWriter().write(plan)
        } catch {
            #expect(codes(error.diagnostics) == ["PA064"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}

extension WorkerConfigWriterTests {
    /// A rename that fails (the target is a non-empty folder) leaves what was there and no temporary file.
    @Test func failedRenameLeavesNoTemporaryFile() throws {
        let directory = try makeScratchDirectory("writer-rename")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/workers.json"
        try FileManager.default.createDirectory(atPath: path + "/occupied", withIntermediateDirectories: true)
        let plan = WorkerConfigPlan(config: WorkerConfig(entries: [WorkerEntry(name: "a", requests: ["babel-polyfill", "/a.js"])]),
            outputPath: path, absoluteOutputPath: path)
        do {
            try WorkerConfigWriter().write(plan)
            Issue.record("expected the write to fail")
        } catch {
            #expect(codes(error.diagnostics) == ["PA064"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["workers.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["occupied"])
    }
}

@Suite("workers.json reader")
struct WorkerConfigReaderTests {
    func read(_ text: String) -> (WorkerConfig?, [Diagnostic]) {
        let fs = InMemoryFileSystem(files: ["/env/workers.json": text])
        let diagnostics = DiagnosticCollector()
        do {
            return (try WorkerConfigReader(fileSystem: fs).read(path: "/env/workers.json", diagnostics: diagnostics), diagnostics.diagnostics)
        } catch {
            return (nil, diagnostics.diagnostics + error.diagnostics)
        }
    }

    @Test func roundTripsWhatTheWriterProduces() throws {
        let config = WorkerConfig(entries: [
            WorkerEntry(name: "edx-proctoring-proctortrack", requests: ["babel-polyfill", "/nm/edx-proctoring-proctortrack/x.js"]),
            WorkerEntry(name: "@edx/mockprock", requests: ["babel-polyfill", "/nm/@edx/mockprock/static/index.js"]),
        ])
        let (read, diagnostics) = read(String(decoding: config.pythonJSONBytes, as: UTF8.self))
        #expect(read == config)
        #expect(diagnostics.isEmpty)
    }

    @Test func legacyStringEntryIsAWarning() {
        let (read, diagnostics) = read("{\n  \"edx-proctoring-proctortrack\": \"/nm/x.js\"\n}")
        #expect(read?.entries == [WorkerEntry(name: "edx-proctoring-proctortrack", requests: ["/nm/x.js"])])
        #expect(rendered(diagnostics) == [
            "/env/workers.json:2:3: warning[PA068]: entry 'edx-proctoring-proctortrack' is a plain string (edx-proctoring before December 2018), without babel-polyfill",
            "  fix: regenerate it with `proctoring-assets workers`",
        ])
    }

    @Test func invalidJSONHasAPosition() {
        let (read, diagnostics) = read("{\"a\": [\"babel-polyfill\", \"/x.js\"],\n \"b\": }")
        #expect(read == nil)
        #expect(codes(diagnostics) == ["PA066"])
        #expect(diagnostics.first?.location?.line == 2)
        #expect(diagnostics.first?.location?.column == 7)
    }

    @Test func wrongShapes() {
        #expect(codes(read("[]").1) == ["PA067"])
        #expect(codes(read(#"{"a": ["/x.js", "babel-polyfill"]}"#).1) == ["PA067"])
        #expect(codes(read(#"{"a": ["babel-polyfill"]}"#).1) == ["PA067"])
        #expect(codes(read(#"{"a": ["babel-polyfill", 3]}"#).1) == ["PA067"])
        #expect(codes(read(#"{"a": {}, "b": null}"#).1) == ["PA067", "PA067"])
    }

    @Test func missingFile() throws {
        do {
            _ = try WorkerConfigReader(fileSystem: InMemoryFileSystem()).read(path: "/env/workers.json")
            Issue.record("expected an error")
        } catch {
            #expect(codes(error.diagnostics) == ["PA065"])
        }
    }
}
