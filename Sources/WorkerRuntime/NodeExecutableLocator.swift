import Diagnostics
import Foundation

/// Finds the node executable: an explicit path, else `PA_TEST_NODE` or `NODE`, else `node` on PATH.
///
/// A path that is given (explicitly or by an environment variable) but does not work is an error; the
/// search does not quietly fall through to the next source, so a misconfiguration is never hidden.
public struct NodeExecutableLocator: Sendable {
    public static let environmentVariables = ["PA_TEST_NODE", "NODE"]

    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func locate(explicitPath: String? = nil) throws(DiagnosticError) -> String {
        if let explicitPath {
            guard isExecutableFile(explicitPath) else {
                throw DiagnosticError(Diagnostic(
                    .nodeNotFound, "node executable \(explicitPath) does not exist or is not executable",
                    fix: "give the path of a node executable (`command -v node`)"))
            }
            return explicitPath
        }
        for name in Self.environmentVariables {
            guard let value = environment[name], !value.isEmpty else { continue }
            guard let path = resolve(value) else {
                throw DiagnosticError(Diagnostic(
                    .nodeNotFound, "\(name)=\(value) does not name an executable node", at: .environment(name),
                    fix: "set \(name) to the path of node (`export \(name)=$(command -v node)`) or unset it"))
            }
            return path
        }
        if let path = resolve("node") { return path }
        throw DiagnosticError(Diagnostic(
            .nodeNotFound, "node was not found: PA_TEST_NODE and NODE are unset and PATH has no `node`",
            at: .environment("PATH"),
            fix: "install node (Debian: `apt-get install nodejs`) or set PA_TEST_NODE to its path",
            notes: ["PATH=\(environment["PATH"] ?? "")"]))
    }

    /// A path containing `/` is taken as is; a bare name is looked up on PATH.
    private func resolve(_ nameOrPath: String) -> String? {
        if nameOrPath.contains("/") {
            return isExecutableFile(nameOrPath) ? nameOrPath : nil
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":", omittingEmptySubsequences: true)
        for directory in directories {
            let candidate = "\(directory)/\(nameOrPath)"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return false }
        return FileManager.default.isExecutableFile(atPath: path)
    }
}
