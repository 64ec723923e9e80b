import DeploymentSettings

/// The settings doctor checks, as the settings loader resolved them.
public struct DoctorSettingsInput: Sendable {
    /// The settings module used when the image is built (the one Django starts with before webpack).
    public var buildTime: ResolvedSettings
    /// The settings the LMS runs with; nil when they are the build-time ones.
    public var runtime: ResolvedSettings?
    /// The settings files given by the user, for locations of findings about missing names.
    public var settingsFiles: [String]
    /// npm module per backend name, from the site-packages when given (nil value: the backend has none);
    /// nil to use the table of public providers.
    public var backendNpmModules: [String: String?]?

    public init(
        buildTime: ResolvedSettings, runtime: ResolvedSettings? = nil, settingsFiles: [String] = [],
        backendNpmModules: [String: String?]? = nil
    ) {
        self.buildTime = buildTime
        self.runtime = runtime
        self.settingsFiles = settingsFiles
        self.backendNpmModules = backendNpmModules
    }

    var runtimeOrBuildTime: ResolvedSettings { runtime ?? buildTime }
}
