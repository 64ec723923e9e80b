import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Verification

/// Builds test archives at test time with Python's tarfile/gzip (Tests/Fixtures/Archive/make_archive.py)
/// in a fresh temporary folder per test.
struct ArchiveWorkspace {
    struct ToolMissing: Error, CustomStringConvertible {
        var description: String
    }

    struct Made {
        var path: String
        var sha384: [String: String]
        var sizes: [String: Int]
    }

    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "pa-archive-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    static var fixtureFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/Archive").path
    }

    static func python() throws -> String {
        guard let python = ProcessInfo.processInfo.environment["PA_TEST_PYTHON"], !python.isEmpty else {
            throw ToolMissing(
                description: "PA_TEST_PYTHON is not set: run `eval \"$(scripts/install-test-tools)\"` before `swift test`")
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ToolMissing(description: "PA_TEST_PYTHON=\(python) is not an executable")
        }
        return python
    }

    /// Writes an archive from a spec (see make_archive.py) and returns its path and Python's hashes.
    func make(
        _ name: String, format: String = "gnu", compression: String = "gzip", globalPax: [String: String]? = nil,
        entries: [[String: Any]]
    ) throws -> Made {
        var spec: [String: Any] = ["format": format, "compression": compression, "entries": entries]
        if let globalPax { spec["global_pax"] = globalPax }
        let specPath = folder + "/" + name + ".spec.json"
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        let output = folder + "/" + name
        let run = try ExternalProcess.run(try Self.python(), [Self.fixtureFolder + "/make_archive.py", specPath, output])
        let data = run.standardOutputData
        guard run.status == 0 else {
            throw ToolMissing(description: "make_archive.py failed with status \(run.status): \(run.standardError)")
        }
        let result = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] ?? [:]
        return Made(
            path: output, sha384: result["sha384"] as? [String: String] ?? [:],
            sizes: result["size"] as? [String: Int] ?? [:])
    }

    func write(_ relativePath: String, _ bytes: [UInt8]) throws -> String {
        let path = folder + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ relativePath: String, _ text: String) throws -> String {
        try write(relativePath, Array(text.utf8))
    }

    func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// Entries of a small but realistic image root (ENV_ROOT = /openedx).
enum SampleTrees {
    static let statsJSON = #"{"status":"done","chunks":{"edx-proctoring-proctortrack":[{"name":"edx-proctoring-proctortrack.js","path":"/openedx/staticfiles/bundles/edx-proctoring-proctortrack.js"}]}}"#
    static let workersJSON = #"{"edx-proctoring-proctortrack": ["babel-polyfill", "/openedx/edx-platform/node_modules/edx-proctoring-proctortrack/index.js"]}"#
    static let bundle = "(function(){self.onmessage=function(){};})();\n"

    static func imageRoot(prefix: String = "openedx") -> [[String: Any]] {
        [
            ["name": prefix, "type": "dir"],
            ["name": "\(prefix)/workers.json", "text": workersJSON],
            ["name": "\(prefix)/edx-platform", "type": "dir"],
            ["name": "\(prefix)/edx-platform/webpack.common.config.js", "text": "module.exports = {};\n"],
            ["name": "\(prefix)/staticfiles/webpack-worker-stats.json", "text": statsJSON],
            ["name": "\(prefix)/staticfiles/bundles/edx-proctoring-proctortrack.js", "text": bundle],
            ["name": "\(prefix)/venv/lib/python3.11/site-packages/django_webpack_loader-3.2.3.dist-info/METADATA",
             "text": "Name: django-webpack-loader\nVersion: 3.2.3\n"],
            ["name": "\(prefix)/venv/lib/python3.11/site-packages/webpack_loader/__init__.py", "text": ""],
        ]
    }

    static func staticRoot(folder: String = "staticfiles") -> [[String: Any]] {
        [
            ["name": folder, "type": "dir"],
            ["name": "\(folder)/webpack-worker-stats.json", "text": statsJSON],
            ["name": "\(folder)/bundles/edx-proctoring-proctortrack.js", "text": bundle],
        ]
    }
}

extension DiagnosticError {
    var codes: [String] { diagnostics.map(\.code.identifier) }
}

extension DiagnosticCollector {
    var codes: [String] { diagnostics.map(\.code.identifier) }
}

/// Runs `body`, which must throw a `DiagnosticError`, and returns it.
func expectDiagnosticError(
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws(DiagnosticError) -> Void
) -> DiagnosticError? {
    do {
        try body()
        Issue.record("expected a DiagnosticError", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
