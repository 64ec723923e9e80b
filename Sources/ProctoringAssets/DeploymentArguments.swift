import DeploymentSettings
import Diagnostics
import ProctoringBackends

/// The one description of a deployment every command takes (the CLI's shared option group, the preview
/// server's arguments): the settings sources, the backends' site-packages, explicit root values, the example
/// deployment, and the process environment. `resolve()` turns it into the pipeline's inputs.
public struct DeploymentArguments: Sendable {
    /// `--settings`: a dotted module name or a file path.
    public var settings: String?
    public var pythonPath: [String]
    public var configYAML: String?
    /// `--site-packages`; empty means those of python3 on PATH.
    public var sitePackages: [String]
    public var backendOverrides: [BackendOverride]
    /// `--env-root`, `--node-modules-root`, `--static-root`, `--lms-root-url`.
    public var overrides: SettingsOverrides
    /// `--example` and `--example-dir`.
    public var example: Bool
    public var exampleDirectory: String?
    /// The process environment (os.environ for the settings; JS_ENV_EXTRA_CONFIG and NODE_ENV for the build).
    public var environment: [String: String]
    public var workingDirectory: String

    public init(
        settings: String? = nil, pythonPath: [String] = [], configYAML: String? = nil, sitePackages: [String] = [],
        backendOverrides: [BackendOverride] = [], overrides: SettingsOverrides = SettingsOverrides(), example: Bool = false,
        exampleDirectory: String? = nil, environment: [String: String], workingDirectory: String
    ) {
        self.settings = settings
        self.pythonPath = pythonPath
        self.configYAML = configYAML
        self.sitePackages = sitePackages
        self.backendOverrides = backendOverrides
        self.overrides = overrides
        self.example = example
        self.exampleDirectory = exampleDirectory
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// True when the arguments name a deployment at all (settings, DJANGO_SETTINGS_MODULE, the example, or
    /// root overrides).
    public var namesDeployment: Bool {
        example || effectiveSettings.module != nil || overrides.envRoot != nil || overrides.nodeModulesRoot != nil
    }

    /// The settings module and YAML layer: the flags, else what an Open edX process reads from its
    /// environment (DJANGO_SETTINGS_MODULE; LMS_CFG or CMS_CFG, as edx-platform's production settings do).
    public var effectiveSettingsModule: String? { effectiveSettings.module }

    var effectiveSettings: (module: String?, configYAML: String?, origins: [String]) {
        var origins: [String] = []
        var module = settings
        if module == nil, let variable = environment["DJANGO_SETTINGS_MODULE"], !variable.isEmpty {
            module = variable
            origins.append("settings module \(variable) from env DJANGO_SETTINGS_MODULE (no --settings given)")
        }
        var yaml = configYAML
        if yaml == nil, let module {
            let name = module.hasPrefix("cms.") ? "CMS_CFG" : "LMS_CFG"
            if let variable = environment[name], !variable.isEmpty {
                yaml = variable
                origins.append("configuration YAML \(variable) from env \(name) (no --config-yaml given)")
            }
        }
        return (module, yaml, origins)
    }

    /// The pipeline inputs, preparing the example copy first when `example` is set. `serve` passes
    /// `reuseExistingExample` to work on the copy a `build --example --example-dir` made.
    public func resolve(reuseExistingExample: Bool = false) throws(DiagnosticError) -> (DeploymentInputs, ExampleDeployment?) {
        var buildEnvironment = BuildEnvironment(environment: environment)
        if example {
            let deployment = try ExampleDeployment.prepare(
                scratchFolder: exampleDirectory, environment: environment, reuseExisting: reuseExistingExample)
            if buildEnvironment.jsEnvExtraConfig == nil {
                buildEnvironment.jsEnvExtraConfig = ExampleDeployment.jsEnvExtraConfigValue
            }
            var inputs = deployment.inputs(overrides: overrides, buildEnvironment: buildEnvironment)
            inputs.backendOverrides = backendOverrides
            if !sitePackages.isEmpty { inputs.sitePackages = sitePackages }
            return (inputs, deployment)
        }
        let effective = effectiveSettings
        var request = SettingsRequest(
            settings: effective.module, pythonPath: pythonPath, configYAML: effective.configYAML, environment: environment,
            overrides: overrides, workingDirectory: workingDirectory)
        request.inputOrigins = effective.origins
        let inputs = DeploymentInputs(
            settings: request, sitePackages: sitePackages.isEmpty ? nil : sitePackages, backendOverrides: backendOverrides,
            buildEnvironment: buildEnvironment)
        return (inputs, nil)
    }
}
