import ArgumentParser
import DeploymentSettings
import Diagnostics
import Foundation
import ProctoringAssets
import ProctoringBackends

/// Where the deployment's settings and backends come from (shared by every pipeline command).
struct DeploymentOptions: ParsableArguments {
    @Flag(help: "Run on a copy of the example deployment shipped with proctoring-assets (printed paths show where).")
    var example = false

    @Option(help: ArgumentHelp("With --example: the folder to copy the example into (new or empty). Default: a new temporary folder.", valueName: "dir"))
    var exampleDir: String?

    @OptionGroup var source: SettingsSourceOptions

    var settings: String? { source.settings }

    @Option(name: .customLong("site-packages"), help: ArgumentHelp("A Python site-packages folder to find proctoring backends in (repeatable). Default: those of python3 on PATH.", valueName: "dir"))
    var sitePackages: [String] = []

    @Option(name: .customLong("backend"), help: ArgumentHelp("Declare or override a backend's npm module instead of reading it from site-packages (repeatable).", valueName: "name=npm-module"))
    var backends: [String] = []

    @Option(name: .customLong("env-root"), help: ArgumentHelp("Override ENV_ROOT (where workers.json lives: the parent of edx-platform).", valueName: "dir"))
    var envRoot: String?

    @Option(name: .customLong("node-modules-root"), help: ArgumentHelp("Override NODE_MODULES_ROOT (where provider npm packages are installed).", valueName: "dir"))
    var nodeModulesRoot: String?

    @Option(name: .customLong("static-root"), help: ArgumentHelp("Override STATIC_ROOT.", valueName: "dir"))
    var staticRoot: String?

    @Option(name: .customLong("lms-root-url"), help: ArgumentHelp("Override LMS_ROOT_URL.", valueName: "url"))
    var lmsRootURL: String?

    /// True when the user named a deployment at all (settings, the example, or root overrides).
    var namesDeployment: Bool {
        example || settings != nil || envRoot != nil || nodeModulesRoot != nil
    }

    /// For commands that cannot run without a deployment.
    func requireDeployment() throws {
        if !namesDeployment {
            throw ValidationError("name the deployment: --settings MODULE (with --python-path), or --example, or at least --env-root/--node-modules-root")
        }
    }

    func validate() throws {
        if example && settings != nil {
            throw ValidationError("--example brings its own settings; leave out --settings")
        }
        if exampleDir != nil && !example {
            throw ValidationError("--example-dir goes with --example")
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

    var overrides: SettingsOverrides {
        SettingsOverrides(envRoot: envRoot, nodeModulesRoot: nodeModulesRoot, staticRoot: staticRoot, lmsRootURL: lmsRootURL)
    }

    /// The pipeline inputs, preparing the example copy first when --example is given (`serve` reuses
    /// an --example-dir that a build already filled).
    func inputs(reuseExampleDir: Bool = false) throws(DiagnosticError) -> (DeploymentInputs, ExampleDeployment?) {
        let environment = ProcessInfo.processInfo.environment
        let overrides = self.overrides
        let backendOverrides = backends.compactMap { try? BackendOverride.parse($0) }
        if example {
            let deployment = try ExampleDeployment.prepare(
                scratchFolder: exampleDir, environment: environment, reuseExisting: reuseExampleDir)
            // What the build reads from the environment (as webpack does) may be set for the example too.
            let buildEnvironment = environment.filter { ["JS_ENV_EXTRA_CONFIG", "NODE_ENV"].contains($0.key) }
            var inputs = deployment.inputs(overrides: overrides, extraEnvironment: buildEnvironment)
            inputs.backendOverrides = backendOverrides
            if !sitePackages.isEmpty { inputs.sitePackages = sitePackages }
            return (inputs, deployment)
        }
        let request = SettingsRequest(
            settings: settings, pythonPath: source.pythonPath, configYAML: source.configYAML, environment: environment,
            overrides: overrides, workingDirectory: FileManager.default.currentDirectoryPath)
        return (DeploymentInputs(settings: request, sitePackages: sitePackages.isEmpty ? nil : sitePackages,
                                 backendOverrides: backendOverrides), nil)
    }
}
