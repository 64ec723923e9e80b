import BundleManifest
import DeploymentSettings
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// The `resolve` command: per worker, the URL the LMS serves — JS 1.0 (`backend_js_bundle` in the legacy
/// template) and JS 2.0 (`desktop_application_js_url` in the REST API) — read through the stats file the
/// way django-webpack-loader and edx_proctoring do.
public struct ResolveRun: Sendable {
    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func run(
        _ inputs: DeploymentInputs, workersJSON: String?, loaderVersion: DjangoWebpackLoaderVersion?,
        example: ExampleDeployment? = nil
    ) -> CommandReport {
        let collector = DiagnosticCollector()
        var lines: [String] = []
        if let example { lines.append("Example deployment copied to \(example.root)") }
        let settings: ResolvedSettings
        let deployment: Deployment
        let statsFile: String
        do {
            settings = try SettingsLoader(fileSystem: fileSystem).load(inputs.settings, diagnostics: collector)
            deployment = Deployment(settings: settings, workingDirectory: inputs.settings.workingDirectory)
            let staticRoot = try deployment.requireStaticRoot()
            statsFile = deployment.workersLoader.statsFile?.value ?? PathComponents.join(staticRoot, EdxPlatformConventions.statsFileName)
        } catch {
            collector.absorb(error)
            return CommandReport(command: "resolve", diagnostics: collector.diagnostics, summaryLines: lines)
        }
        let names = workerNames(inputs, settings: settings, workersJSON: workersJSON, lines: &lines, diagnostics: collector)
        let loader = loaderVersion
            ?? LoaderVersionDetector(fileSystem: fileSystem).detect(in: inputs.sitePackages ?? [], diagnostics: collector)?.version
        if loader == nil {
            let searched = (inputs.sitePackages ?? []).isEmpty ? "no --site-packages given" : "searched " + (inputs.sitePackages ?? []).joined(separator: ", ")
            collector.emit(Diagnostic(
                .loaderVersionAssumed, "no django-webpack-loader found (\(searched)): the URL is read as django-webpack-loader 3.x would",
                at: .flag("--site-packages"), fix: "pass --loader-version VERSION or the LMS's --site-packages"))
        }
        lines.append("Stats file: \(statsFile)")
        var members: [JSONMember] = []
        for name in names {
            let check = WorkerURLCheck.check(
                bundleName: name, deployment: deployment, loader: loader, fileSystem: fileSystem, diagnostics: collector)
            lines.append(contentsOf: check.text)
            members.append(JSONMember(name, check.json))
        }
        let result: JSONValue = .object([
            JSONMember("statsFile", .string(statsFile)),
            JSONMember("lmsRootURL", deployment.lmsRootURL.map { .string($0.value) } ?? .null),
            JSONMember("workers", .object(members)),
        ])
        return CommandReport(command: "resolve", diagnostics: collector.diagnostics, result: result, summaryLines: lines)
    }

    /// The bundle names: the keys of workers.json when it exists, else what the settings and backends
    /// would put there.
    private func workerNames(
        _ inputs: DeploymentInputs, settings: ResolvedSettings, workersJSON: String?, lines: inout [String],
        diagnostics collector: DiagnosticCollector
    ) -> [String] {
        let path = workersJSON.map { PathComponents.absolute($0, relativeTo: inputs.settings.workingDirectory) }
            ?? Deployment(settings: settings, workingDirectory: inputs.settings.workingDirectory).workersJSONPath
        if let path, workersJSON != nil || fileSystem.fileExists(path) {
            do {
                let config = try WorkerConfigReader(fileSystem: fileSystem).read(path: path, diagnostics: collector)
                lines.append("Workers from \(path): " + config.entries.map(\.name).joined(separator: ", "))
                return config.entries.map(\.name)
            } catch {
                collector.absorb(error)
                return []
            }
        }
        let planning = DiagnosticCollector()
        let outcome = WorkersPipeline(fileSystem: fileSystem).plan(
            inputs, options: WorkerConfigOptions(allowEmpty: true), example: nil, diagnostics: planning)
        let names = outcome.plan?.config.entries.map(\.name) ?? []
        lines.append("No workers.json yet; workers the settings configure: " + (names.isEmpty ? "none" : names.joined(separator: ", ")))
        collector.emit(contentsOf: planning.diagnostics.filter { $0.severity == .error })
        return names
    }
}
