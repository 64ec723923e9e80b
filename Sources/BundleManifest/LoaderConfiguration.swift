import DeploymentSettings
import FileSystemSupport

/// One entry of `settings.WEBPACK_LOADER` (edx-platform's `WORKERS`), after the loader's defaults.
public struct LoaderConfiguration: Sendable, Hashable {
    /// The loader's default IGNORE list (`.+\.hot-update.js`, `.+\.map`).
    public static let defaultIgnorePatterns = [#".+\.hot-update.js"#, #".+\.map"#]

    public var statsFile: String
    /// edx-platform: `bundles/`; the loader's default is `webpack_bundles/`.
    public var bundleDirName: String
    /// Python regular expressions applied with `re.match` to each file name.
    public var ignorePatterns: [String]
    /// 3.x `INTEGRITY`: adds each asset's `integrity` to the result.
    public var integrity: Bool

    public init(
        statsFile: String, bundleDirName: String = "webpack_bundles/",
        ignorePatterns: [String] = LoaderConfiguration.defaultIgnorePatterns, integrity: Bool = false
    ) {
        self.statsFile = statsFile
        self.bundleDirName = bundleDirName
        self.ignorePatterns = ignorePatterns
        self.integrity = integrity
    }

    /// edx-platform's `WEBPACK_LOADER['WORKERS']` for a STATIC_ROOT.
    public static func edxPlatformWorkers(staticRoot: String) -> LoaderConfiguration {
        LoaderConfiguration(
            statsFile: PathComponents.join(staticRoot, EdxPlatformConventions.statsFileName),
            bundleDirName: EdxPlatformConventions.bundleDirectoryName)
    }

    /// The deployment's `WEBPACK_LOADER['WORKERS']`; nil when the stats file's place is unknown (no
    /// STATS_FILE and no STATIC_ROOT).
    public init?(workersOf deployment: Deployment) {
        guard let statsFile = deployment.workersLoader.statsFile else { return nil }
        self.init(
            statsFile: statsFile.value, bundleDirName: deployment.workersLoader.bundleDirectoryName.value,
            ignorePatterns: deployment.workersLoader.ignorePatterns ?? LoaderConfiguration.defaultIgnorePatterns)
    }
}

/// One file of `get_files(name, config="WORKERS")`.
public struct ResolvedChunk: Sendable, Hashable {
    public var name: String
    public var url: String
    public var integrity: String?

    public init(name: String, url: String, integrity: String? = nil) {
        self.name = name
        self.url = url
        self.integrity = integrity
    }
}

/// What `get_files` does for the given inputs.
public enum LoaderOutcome: Sendable, Hashable {
    case files([ResolvedChunk])
    case raises(UpstreamException)
    /// DEBUG mode, status still compiling and no TIMEOUT: the loader polls the stats file forever and the
    /// request never returns.
    case pollsForever(status: String)
}
