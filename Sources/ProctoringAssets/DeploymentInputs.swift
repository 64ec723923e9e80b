import DeploymentSettings
import ProctoringBackends

/// What every pipeline command reads about a deployment: where its settings are, which Python
/// site-packages hold its proctoring backends, explicit overrides, and the build environment.
public struct DeploymentInputs: Sendable {
    public var settings: SettingsRequest
    /// The site-packages folders to discover `openedx.proctoring` entry points in. Nil means: the
    /// site-packages of `python3` on PATH, if there is one.
    public var sitePackages: [String]?
    /// `--backend NAME=NPM_MODULE` values.
    public var backendOverrides: [BackendOverride]
    /// JS_ENV_EXTRA_CONFIG and NODE_ENV, as the webpack step would see them.
    public var buildEnvironment: BuildEnvironment

    public init(
        settings: SettingsRequest, sitePackages: [String]? = nil, backendOverrides: [BackendOverride] = [],
        buildEnvironment: BuildEnvironment = BuildEnvironment()
    ) {
        self.settings = settings
        self.sitePackages = sitePackages
        self.backendOverrides = backendOverrides
        self.buildEnvironment = buildEnvironment
    }
}
