import DeploymentSettings
import FileSystemSupport

/// Where the parts of a deployment are inside the verified input (a folder or an archive's virtual
/// root). Every path is absolute in the input's `FileSystem`.
public struct DeploymentLayout: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Only STATIC_ROOT (stats file + bundles); workers.json lives elsewhere.
        case staticRoot = "static-root"
        /// A root holding ENV_ROOT (workers.json, edx-platform) and the static root.
        case imageRoot = "image-root"
    }

    public var kind: Kind
    /// The root of the input (the folder given, or `/` for an archive).
    public var inputRoot: String
    /// The folder holding the worker stats file; nil when none was found.
    public var staticRoot: String?
    /// The worker stats file the LMS reads.
    public var statsFile: String?
    /// Every stats file found, nearest to the root first.
    public var statsFileCandidates: [String]
    /// `STATIC_ROOT/<BUNDLE_DIR_NAME>` when it exists.
    public var bundlesDirectory: String?
    /// WEBPACK_LOADER['WORKERS']['BUNDLE_DIR_NAME'] used (upstream `bundles/`).
    public var bundleDirectoryName: String
    /// The folder holding workers.json (normally the parent of edx-platform and of the static root).
    public var envRoot: String?
    /// `ENV_ROOT/workers.json` when it exists.
    public var workersConfigFile: String?
    /// `ENV_ROOT/edx-platform` when it exists.
    public var platformRoot: String?
    /// Every `site-packages` folder found, those inside ENV_ROOT first.
    public var sitePackages: [String]
    /// The django-webpack-loader installed in the image, when found.
    public var webpackLoader: InstalledDistribution?

    public init(
        kind: Kind, inputRoot: String, staticRoot: String? = nil, statsFile: String? = nil,
        statsFileCandidates: [String] = [], bundlesDirectory: String? = nil, bundleDirectoryName: String = EdxPlatformConventions.bundleDirectoryName,
        envRoot: String? = nil,
        workersConfigFile: String? = nil, platformRoot: String? = nil, sitePackages: [String] = [],
        webpackLoader: InstalledDistribution? = nil
    ) {
        self.kind = kind
        self.inputRoot = inputRoot
        self.staticRoot = staticRoot
        self.statsFile = statsFile
        self.statsFileCandidates = statsFileCandidates
        self.bundlesDirectory = bundlesDirectory
        self.bundleDirectoryName = bundleDirectoryName
        self.envRoot = envRoot
        self.workersConfigFile = workersConfigFile
        self.platformRoot = platformRoot
        self.sitePackages = sitePackages
        self.webpackLoader = webpackLoader
    }
}

extension DeploymentLayout {
    /// Where the loader's URL for a chunk file points inside the input: `STATIC_ROOT/BUNDLE_DIR_NAME/<name>`
    /// (as `staticfiles_storage.url(BUNDLE_DIR_NAME + name)` does), whatever absolute build-machine
    /// path the stats file recorded. Nil without a static root.
    public func chunkFilePath(_ chunkFileName: String) -> String? {
        guard let staticRoot else { return nil }
        let relative = PathComponents.normalize(PathComponents.join(bundleDirectoryName, chunkFileName))
        guard !relative.hasPrefix("/"), relative != "..", !relative.hasPrefix("../") else { return nil }
        return PathComponents.join(staticRoot, relative)
    }
}

/// A Python distribution found in a site-packages folder by its `.dist-info` (or `.egg-info`) folder.
public struct InstalledDistribution: Sendable, Hashable {
    /// As in the folder name, e.g. `django_webpack_loader`.
    public var name: String
    /// e.g. `3.2.3`.
    public var version: String
    /// The `.dist-info` folder.
    public var metadataPath: String

    public init(name: String, version: String, metadataPath: String) {
        self.name = name
        self.version = version
        self.metadataPath = metadataPath
    }
}
