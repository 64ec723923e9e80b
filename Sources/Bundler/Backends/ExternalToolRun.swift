import Diagnostics
import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// What one run of an external tool printed, and how it ended.
public struct ExternalToolOutput: Sendable, Hashable {
    public var commandLine: [String]
    public var standardOutput: String
    public var standardError: String
    /// The exit status, or nil when a signal ended the process.
    public var exitStatus: Int32?
    public var statusDescription: String

    public var exitedSuccessfully: Bool { exitStatus == 0 }
}

/// Runs an external bundler to completion, collecting its output (up to 64 MiB per stream).
struct ExternalToolRunner: Sendable {
    var executable: String
    var workingDirectory: String
    /// Variables set on top of the inherited environment; a nil value removes one.
    var environmentChanges: [String: String?]

    func run(_ arguments: [String], standardInput: String? = nil) async -> Result<ExternalToolOutput, DiagnosticError> {
        let limit = 64 << 20
        var changes: [Environment.Key: String?] = [:]
        for (name, value) in environmentChanges { changes[Environment.Key(stringLiteral: name)] = value }
        do {
            let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
            if let standardInput {
                result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments),
                    environment: .inherit.updating(changes), workingDirectory: FilePath(workingDirectory),
                    input: .string(standardInput), output: .string(limit: limit), error: .string(limit: limit))
            } else {
                result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments),
                    environment: .inherit.updating(changes), workingDirectory: FilePath(workingDirectory),
                    input: .none, output: .string(limit: limit), error: .string(limit: limit))
            }
            let status: Int32?
            let description: String
            switch result.terminationStatus {
            case .exited(let code):
                status = code
                description = "exit status \(code)"
            case .signaled(let signal):
                status = nil
                description = "signal \(signal)"
            }
            return .success(ExternalToolOutput(
                commandLine: [executable] + arguments, standardOutput: result.standardOutput,
                standardError: result.standardError, exitStatus: status, statusDescription: description))
        } catch {
            return .failure(DiagnosticError(Diagnostic(
                .externalBundlerRunFailed, "could not run \(executable): \(error)",
                fix: "check that `\(executable) --version` works from a shell")))
        }
    }
}

extension ExternalToolOutput {
    /// The last lines of stderr (or stdout when stderr is empty), as notes of a diagnostic.
    func tailNotes(maximumLines: Int = 20) -> [String] {
        let text = standardError.isEmpty ? standardOutput : standardError
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return lines.suffix(maximumLines).map { "\(URL(fileURLWithPath: commandLine.first ?? "tool").lastPathComponent): \($0)" }
    }
}
