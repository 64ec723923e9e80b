import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// Where the worker build reads and writes, derived from the settings as edx-platform does.
public struct DeploymentPaths: Sendable, Hashable {
    /// edx-platform's root: webpack's `context`, where `babel-polyfill` resolves from.
    public var platformRoot: String
    /// `<edx-platform>/common/static/bundles`, where webpack writes the worker bundles.
    public var webpackOutputDirectory: String
    public var staticRoot: String
    /// WEBPACK_LOADER['WORKERS']['STATS_FILE'] (default STATIC_ROOT/webpack-worker-stats.json).
    public var statsFile: String
    /// WEBPACK_LOADER['WORKERS']['BUNDLE_DIR_NAME'] (default "bundles/").
    public var bundleDirectoryName: String
    public var staticURL: String?
    public var lmsRootURL: String?

    /// STATIC_ROOT/BUNDLE_DIR_NAME, where collectstatic puts the bundles and the web server serves them.
    public var collectedBundlesDirectory: String {
        PathComponents.normalize(PathComponents.join(staticRoot, bundleDirectoryName))
    }

    /// Reads the paths from resolved settings; STATIC_ROOT is required (it decides where the LMS looks).
    public static func from(_ settings: ResolvedSettings, workingDirectory: String) throws(DiagnosticError) -> DeploymentPaths {
        func text(_ name: String) -> String? { settings[name]?.value.stringValue }
        guard let staticRoot = text("STATIC_ROOT").map({ PathComponents.absolute($0, relativeTo: workingDirectory) }) else {
            throw DiagnosticError(Diagnostic(
                .staticRootUnset, "STATIC_ROOT is not set, so there is no place the LMS serves the worker bundle from",
                at: settings.filesRead.first.map { .file($0) },
                fix: "set STATIC_ROOT in the settings (edx-platform: ENV_ROOT / 'staticfiles', or STATIC_ROOT_LMS) or pass --static-root",
                notes: settings.filesRead.isEmpty ? [] : ["searched " + settings.filesRead.joined(separator: " -> ")]))
        }
        let platformRoot: String
        if let repoRoot = text("REPO_ROOT") {
            platformRoot = PathComponents.absolute(repoRoot, relativeTo: workingDirectory)
        } else if let nodeModules = text("NODE_MODULES_ROOT"), PathComponents.basename(PathComponents.normalize(nodeModules)) == "node_modules" {
            platformRoot = PathComponents.dirname(PathComponents.absolute(nodeModules, relativeTo: workingDirectory))
        } else if let envRoot = text("ENV_ROOT") {
            platformRoot = PathComponents.join(PathComponents.absolute(envRoot, relativeTo: workingDirectory), "edx-platform")
        } else {
            platformRoot = workingDirectory
        }
        let workers = settings["WEBPACK_LOADER"]?.value["WORKERS"]
        let statsFile = workers?["STATS_FILE"]?.stringValue.map { PathComponents.absolute($0, relativeTo: workingDirectory) }
            ?? PathComponents.join(staticRoot, "webpack-worker-stats.json")
        return DeploymentPaths(
            platformRoot: platformRoot,
            webpackOutputDirectory: PathComponents.join(platformRoot, "common/static/bundles"),
            staticRoot: staticRoot,
            statsFile: statsFile,
            bundleDirectoryName: workers?["BUNDLE_DIR_NAME"]?.stringValue ?? "bundles/",
            staticURL: settings["STATIC_URL"]?.value.stringValue ?? "/static/",
            lmsRootURL: text("LMS_ROOT_URL"))
    }
}
