import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// Finds the static root, ENV_ROOT, the bundles folder and the installed django-webpack-loader inside
/// any `FileSystem`, so the verify rules run the same over a folder and over an archive.
public struct DeploymentLayoutDetector: Sendable {
    public let options: DeploymentLayoutOptions
    /// Renders a path of the input for messages (e.g. `/openedx/workers.json in image.tgz`).
    public let describe: @Sendable (String) -> String
    /// The location findings about the input point at (the folder or archive given).
    public let inputLocation: SourceLocation

    public init(
        options: DeploymentLayoutOptions, inputLocation: SourceLocation,
        describe: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.options = options
        self.inputLocation = inputLocation
        self.describe = describe
    }

    public func detect(
        in fileSystem: any FileSystem, root: String, diagnostics: DiagnosticCollector
    ) throws(DiagnosticError) -> DeploymentLayout {
        let mapper = InputPathMapper(fileSystem: fileSystem, inputRoot: root)
        let search = LayoutSearch.run(
            in: fileSystem, root: root, statsFileName: options.statsFileName, maximumDepth: options.maximumSearchDepth,
            maximumDirectories: options.maximumSearchedDirectories)
        if search.wasLimited {
            diagnostics.emit(
                Diagnostic(
                    .layoutSearchLimited,
                    "the search of \(describe(root)) stopped at depth \(options.maximumSearchDepth) or after \(options.maximumSearchedDirectories) folders",
                    at: inputLocation, fix: "pass --static-root and --env-root to name the folders directly"))
        }
        var layout = DeploymentLayout(
            kind: .staticRoot, inputRoot: root, statsFileCandidates: search.statsFiles,
            bundleDirectoryName: options.bundleDirectoryName)

        let statsFile = try chooseStatsFile(search: search, mapper: mapper, fileSystem: fileSystem, diagnostics: diagnostics)
        layout.statsFile = statsFile.file
        layout.staticRoot = statsFile.staticRoot
        if let staticRoot = layout.staticRoot {
            let bundles = PathComponents.normalize(PathComponents.join(staticRoot, options.bundleDirectoryName))
            if fileSystem.directoryExists(bundles) { layout.bundlesDirectory = bundles }
        }

        layout.envRoot = try chooseEnvRoot(
            search: search, staticRoot: layout.staticRoot, root: root, mapper: mapper, fileSystem: fileSystem)
        if let envRoot = layout.envRoot {
            layout.kind = .imageRoot
            let workers = PathComponents.join(envRoot, EdxPlatformConventions.workersJSONName)
            if fileSystem.fileExists(workers) { layout.workersConfigFile = workers }
            let platform = PathComponents.join(envRoot, EdxPlatformConventions.platformFolderName)
            if fileSystem.directoryExists(platform) { layout.platformRoot = platform }
        } else if let staticRoot = layout.staticRoot {
            diagnostics.emit(
                Diagnostic(
                    .workersConfigOutsideStaticRoot,
                    "the input is a static root (\(describe(staticRoot))) without ENV_ROOT: workers.json, a build input that lives in ENV_ROOT outside STATIC_ROOT, is not checked",
                    at: inputLocation,
                    fix: "verify the image root, or pass --env-root to a folder holding workers.json, to check it"))
        }

        layout.sitePackages = orderSitePackages(search.sitePackagesFolders, envRoot: layout.envRoot)
        layout.webpackLoader = findWebpackLoader(in: layout.sitePackages, fileSystem: fileSystem, diagnostics: diagnostics)
        return layout
    }

    private func chooseStatsFile(
        search: LayoutSearch, mapper: InputPathMapper, fileSystem: any FileSystem, diagnostics: DiagnosticCollector
    ) throws(DiagnosticError) -> (file: String?, staticRoot: String?) {
        if let override = options.staticRootOverride {
            guard let staticRoot = mapper.map(override, kind: .directory) else {
                throw DiagnosticError(
                    Diagnostic(
                        .layoutOverrideNotFound, "--static-root \(override) is not a folder of \(describe(mapper.inputRoot))",
                        at: .flag("--static-root"),
                        fix: "give the static root as it appears in the image, e.g. /openedx/staticfiles"))
            }
            let file = PathComponents.join(staticRoot, options.statsFileName)
            if fileSystem.fileExists(file) { return (file, staticRoot) }
            diagnostics.emit(
                Diagnostic(
                    .workerStatsFileNotFound, "the static root \(describe(staticRoot)) holds no \(options.statsFileName)",
                    at: .flag("--static-root"), fix: statsFileFix))
            return (nil, staticRoot)
        }
        let candidates = search.statsFiles
        let settingMatch = options.statsFileSetting.flatMap { mapper.map($0, kind: .file) }
        switch candidates.count {
        case 0:
            diagnostics.emit(
                Diagnostic(
                    .workerStatsFileNotFound, "no \(options.statsFileName) anywhere in \(describe(mapper.inputRoot))",
                    at: inputLocation, fix: statsFileFix))
            return (nil, nil)
        case 1:
            let file = candidates[0]
            if let setting = options.statsFileSetting, settingMatch != file {
                diagnostics.emit(
                    Diagnostic(
                        .statsFileSettingNotMatched,
                        "STATS_FILE is \(setting), but the only worker stats file in the input is \(describe(file))",
                        at: options.statsFileSettingLocation ?? inputLocation,
                        fix: "build with STATIC_ROOT matching the runtime STATS_FILE, or verify with this image's settings"))
            }
            return (file, PathComponents.dirname(file))
        default:
            if let match = settingMatch, candidates.contains(match) {
                return (match, PathComponents.dirname(match))
            }
            let listed = candidates.map(describe).joined(separator: ", ")
            var message = "\(candidates.count) worker stats files in the input (\(listed))"
            if let setting = options.statsFileSetting {
                message += " and none is at STATS_FILE \(setting)"
            }
            throw DiagnosticError(
                Diagnostic(
                    .ambiguousStaticRoot, message, at: options.statsFileSettingLocation ?? inputLocation,
                    fix: "pass --static-root with the folder the LMS serves, or settings defining WEBPACK_LOADER['WORKERS']['STATS_FILE']"))
        }
    }

