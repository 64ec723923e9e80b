import Diagnostics
import FileSystemSupport
import ThreadSupport

/// Reads a deployment's Django settings without Django: runs the settings module (and the modules it
/// star-imports) over the static subset of Python, then applies the configuration YAML, and the
/// command-line overrides, keeping where every value came from.
///
/// Only names Django itself would take are returned: module-level names in upper case (`isupper()`).
///
/// How the parts of Python outside plain assignments are treated:
/// - `if`/`elif`/`else` with a static test runs only the chosen branch; otherwise every branch runs in
///   order with its assignments marked conditional, so the last branch that assigns a name wins.
/// - `try`: a missing module imported with `*` inside it jumps to a matching `except ImportError`
///   handler (no diagnostic); when the body produced unknown values the handlers also run, conditional.
/// - `for` over a known list/tuple/dict/str (without break/continue) is unrolled; other loops, `while`,
///   `match`, `def` and `class` bind the names they assign to unknown values.
/// - `from x import *` always runs x; `from x import a` runs x only when it is part of the settings
///   (a package named `envs` or `*settings*`, or a relative import); application modules and anything
///   not on the python path give unknown values without a diagnostic.
/// - `yaml.safe_load(f)` / `yaml.load` / `json.load` of a file opened with `open`/`codecs.open` give
///   the --config-yaml document (YAML is a superset of JSON), keys keeping their line.
/// - `vars().update(mapping)` binds every key of a known mapping; with an unknown mapping (no
///   --config-yaml) it binds nothing and marks every name bound so far conditional.
/// - Python sets are kept as lists (PythonValue has no set); value semantics: an alias of a dict does
///   not see later changes made through the other name.
public struct SettingsLoader: Sendable {
    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Enough for the deepest settings input the nesting limits allow (`PythonTokenizer`, `PythonParser`,
    /// `ConfigurationYAMLLayer` match CPython's), with a wide margin; only the pages used are committed.
    static let evaluationStackSize = 64 << 20

    public func load(_ request: SettingsRequest, diagnostics: DiagnosticCollector) throws(DiagnosticError)
        -> ResolvedSettings
    {
        // Parsing and evaluation recurse once per nesting level of the input: run them on a stack sized for
        // the deepest input the nesting limits allow, whatever thread the caller is on.
        let outcome = LargeStackThread.run(stackSize: Self.evaluationStackSize) { () -> Result<ResolvedSettings, DiagnosticError> in
            do throws(DiagnosticError) {
                return .success(try loadOnCurrentThread(request, diagnostics: diagnostics))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private func loadOnCurrentThread(_ request: SettingsRequest, diagnostics: DiagnosticCollector)
        throws(DiagnosticError) -> ResolvedSettings
    {
        let searchPath = request.pythonPath.map { PathComponents.absolute($0, relativeTo: request.workingDirectory) }
        for (entry, written) in zip(searchPath, request.pythonPath) where fileSystem.entryKind(entry) != .directory {
            diagnostics.emit(
                Diagnostic(
                    .pythonPathEntryMissing, "python path entry \(written) is not a folder", at: .flag("--python-path"),
                    fix: "fix the folder name or remove it from --python-path"))
        }
        let session = SettingsEvaluationSession(
            fileSystem: fileSystem, request: request, searchPath: searchPath, collector: diagnostics)
        var namespace: [String: Binding] = [:]
        if let settings = request.settings {
            namespace = loadSettingsModule(settings, session: session) ?? [:]
        }
        if let configPath = session.configYAMLPath, !session.settingsLoadedYAML,
            let layer = session.configurationLayer()
        {
            applyConfigurationLayer(layer, to: &namespace)
            if request.settings != nil {
                diagnostics.emit(
                    Diagnostic(
                        .configYAMLNotLoadedBySettings,
                        "the settings never load a YAML file; the top-level keys of \(configPath) were applied after them",
                        at: .flag("--config-yaml"),
                        fix: "nothing to do if the deployment applies this file itself; otherwise drop --config-yaml"))
            }
        }
        applyOverrides(request.overrides, to: &namespace)
        if !session.errors.isEmpty {
            throw DiagnosticError(session.errors)
        }
        var values: [String: SettingValue] = [:]
        for (name, binding) in namespace where Self.isSettingName(name) {
            guard case .data(let value) = binding.value else { continue }
            values[name] = SettingValue(value: value, provenance: binding.provenance, isConditional: binding.isConditional)
        }
        if let write = session.dynamicNamespaceWrite {
            // Names the settings may have written without the evaluator seeing them are unknown, not unset.
            for name in ResolvedSettings.proctoringNames where values[name] == nil {
                values[name] = SettingValue(
                    value: .unknown(UnknownValue(reason: "may be set by \(write.reason)", location: write.location)),
                    provenance: Provenance(kind: .settingsFile, location: write.location), isConditional: true)
            }
        }
        var resolved = ResolvedSettings(values: values, filesRead: session.filesRead, settingsName: request.settings)
        resolved.unresolvedStarImports = session.unresolvedStarImports
        resolved.inputOrigins = request.inputOrigins
        if request.settings != nil {
            diagnostics.emit(contentsOf: ProctoringSettingsChecks.check(resolved).filter { finding in
                request.reportsUnsetRoots || (finding.code != .envRootNotSet && finding.code != .nodeModulesRootNotSet)
            })
        }
        return resolved
    }

    /// Django copies only the names for which `str.isupper()` holds: at least one cased letter and no lower-case one.
    static func isSettingName(_ name: String) -> Bool {
        var hasCased = false
        for character in name {
            if character.isLowercase { return false }
            if character.isUppercase { hasCased = true }
        }
        return hasCased
    }

    private func loadSettingsModule(_ settings: String, session: SettingsEvaluationSession) -> [String: Binding]? {
        let request = session.request
        let isDottedName =
            !settings.contains("/") && settings.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { ModuleLocator.isIdentifier(String($0)) }
        var tried: [String] = []
        if isDottedName {
            let (found, candidates) = session.locator.locate(settings)
            tried = candidates
            if let found {
                return session.evaluateModule(path: found.path, name: settings, isPackage: found.isPackage, importedAt: nil)
            }
        }
        let filePath = PathComponents.absolute(settings, relativeTo: request.workingDirectory)
        if fileSystem.entryKind(filePath) != nil || !isDottedName {
            guard fileSystem.entryKind(filePath) != nil else {
                session.fail(
                    Diagnostic(
                        .settingsModuleNotFound, "settings file \(filePath) does not exist", at: .flag("--settings"),
                        fix: "check the path; relative paths are taken from the working directory (\(request.workingDirectory))"))
                return nil
            }
            let module = session.locator.moduleName(ofFile: filePath)
            return session.evaluateModule(
                path: filePath, name: module?.name, isPackage: module?.isPackage ?? false, importedAt: nil)
        }
        tried.append(filePath)
        if let folder = session.locator.unreadableFolder(on: settings) {
            session.fail(
                Diagnostic(
                    .settingsFileUnreadable,
                    "settings module \(settings) cannot be searched: folder \(folder) cannot be read (permission denied)",
                    at: .flag("--settings"),
                    fix: "make the folder readable and searchable by the user running the tool (for example `chmod a+rx \(folder)`)"))
            return nil
        }
        session.fail(
            Diagnostic(
                .settingsModuleNotFound, "settings module \(settings) not found on the python path",
                at: .flag("--settings"),
                fix: request.pythonPath.isEmpty
                    ? "pass the folder that contains the top-level package with --python-path (for example the edx-platform checkout)"
                    : "fix the module name, or add the folder that contains its top-level package to --python-path",
                notes: tried.map { "tried \($0)" }))
        return nil
    }

    private func applyConfigurationLayer(_ layer: ConfigurationYAMLLayer, to namespace: inout [String: Binding]) {
        guard case .dict(let entries) = layer.document else { return }
        for entry in entries {
            guard let name = entry.key.stringValue else { continue }
            let provenance =
                layer.keyOrigins[name] ?? Provenance(kind: .yaml, location: .configurationKey(name, file: layer.path))
            namespace[name] = Binding(value: .data(entry.value), provenance: provenance, isConditional: false, keyOrigins: nil)
        }
    }

    private func applyOverrides(_ overrides: SettingsOverrides, to namespace: inout [String: Binding]) {
        let flags: [(name: String, flag: String, value: PythonValue?)] = [
            ("ENV_ROOT", "--env-root", overrides.envRoot.map(PythonValue.path)),
            ("NODE_MODULES_ROOT", "--node-modules-root", overrides.nodeModulesRoot.map(PythonValue.path)),
            ("STATIC_ROOT", "--static-root", overrides.staticRoot.map(PythonValue.path)),
            ("LMS_ROOT_URL", "--lms-root-url", overrides.lmsRootURL.map(PythonValue.string)),
        ]
        for (name, flag, value) in flags {
            guard let value else { continue }
            namespace[name] = Binding(
                value: .data(value), provenance: Provenance(kind: .flag, location: .flag(flag)), isConditional: false,
                keyOrigins: nil)
        }
    }
}
