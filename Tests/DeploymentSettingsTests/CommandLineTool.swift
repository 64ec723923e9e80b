import Foundation
import TestSupport

/// The built `proctoring-assets` executable, run as a user would (PA_TEST_BINARY overrides the path).
enum CommandLineTool {
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

    static func run(_ arguments: [String]) throws -> ExternalProcess.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        return try ExternalProcess.run(executable, arguments, environment: environment)
    }

    /// `proctoring-assets settings --settings FILE --format json`.
    static func settings(_ file: String, extra: [String] = []) throws -> ExternalProcess.Outcome {
        try run(["settings", "--settings", file, "--format", "json"] + extra)
    }
}
