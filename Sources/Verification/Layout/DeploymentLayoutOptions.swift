import DeploymentSettings
import Diagnostics

/// What the caller knows about the deployment before looking at the input: settings and overrides.
public struct DeploymentLayoutOptions: Sendable, Hashable {
    /// `WEBPACK_LOADER['WORKERS']['STATS_FILE']` from the settings, when known (a path in the image).
    public var statsFileSetting: String?
    /// Where `statsFileSetting` was set, for messages.
    public var statsFileSettingLocation: SourceLocation?
    /// `WEBPACK_LOADER['WORKERS']['BUNDLE_DIR_NAME']` (upstream `bundles/`).
    public var bundleDirectoryName: String
    /// `--static-root`: a folder of the input (as a path in the image, or relative to the input's root).
    public var staticRootOverride: String?
    /// `--env-root`: likewise.
    public var envRootOverride: String?
    /// Folders deeper than this below the input's root are not searched.
    public var maximumSearchDepth: Int
    /// The search stops after listing this many folders.
    public var maximumSearchedDirectories: Int

    public static let defaultStatsFileName = EdxPlatformConventions.statsFileName

    public init(
        statsFileSetting: String? = nil, statsFileSettingLocation: SourceLocation? = nil,
        bundleDirectoryName: String = EdxPlatformConventions.bundleDirectoryName, staticRootOverride: String? = nil, envRootOverride: String? = nil,
        maximumSearchDepth: Int = 8, maximumSearchedDirectories: Int = 50_000
    ) {
        self.statsFileSetting = statsFileSetting
        self.statsFileSettingLocation = statsFileSettingLocation
        self.bundleDirectoryName = bundleDirectoryName
        self.staticRootOverride = staticRootOverride
        self.envRootOverride = envRootOverride
        self.maximumSearchDepth = maximumSearchDepth
        self.maximumSearchedDirectories = maximumSearchedDirectories
    }

    /// The stats file's name: the last component of STATS_FILE, else upstream's `webpack-worker-stats.json`.
    var statsFileName: String {
        guard let setting = statsFileSetting else { return Self.defaultStatsFileName }
        let name = setting.split(separator: "/").last.map(String.init) ?? ""
        return name.isEmpty ? Self.defaultStatsFileName : name
    }
}
