import Diagnostics

/// `--backend NAME=NPM_MODULE`: what the user says about a backend, replacing discovery for that name
/// (or adding a backend that is not installed). An empty NPM_MODULE means "no npm module".
public struct BackendOverride: Sendable, Hashable {
    public var name: String
    public var npmModule: String?

    public init(name: String, npmModule: String?) {
        self.name = name
        self.npmModule = npmModule
    }

    public static func parse(_ text: String, flag: String = "--backend") throws(DiagnosticError) -> BackendOverride {
        guard let equals = text.firstIndex(of: "=") else {
            throw DiagnosticError(Diagnostic(
                .backendOverrideSyntax, "'\(text)' is not NAME=NPM_MODULE", at: .flag(flag),
                fix: "write \(flag) \(text.isEmpty ? "proctortrack" : text)=<npm package>, or \(flag) \(text.isEmpty ? "null" : text)= for a backend without worker"))
        }
        let name = text[..<equals].trimmingPythonWhitespace()
        let module = text[text.index(after: equals)...].trimmingPythonWhitespace()
        guard !name.isEmpty else {
            throw DiagnosticError(Diagnostic(
                .backendOverrideSyntax, "'\(text)' has an empty backend NAME", at: .flag(flag),
                fix: "write \(flag) NAME=\(module) with NAME the key of PROCTORING_BACKENDS, e.g. proctortrack"))
        }
        return BackendOverride(name: name, npmModule: module.isEmpty ? nil : module)
    }

    /// The backend list after applying `overrides` in order: a name already discovered is replaced in
    /// place, a new name is appended.
    public static func apply(_ overrides: [BackendOverride], to backends: [DiscoveredBackend]) -> [DiscoveredBackend] {
        var result = backends
        for override in overrides {
            let replacement = DiscoveredBackend(
                name: override.name, distribution: nil, objectReference: nil,
                npmModuleDeclaration: override.npmModule.map { .declared($0) } ?? .notDeclared,
                npmModuleLocation: .flag("--backend"), location: .flag("--backend"), origin: .override)
            if let index = result.firstIndex(where: { $0.name == override.name }) {
                var merged = replacement
                merged.distribution = result[index].distribution
                merged.objectReference = result[index].objectReference
                merged.moduleFile = result[index].moduleFile
                result[index] = merged
            } else {
                result.append(replacement)
            }
        }
        return result
    }
}
