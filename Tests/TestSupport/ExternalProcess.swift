import Foundation

/// Runs a program for a test and captures its output through temporary files, not pipes: a pipe read
/// in Foundation can crash the test process when a signal interrupts it (EINTR), and reading two pipes
/// one after the other can deadlock when the other one fills up.
public enum ExternalProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var standardOutputData: Data
        public var standardErrorData: Data

        public var standardOutput: String { String(decoding: standardOutputData, as: UTF8.self) }
        public var standardError: String { String(decoding: standardErrorData, as: UTF8.self) }
    }

    /// Runs `executable` to completion. `environment` replaces the whole environment when given.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pa-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutputData: try Data(contentsOf: outputURL),
            standardErrorData: try Data(contentsOf: errorURL))
    }
}