    private var statsFileFix: String {
        "run the worker build (`proctoring-assets build`) before collecting static files, and copy STATIC_ROOT into the image"
    }

    private func chooseEnvRoot(
        search: LayoutSearch, staticRoot: String?, root: String, mapper: InputPathMapper, fileSystem: any FileSystem
    ) throws(DiagnosticError) -> String? {
        if let override = options.envRootOverride {
            guard let envRoot = mapper.map(override, kind: .directory) else {
                throw DiagnosticError(
                    Diagnostic(
                        .layoutOverrideNotFound, "--env-root \(override) is not a folder of \(describe(root))",
                        at: .flag("--env-root"), fix: "give ENV_ROOT as it appears in the image, e.g. /openedx"))
            }
            return envRoot
        }
        func holdsEnvironment(_ folder: String) -> Bool {
            fileSystem.fileExists(PathComponents.join(folder, EdxPlatformConventions.workersJSONName))
                || fileSystem.directoryExists(PathComponents.join(folder, EdxPlatformConventions.platformFolderName))
        }
        // Upstream: STATIC_ROOT = ENV_ROOT/staticfiles, so ENV_ROOT is normally an ancestor of the static root.
        if let staticRoot {
            var current = staticRoot
            while LayoutSearch.isInside(current, root) {
                if holdsEnvironment(current) { return current }
                if current == root || current == "/" { break }
                current = PathComponents.dirname(current)
            }
        }
        let workersFolders = search.workersFiles.map(PathComponents.dirname)
        if let withPlatform = workersFolders.first(where: {
            fileSystem.directoryExists(PathComponents.join($0, EdxPlatformConventions.platformFolderName))
        }) {
            return withPlatform
        }
        if let first = workersFolders.first { return first }
        return search.platformFolders.first.map(PathComponents.dirname)
    }

    private func orderSitePackages(_ folders: [String], envRoot: String?) -> [String] {
        guard let envRoot else { return folders }
        let inside = folders.filter { LayoutSearch.isInside($0, envRoot) }
        return inside + folders.filter { !LayoutSearch.isInside($0, envRoot) }
    }

    static let webpackLoaderPrefix = "django_webpack_loader-"

    private func findWebpackLoader(
        in sitePackages: [String], fileSystem: any FileSystem, diagnostics: DiagnosticCollector
    ) -> InstalledDistribution? {
        var found: [InstalledDistribution] = []
        for folder in sitePackages {
            guard let names = try? fileSystem.listDirectory(folder) else { continue }
            for name in names where name.lowercased().hasPrefix(Self.webpackLoaderPrefix) {
                let rest = name.dropFirst(Self.webpackLoaderPrefix.count)
                let version: Substring
                if rest.hasSuffix(".dist-info") {
                    version = rest.dropLast(".dist-info".count)
                } else if rest.hasSuffix(".egg-info") {
                    // `django_webpack_loader-0.7.0-py3.8.egg-info`
                    version = rest.dropLast(".egg-info".count).split(separator: "-").first ?? ""
                } else {
                    continue
                }
                let path = PathComponents.join(folder, name)
                guard !version.isEmpty, fileSystem.directoryExists(path) else { continue }
                found.append(
                    InstalledDistribution(name: "django_webpack_loader", version: String(version), metadataPath: path))
            }
        }
        let versions = Set(found.map(\.version))
        if versions.count > 1, let first = found.first {
            diagnostics.emit(
                Diagnostic(
                    .webpackLoaderVersionUnclear,
                    "several django-webpack-loader versions are installed (\(found.map { "\($0.version) in \(describe($0.metadataPath))" }.joined(separator: ", "))); using \(first.version)",
                    at: inputLocation, fix: "remove the stale installation from the image"))
        }
        return found.first
    }
}
