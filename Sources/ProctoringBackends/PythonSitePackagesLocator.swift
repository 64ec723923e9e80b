import Foundation

/// The site-packages folders of the `python3` on PATH, in `sys.path` order (the order importlib.metadata
/// searches them), for when the user names none.
public struct PythonSitePackagesLocator: Sendable {
    public var environment: [String: String]
    public var executableName: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, executableName: String = "python3") {
        self.environment = environment
        self.executableName = executableName
    }

    static let script = """
        import json, site, sys
        folders = list(site.getsitepackages())
        if site.ENABLE_USER_SITE:
            folders.append(site.getusersitepackages())
        ordered = [p for p in sys.path if p in folders] + [p for p in folders if p not in sys.path]
        print(json.dumps(ordered))
        """

    /// Nil when there is no python3 on PATH or it fails; otherwise the existing folders (maybe empty).
    public func locate() -> [String]? {
        guard let executable = findExecutable() else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", Self.script]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let folders = try? JSONDecoder().decode([String].self, from: data)
        else { return nil }
        return folders.filter { FileManager.default.fileExists(atPath: $0) }
    }

    private func findExecutable() -> String? {
        if executableName.contains("/") { return FileManager.default.isExecutableFile(atPath: executableName) ? executableName : nil }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(folder) + "/" + executableName
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
