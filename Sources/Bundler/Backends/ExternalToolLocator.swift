import Diagnostics
import Foundation

/// Finds an external bundler's executable: an explicit path, else the first set environment variable
/// of `environmentVariables`, else `commandName` on PATH.
public struct ExternalToolLocator: Sendable {
    public var commandName: String
    public var environmentVariables: [String]
    /// How to get the tool, for the fix of PA170.
    public var installHint: String
    public var environment: [String: String]

    public init(commandName: String, environmentVariables: [String], installHint: String, environment: [String: String]) {
        self.commandName = commandName
        self.environmentVariables = environmentVariables
        self.installHint = installHint
        self.environment = environment
    }

    public func locate(explicitPath: String?) -> Result<String, DiagnosticError> {
        if let explicitPath {
            return checked(explicitPath, from: .flag("--\(commandName)"), via: "the given path")
        }
        for name in environmentVariables {
            if let value = environment[name], !value.isEmpty {
                return checked(value, from: .environment(name), via: name)
            }
        }
        let searchPath = environment["PATH"] ?? ""
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = directory + "/" + commandName
            if FileManager.default.isExecutableFile(atPath: candidate) { return .success(candidate) }
        }
        let variables = environmentVariables.joined(separator: " or ")
        return .failure(DiagnosticError(Diagnostic(
            .externalBundlerNotFound,
            "\(commandName) was not found: \(variables) is not set and there is no `\(commandName)` on PATH",
            fix: installHint + "; then set \(environmentVariables.first ?? commandName) to the executable or put it on PATH")))
    }

    private func checked(_ path: String, from location: SourceLocation, via source: String) -> Result<String, DiagnosticError> {
        if FileManager.default.isExecutableFile(atPath: path) { return .success(path) }
        let problem = FileManager.default.fileExists(atPath: path) ? "is not executable" : "does not exist"
        return .failure(DiagnosticError(Diagnostic(
            .externalBundlerNotFound, "\(commandName) executable \(path) (from \(source)) \(problem)", at: location,
            fix: installHint + "; then point \(source) at the executable")))
    }
}
