import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation

@testable import ProctoringBackends
import TestSupport

/// Settings as the evaluator would resolve them from one file, one assignment per line in the order given.
func makeSettings(_ assignments: [(String, PythonValue)], file: String = "/srv/edx-platform/lms/envs/assets.py")
    -> ResolvedSettings
{
    var values: [String: SettingValue] = [:]
    for (line, (name, value)) in assignments.enumerated() {
        values[name] = SettingValue(
            value: value, provenance: Provenance(kind: .settingsFile, location: .file(file, line: line + 1, column: 1)))
    }
    return ResolvedSettings(values: values, filesRead: [file], settingsName: "lms.envs.assets")
}

func backendsDict(_ names: [String], defaultName: String? = nil) -> PythonValue {
    var entries: [PythonDictEntry] = []
    if let defaultName { entries.append(PythonDictEntry(key: .string("DEFAULT"), value: .string(defaultName))) }
    for name in names { entries.append(PythonDictEntry(key: .string(name), value: .dict([]))) }
    return .dict(entries)
}

func backend(_ name: String, npm: String?, distribution: String = "provider") -> DiscoveredBackend {
    DiscoveredBackend(
        name: name, distribution: DistributionIdentity(name: distribution, version: "1.0"),
        objectReference: "\(name)_pkg.backend:Backend",
        npmModuleDeclaration: npm.map { .declared($0) } ?? .notDeclared,
        npmModuleLocation: .file("/site/\(name)_pkg/backend.py", line: 3, column: 5), origin: .entryPoint)
}

func rendered(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.flatMap { TextReportRenderer(color: false).render($0) }
}

func codes(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map(\.code.identifier)
}

/// The folder of this test file's fixtures.
func fixturesDirectory(_ filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Backends").path
}

/// A scratch folder under the system temporary directory, removed by the caller.
func makeScratchDirectory(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "pa-backends-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The disk, with some folders made unreadable the way `chmod 000` would for a non-root user (tests run as root,
/// where chmod does not stop reads).
struct UnreadableOverlayFileSystem: FileSystem {
    var base = DiskFileSystem()
    var unreadablePrefixes: [String]

    private func isBlocked(_ path: String) -> Bool {
        let normalized = PathComponents.normalize(path)
        return unreadablePrefixes.contains { normalized == $0 || normalized.hasPrefix($0 + "/") }
    }

    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        if isBlocked(path) { throw .permissionDenied(path: path) }
        return try base.readFile(path)
    }

    func entryKind(_ path: String) -> FileEntryKind? {
        let normalized = PathComponents.normalize(path)
        // stat() of the blocked folder itself works; anything inside cannot be reached.
        if unreadablePrefixes.contains(where: { normalized.hasPrefix($0 + "/") }) { return nil }
        return base.entryKind(path)
    }

    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        if isBlocked(path) { throw .permissionDenied(path: path) }
        return try base.listDirectory(path)
    }

    func realPath(_ path: String) throws(FileSystemError) -> String { try base.realPath(path) }
}
