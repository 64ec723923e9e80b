import ArgumentParser
import DeploymentSettings
import Foundation
import ProctoringAssets
import ProctoringBackends

/// The deployment every command reads: its settings sources, the backends' site-packages and explicit
/// root values. One option group with one meaning per flag, shared by build, bundle, workers, settings,
/// resolve, verify and doctor (for verify and doctor, paths are as they are inside the image).
struct DeploymentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The Django settings module: a dotted name on the python path (lms.envs.production) or a file path with any extension (assets.not_py).", valueName: "module-or-file"))
    var settings: String?

    @Option(name: .customLong("python-path"), help: ArgumentHelp("A folder imports resolve against, like PYTHONPATH (repeatable, in order).", valueName: "dir"))
    var pythonPath: [String] = []

    @Option(name: .customLong("config-yaml"), help: ArgumentHelp("The LMS_CFG / Tutor YAML file the production settings load.", valueName: "file"))
    var configYAML: String?

    @Option(name: .customLong("site-packages"), help: ArgumentHelp("A Python site-packages folder to find proctoring backends (and django-webpack-loader) in (repeatable). Default: those of python3 on PATH.", valueName: "dir"))
    var sitePackages: [String] = []

    @Option(name: .customLong("backend"), help: ArgumentHelp("Declare or override a backend's npm module instead of reading it from site-packages (repeatable).", valueName: "name=npm-module"))
    var backends: [String] = []

    @Option(name: .customLong("env-root"), help: ArgumentHelp("ENV_ROOT (where workers.json lives: the parent of edx-platform); wins over the settings.", valueName: "dir"))
    var envRoot: String?

    @Option(name: .customLong("node-modules-root"), help: ArgumentHelp("NODE_MODULES_ROOT (where provider npm packages are installed); wins over the settings.", valueName: "dir"))
    var nodeModulesRoot: String?

    @Option(name: .customLong("static-root"), help: ArgumentHelp("STATIC_ROOT (where the LMS serves the bundles and the stats file from); wins over the settings.", valueName: "dir"))
    var staticRoot: String?

    @Option(name: .customLong("lms-root-url"), help: ArgumentHelp("LMS_ROOT_URL (put in front of a worker URL without scheme); wins over the settings.", valueName: "url"))
    var lmsRootURL: String?

    /// Checked when the command runs, after ArgumentParser has reported unknown options (a check in
    /// `validate()` would hide a mistyped flag behind a message about the flags it did recognise).
    func validateCombination() throws {
        if arguments().effectiveSettingsModule == nil && (!pythonPath.isEmpty || configYAML != nil) {
            throw ValidationError("--python-path and --config-yaml go with --settings (or DJANGO_SETTINGS_MODULE)")
        }
        for value in backends {
            do {
                _ = try BackendOverride.parse(value)
            } catch {
                let diagnostic = error.diagnostics.first
                throw ValidationError("\(diagnostic?.code.identifier ?? ""): \(diagnostic?.message ?? "") (\(diagnostic?.fix ?? ""))")
            }
        }
    }

    /// The facade's one arguments value; `example` only for the commands that offer it.
    func arguments(example: ExampleOptions? = nil) -> DeploymentArguments {
        DeploymentArguments(
            settings: settings, pythonPath: pythonPath, configYAML: configYAML, sitePackages: sitePackages,
            backendOverrides: backends.compactMap { try? BackendOverride.parse($0) },
            overrides: SettingsOverrides(envRoot: envRoot, nodeModulesRoot: nodeModulesRoot, staticRoot: staticRoot, lmsRootURL: lmsRootURL),
            example: example?.example ?? false, exampleDirectory: example?.exampleDir,
            environment: ProcessInfo.processInfo.environment, workingDirectory: FileManager.default.currentDirectoryPath)
    }
}
