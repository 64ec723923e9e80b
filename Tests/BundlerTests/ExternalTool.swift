import Foundation
import TestSupport
import Testing

/// A tool the parity tests compare against, found through the PA_TEST_* variables that
/// `scripts/install-test-tools` prints. A missing variable fails the test with instructions.
struct ExternalTool {
    let path: String

    init(environmentVariable name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let path = ProcessInfo.processInfo.environment[name], !path.isEmpty,
            FileManager.default.isExecutableFile(atPath: path)
        else {
            Issue.record(
                "\(name) is not set to an executable; run `eval \"$(scripts/install-test-tools)\"` before `swift test`",
                sourceLocation: sourceLocation)
            throw MissingTool(name: name)
        }
        self.path = path
    }

    struct MissingTool: Error {
        let name: String
    }

    struct Run {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Run {
        let run = try ExternalProcess.run(
            path, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
            currentDirectory: directory)
        return Run(status: run.status, standardOutput: run.standardOutput, standardError: run.standardError)
    }
}
