import BundleManifest
import Diagnostics

/// What the rules know about the deployment besides the input itself: values from the settings (or
/// upstream's defaults) that decide URLs and where worker sources must live.
public struct VerifyRuleOptions: Sendable {
    /// NODE_MODULES_ROOT as a path in the image, when the settings or `--node-modules-root` give it.
    public var nodeModulesRoot: String?
    /// Where NODE_MODULES_ROOT was set, for messages.
    public var nodeModulesRootLocation: SourceLocation?
    /// STATIC_URL (upstream default `/static/`).
    public var staticURL: String?
    /// LMS_ROOT_URL, which edx_proctoring puts in front of a URL without scheme.
    public var lmsRootURL: String?
    /// WEBPACK_LOADER['WORKERS']['IGNORE'].
    public var ignorePatterns: [String]
    /// The static files storage; nil decides by the static root (a `staticfiles.json` means a manifest storage).
    public var storage: StaticFilesStorageKind?
    /// settings.DEBUG.
    public var debug: Bool

    public init(
        nodeModulesRoot: String? = nil, nodeModulesRootLocation: SourceLocation? = nil, staticURL: String? = "/static/",
        lmsRootURL: String? = nil, ignorePatterns: [String] = LoaderConfiguration.defaultIgnorePatterns,
        storage: StaticFilesStorageKind? = nil, debug: Bool = false
    ) {
        self.nodeModulesRoot = nodeModulesRoot
        self.nodeModulesRootLocation = nodeModulesRootLocation
        self.staticURL = staticURL
        self.lmsRootURL = lmsRootURL
        self.ignorePatterns = ignorePatterns
        self.storage = storage
        self.debug = debug
    }
}

/// One file `verify` looked at, with its size and SHA-384 when it could be read.
public struct VerifiedFile: Sendable, Hashable {
    /// The path inside the input's file system.
    public var path: String
    /// The path as messages show it (archive entries followed by the archive).
    public var displayPath: String
    public var digest: FileDigest?

    public init(path: String, displayPath: String, digest: FileDigest?) {
        self.path = path
        self.displayPath = displayPath
        self.digest = digest
    }
}

/// One worker bundle (an npm module of workers.json or a chunk of the stats file) and what was found.
public struct VerifiedBundle: Sendable {
    public var name: String
    /// The chunk's files that exist in the static root.
    public var files: [VerifiedFile]
    /// The JavaScript file the worker loads (the chunk's first `.js` file), when it exists.
    public var script: VerifiedFile?
    /// The bytes of `script`, when they could be read (for the smoke run of an archive).
    public var scriptContents: [UInt8]?
    /// True when the script parsed and no rule found an error in it.
    public var scriptIsSound: Bool
    /// The URL JS 1.0 and JS 2.0 hand to the browser, when the lookup gives one.
    public var url: String?
    /// True when `url` is upstream's lookup-failure fallback (LMS_ROOT_URL itself).
    public var urlIsFallback: Bool
}

/// Everything `verify` found besides its diagnostics, for the command's result.
public struct VerifyOutcome: Sendable {
    public var layout: DeploymentLayout
    public var workersConfig: VerifiedFile?
    public var statsFile: VerifiedFile?
    public var statsFormat: StatsFormat?
    /// The loader whose URL rules were applied.
    public var loader: LoaderSemantics?
    /// The installed django-webpack-loader version, when found in the input.
    public var loaderVersion: String?
    public var bundles: [VerifiedBundle]
}
