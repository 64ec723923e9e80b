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

    /// True when the arguments name a deployment at all (settings, the example, or root overrides).
    public var namesDeployment: Bool {
        example || settings != nil || overrides.envRoot != nil || overrides.nodeModulesRoot != nil
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
        let request = SettingsRequest(
            settings: settings, pythonPath: pythonPath, configYAML: configYAML, environment: environment,
            overrides: overrides, workingDirectory: workingDirectory)
        let inputs = DeploymentInputs(
            settings: request, sitePackages: sitePackages.isEmpty ? nil : sitePackages, backendOverrides: backendOverrides,
            buildEnvironment: buildEnvironment)
        return (inputs, nil)
    }
}
