import Diagnostics

/// `--js-module-file MODULE=PATH`: the file that stands for an npm module when its Python distribution's
/// layout does not follow the convention `DistributionModuleMapper` applies. PATH is relative to a
/// site-packages folder (as RECORD lists it) or to the working directory, or absolute.
public struct JavaScriptModuleFileOverride: Sendable, Hashable {
    public static let flag = "--js-module-file"

    public var module: String
    public var path: String

    public init(module: String, path: String) {
        self.module = module
        self.path = path
    }

    public static func parse(_ text: String) throws(DiagnosticError) -> JavaScriptModuleFileOverride {
        // The module may be scoped (`@edx/x`) but never holds '=', so the first '=' separates.
        guard let equals = text.firstIndex(of: "=") else {
            throw DiagnosticError(Diagnostic(
                .javaScriptModuleFileOverrideSyntax, "'\(text)' is not MODULE=PATH", at: .flag(flag),
                fix: "write \(flag) <npm module>=<file>, e.g. \(flag) @edx/edx-proctoring=edx_proctoring/static/index.js"))
        }
        let module = text[..<equals].trimmingPythonWhitespace()
        let path = text[text.index(after: equals)...].trimmingPythonWhitespace()
        guard !module.isEmpty, !path.isEmpty else {
            throw DiagnosticError(Diagnostic(
                .javaScriptModuleFileOverrideSyntax, "'\(text)' has an empty \(module.isEmpty ? "MODULE" : "PATH")", at: .flag(flag),
                fix: "write \(flag) <npm module>=<file>, e.g. \(flag) edx-proctoring-proctortrack=edx_proctoring_proctortrack/static/proctortrack_custom.js"))
        }
        return JavaScriptModuleFileOverride(module: module, path: path)
    }
}

/// What `--js-from-python` asks for: bundle from the installed Python distributions, with these overrides.
public struct JavaScriptFromPythonRequest: Sendable, Hashable {
    public var overrides: [JavaScriptModuleFileOverride]

    public init(overrides: [JavaScriptModuleFileOverride] = []) {
        self.overrides = overrides
    }
}
