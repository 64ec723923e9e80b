import DeploymentSettings
import ProctoringBackends

/// What every pipeline command reads about a deployment: where its settings are, which Python
/// site-packages hold its proctoring backends, and explicit overrides.
public struct DeploymentInputs: Sendable {
    public var settings: SettingsRequest
    /// The site-packages folders to discover `openedx.proctoring` entry points in. Nil means: the
    /// site-packages of `python3` on PATH, if there is one.
    public var sitePackages: [String]?
    /// `--backend NAME=NPM_MODULE` values.
    public var backendOverrides: [BackendOverride]

    public init(settings: SettingsRequest, sitePackages: [String]? = nil, backendOverrides: [BackendOverride] = []) {
        self.settings = settings
        self.sitePackages = sitePackages
        self.backendOverrides = backendOverrides
    }
}
