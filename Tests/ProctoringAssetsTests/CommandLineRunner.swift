import Foundation
import TestSupport

/// Runs the built `proctoring-assets` executable, as a user would.
struct CommandLineRunner {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var executable: String {
        if let configured = ProcessInfo.processInfo.environment["PA_TEST_BINARY"], !configured.isEmpty {
            return configured
        }
        return packageRoot + "/.build/debug/proctoring-assets"
    }

    static func run(_ arguments: [String], environment extra: [String: String] = [:], currentDirectory: String? = nil)
        throws -> Outcome
    {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        let run = try ExternalProcess.run(executable, arguments, environment: environment, currentDirectory: currentDirectory)
        return Outcome(status: run.status, standardOutput: run.standardOutput, standardError: run.standardError)
    }

    /// Like `run`, with the variables `removed` taken out of the environment.
    static func runWithout(_ removed: [String], _ arguments: [String], environment extra: [String: String] = [:]) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        for name in removed { environment[name] = nil }
        let run = try ExternalProcess.run(executable, arguments, environment: environment)
        return Outcome(status: run.status, standardOutput: run.standardOutput, standardError: run.standardError)
    }

    /// A new empty folder under the system's temporary directory.
    static func temporaryFolder(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pa-\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
