import Diagnostics
import FileSystemSupport

/// A value of the deployment together with where it came from.
public struct DeploymentValue<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var provenance: Provenance

    public init(_ value: Value, provenance: Provenance) {
        self.value = value
        self.provenance = provenance
    }

    /// A default of edx-platform the tool applies when nothing sets the value; `basis` says what it is derived from.
    static func upstreamDefault(_ value: Value, basis: String) -> DeploymentValue {
        DeploymentValue(value, provenance: Provenance(kind: .upstreamDefault, location: SourceLocation(source: "default: \(basis)")))
    }
}

/// The worker pipeline's view of a deployment, read once from the resolved settings: its roots, where the
/// stats file and bundles live, and the URLs the LMS builds. Every command (build, bundle, resolve,
/// verify, doctor, serve) takes these values from here instead of reading the settings again.
///
/// Paths are as the settings give them, made absolute against the working directory; for `verify` and
/// `doctor` they are paths inside the image.
public struct Deployment: Sendable, Hashable {
    public var envRoot: DeploymentValue<String>?
    public var nodeModulesRoot: DeploymentValue<String>?
    /// edx-platform's root: webpack's `context`, where `babel-polyfill` resolves from. REPO_ROOT, else the
    /// parent of NODE_MODULES_ROOT (`<edx-platform>/node_modules`), else ENV_ROOT/edx-platform.
    public var platformRoot: DeploymentValue<String>?
    public var staticRoot: DeploymentValue<String>?
    /// STATIC_URL; Django's `/static/` when the settings do not set it, nil when they set it to something
    /// that is not a string (None), which the loader cannot build a URL from.
    public var staticURL: DeploymentValue<String>?
    public var lmsRootURL: DeploymentValue<String>?
    /// `WEBPACK_LOADER['WORKERS']` after edx-platform's defaults.
    public var workersLoader: WorkersLoaderSettings
    /// DEBUG, when the settings set it to a boolean.
    public var debug: Bool?

    /// `WEBPACK_LOADER['WORKERS']`: the part of the loader configuration the worker URL depends on.
    public struct WorkersLoaderSettings: Sendable, Hashable {
        /// STATS_FILE; nil only when neither it nor STATIC_ROOT is known.
        public var statsFile: DeploymentValue<String>?
        public var bundleDirectoryName: DeploymentValue<String>
        /// IGNORE, when set (the loader's defaults apply otherwise).
        public var ignorePatterns: [String]?
    }

    /// `$ENV_ROOT/workers.json`, where make_worker_config writes and webpack's worker config reads.
    public var workersJSONPath: String? {
        envRoot.map { PathComponents.join($0.value, EdxPlatformConventions.workersJSONName) }
    }

    /// `<edx-platform>/common/static/bundles`, where webpack writes the worker bundles.
    public var webpackOutputDirectory: String? {
        platformRoot.map { PathComponents.join($0.value, EdxPlatformConventions.webpackBundlesSubpath) }
    }

    /// STATIC_ROOT/BUNDLE_DIR_NAME, where collectstatic puts the bundles and the web server serves them.
    public var collectedBundlesDirectory: String? {
        staticRoot.map { PathComponents.normalize(PathComponents.join($0.value, workersLoader.bundleDirectoryName.value)) }
    }

    /// Reads the deployment from resolved settings (nothing here fails: a value the settings lack is nil,
    /// and the command that needs it says so with `require…`).
    public init(settings: ResolvedSettings, workingDirectory: String) {
        func text(_ name: String) -> DeploymentValue<String>? {
            guard let setting = settings[name], let value = setting.value.stringValue else { return nil }
            return DeploymentValue(value, provenance: setting.provenance)
        }
        func path(_ name: String) -> DeploymentValue<String>? {
            text(name).map { DeploymentValue(PathComponents.absolute($0.value, relativeTo: workingDirectory), provenance: $0.provenance) }
        }
        envRoot = path("ENV_ROOT")
        nodeModulesRoot = path("NODE_MODULES_ROOT")
        staticRoot = path("STATIC_ROOT")
        lmsRootURL = text("LMS_ROOT_URL")
        staticURL = settings["STATIC_URL"] == nil
            ? .upstreamDefault(EdxPlatformConventions.defaultStaticURL, basis: "Django's STATIC_URL") : text("STATIC_URL")
        if let repoRoot = path("REPO_ROOT") {
            platformRoot = repoRoot
        } else if let nodeModules = nodeModulesRoot, PathComponents.basename(PathComponents.normalize(nodeModules.value)) == "node_modules" {
            platformRoot = .upstreamDefault(PathComponents.dirname(nodeModules.value), basis: "the parent of NODE_MODULES_ROOT")
        } else if let envRoot {
            platformRoot = .upstreamDefault(
                PathComponents.join(envRoot.value, EdxPlatformConventions.platformFolderName), basis: "ENV_ROOT/edx-platform")
        } else {
            platformRoot = nil
        }
        if case .bool(let flag)? = settings["DEBUG"]?.value { debug = flag }

        let loader = settings["WEBPACK_LOADER"]
        let workers = loader?.value["WORKERS"]
        let loaderProvenance = loader?.provenance
        let statsFile: DeploymentValue<String>?
        if let configured = workers?["STATS_FILE"]?.stringValue, let loaderProvenance {
            statsFile = DeploymentValue(PathComponents.absolute(configured, relativeTo: workingDirectory), provenance: loaderProvenance)
        } else if let staticRoot {
            statsFile = .upstreamDefault(
                PathComponents.join(staticRoot.value, EdxPlatformConventions.statsFileName),
                basis: "STATIC_ROOT/\(EdxPlatformConventions.statsFileName), as lms/envs/common.py builds it")
        } else {
            statsFile = nil
        }
        let bundleDirectoryName: DeploymentValue<String>
        if let configured = workers?["BUNDLE_DIR_NAME"]?.stringValue, let loaderProvenance {
            bundleDirectoryName = DeploymentValue(configured, provenance: loaderProvenance)
        } else {
            bundleDirectoryName = .upstreamDefault(EdxPlatformConventions.bundleDirectoryName, basis: "edx-platform's WORKERS BUNDLE_DIR_NAME")
        }
        var ignorePatterns: [String]?
        if case .list(let patterns)? = workers?["IGNORE"] { ignorePatterns = patterns.compactMap(\.stringValue) }
        workersLoader = WorkersLoaderSettings(statsFile: statsFile, bundleDirectoryName: bundleDirectoryName, ignorePatterns: ignorePatterns)
        self.settingsFiles = settings.filesRead
    }

    /// The settings files read, in import order (for messages about values that are missing).
    public var settingsFiles: [String]

    /// STATIC_ROOT, required by commands that write or serve the collected bundles.
    public func requireStaticRoot() throws(DiagnosticError) -> String {
        guard let staticRoot else {
            throw DiagnosticError(Diagnostic(
                .staticRootUnset, "STATIC_ROOT is not set, so there is no place the LMS serves the worker bundle from",
                at: settingsFiles.first.map { .file($0) },
                fix: "set STATIC_ROOT in the settings (edx-platform: ENV_ROOT / 'staticfiles', or STATIC_ROOT_LMS) or pass --static-root",
                notes: settingsFiles.isEmpty ? [] : ["searched " + settingsFiles.joined(separator: " -> ")]))
        }
        return staticRoot.value
    }
}
