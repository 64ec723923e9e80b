import BundleManifest
import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation
import Logging
import PreviewServer
import ProctoringBackends

/// The `serve` command's glue: reads the deployment once, resolves each configured backend's worker
/// URL with the resolver behind `resolve` (`WorkerURLCheck`), and hands the preview server one plain
/// `PreviewConfiguration`.
public struct ServeRun: Sendable {
    /// What the command line adds to the deployment options.
    public struct Request: Sendable {
        public var host: String
        public var port: Int
        /// Nil: a file under the user's cache folder.
        public var database: DatabaseLocation?
        public var seedExample: Bool
        /// `--lms-root-url` given explicitly; otherwise the preview server is the LMS, at its own origin.
        public var lmsRootURL: String?
        public var loaderVersion: DjangoWebpackLoaderVersion?

        public init(host: String, port: Int, database: DatabaseLocation?, seedExample: Bool, lmsRootURL: String?,
                    loaderVersion: DjangoWebpackLoaderVersion?) {
            self.host = host
            self.port = port
            self.database = database
            self.seedExample = seedExample
            self.lmsRootURL = lmsRootURL
            self.loaderVersion = loaderVersion
        }
    }

    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// The server's configuration, or a report saying why there is none. The report's lines name the
    /// worker URL of each backend.
    public func configure(_ inputs: DeploymentInputs, request: Request, example: ExampleDeployment?, environment: [String: String])
        -> (PreviewConfiguration?, CommandReport)
    {
        let collector = DiagnosticCollector()
        var lines: [String] = []
        if let example { lines.append("Example deployment at \(example.root)") }
        let settings: ResolvedSettings
        var deployment: Deployment
        let staticRoot: String
        do {
            settings = try SettingsLoader(fileSystem: fileSystem).load(inputs.settings, diagnostics: collector)
            deployment = Deployment(settings: settings, workingDirectory: inputs.settings.workingDirectory)
            staticRoot = try deployment.requireStaticRoot()
        } catch {
            collector.absorb(error)
            return (nil, CommandReport(command: "serve", diagnostics: collector.diagnostics, summaryLines: lines))
        }
        let origin = "http://\(request.host.contains(":") ? "[\(request.host)]" : request.host):\(request.port)"
        let configuredRoot = deployment.lmsRootURL?.value
        if request.lmsRootURL == nil {
            // The preview server is the LMS the browser talks to, so edx_proctoring's prefix is its origin.
            deployment.lmsRootURL = DeploymentValue(
                origin, provenance: Provenance(kind: .flag, location: SourceLocation(source: "serve --host/--port")))
        }
        let lmsRootURL = deployment.lmsRootURL?.value ?? origin
        lines.append("LMS_ROOT_URL: \(lmsRootURL)" + (request.lmsRootURL == nil
            ? " (the preview server itself; the deployment says \(configuredRoot ?? "nothing"))" : ""))
        let statsFile = deployment.workersLoader.statsFile?.value
            ?? PathComponents.join(staticRoot, EdxPlatformConventions.statsFileName)

        let planning = DiagnosticCollector()
        let discovered = WorkersPipeline(fileSystem: fileSystem).plan(
            inputs, options: WorkerConfigOptions(allowEmpty: true), example: nil, diagnostics: planning).backends
        let loader = request.loaderVersion
            ?? LoaderVersionDetector(fileSystem: fileSystem).detect(in: inputs.sitePackages ?? [], diagnostics: collector)?.version
        let table = settings["PROCTORING_BACKENDS"]?.value
        let defaultPing = Self.integer(settings["PROCTORING_SETTINGS"]?.value["DESKTOP_APPLICATION_PING_INTERVAL_SECONDS"])
            ?? Self.integer(settings["DESKTOP_APPLICATION_PING_INTERVAL_SECONDS"]?.value) ?? 60
        var backends: [PreviewBackend] = []
        for name in table?.dictStringKeys ?? [] where name != "DEFAULT" {
            let bundle = discovered.first { $0.name == name }?.npmModule
            let ping = Self.integer(table?[name]?["ping_interval"]) ?? defaultPing
            var url = ""
            if let bundle {
                let check = WorkerURLCheck.check(
                    bundleName: bundle, deployment: deployment, loader: loader, fileSystem: fileSystem, diagnostics: collector)
                // What upstream hands out, also after a failed lookup (LMS_ROOT_URL itself).
                url = check.handedOut ?? ""
            }
            backends.append(PreviewBackend(name: name, bundleName: bundle, workerURL: url, pingInterval: ping))
            lines.append("Backend \(name): " + (bundle.map { "worker \($0) at \(url.isEmpty ? "\"\"" : url)" } ?? "no worker"))
        }
        if !backends.contains(where: { $0.bundleName != nil }) {
            collector.emit(Diagnostic(
                .previewWithoutWorker, "no configured proctoring backend has a worker, so the preview has nothing to load",
                at: .file(settings.filesRead.last ?? inputs.settings.workingDirectory),
                fix: "configure a backend with a worker in PROCTORING_BACKENDS (and build it), or pass --backend NAME=NPM_MODULE"))
        }
        let database: DatabaseLocation
        if let chosen = request.database {
            database = chosen
        } else {
            let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? PathComponents.join(environment["HOME"] ?? NSTemporaryDirectory(), ".cache")
            let folder = PathComponents.join(cache, "proctoring-assets")
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            database = .file(PathComponents.join(folder, "serve.sqlite"))
        }
        if case .file(let path) = database { lines.append("Database: \(path)") }
        let staticURLPath = Self.urlPath(deployment.staticURL?.value ?? "/static/")
        let configuration = PreviewConfiguration(
            host: request.host, port: request.port, staticRoot: staticRoot, staticURLPath: staticURLPath,
            lmsRootURL: lmsRootURL, statsFile: statsFile,
            loaderDescription: loader.map { "django-webpack-loader \($0)" } ?? "django-webpack-loader 3.x semantics (assumed)",
            backends: backends, defaultBackend: table?["DEFAULT"]?.stringValue, database: database,
            seedExample: request.seedExample)
        lines.append("Serving \(staticRoot) at \(staticURLPath)")
        let report = CommandReport(command: "serve", diagnostics: collector.diagnostics, summaryLines: lines)
        return (collector.hasErrors ? nil : configuration, report)
    }

    /// Runs the server until SIGINT or SIGTERM; a report only when it could not start or stopped on an error.
    public func serve(_ configuration: PreviewConfiguration) async -> CommandReport? {
        let logger = Logger(label: "proctoring-assets.serve")
        do throws(PreviewServerError) {
            try await runPreviewServer(configuration, logger: logger)
            return nil
        } catch {
            return Self.report(error, configuration: configuration)
        }
    }

    static func report(_ error: PreviewServerError, configuration: PreviewConfiguration) -> CommandReport {
        switch error {
        case .databaseUnavailable(let reason):
            return CommandReport(command: "serve", diagnostics: [Diagnostic(
                .previewDatabaseUnavailable, "the preview database could not be opened: \(reason)",
                at: Self.databaseLocation(configuration.database),
                fix: "pass --db with a writable file path (or --db :memory:), or remove a file that is not an SQLite database")])
        case .cannotListen(let reason):
            return CommandReport(command: "serve", diagnostics: [Diagnostic(
                .previewCannotListen, "the preview server could not listen on \(configuration.host):\(configuration.port): \(reason)",
                at: .flag("--port"), fix: "choose a free port with --port, or stop the program that uses it")])
        }
    }

    static func databaseLocation(_ location: DatabaseLocation) -> SourceLocation {
        if case .file(let path) = location { return .file(path) }
        return .flag("--db")
    }

    /// The path part of STATIC_URL (`https://cdn.example.com/static/` -> `/static/`).
    static func urlPath(_ staticURL: String) -> String {
        var path = URLComponents(string: staticURL)?.path ?? staticURL
        if path.isEmpty { path = "/" }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    static func integer(_ value: PythonValue?) -> Int? {
        if case .int(let digits)? = value { return Int(digits) }
        return nil
    }
}
