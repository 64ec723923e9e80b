import BundleManifest
import Bundler
import DeploymentSettings
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// The `build` and `bundle` commands: settings -> workers.json -> bundles -> stats file -> quick check. The
/// outputs themselves come from the one `WorkerOutputPipeline`; this adds reading the deployment, the
/// summary and the check of the URL the LMS will serve.
public struct BuildPipeline: Sendable {
    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Where the worker entries come from.
    public enum WorkersSource: Sendable {
        /// Computed from settings and backends, and written with the bundles (`build`).
        case planned
        /// An existing workers.json, read and left as it is (`bundle`, the worker half of `npm run webpack`).
        case existing(path: String?)
    }

    public func run(
        _ inputs: DeploymentInputs, options: BuildOptions, example: ExampleDeployment? = nil,
        workersSource: WorkersSource = .planned
    ) async -> CommandReport {
        let collector = DiagnosticCollector()
        var progress = BuildProgress(command: workersSource.isPlanned ? "build" : "bundle")

        let settings: ResolvedSettings
        let plan: WorkerConfigPlan
        switch workersSource {
        case .planned:
            let outcome = WorkersPipeline(fileSystem: fileSystem).plan(
                inputs, options: options.workers, example: example, diagnostics: collector)
            progress.lines.append(contentsOf: outcome.summaryLines)
            guard let planned = outcome.plan, let read = outcome.settings, !collector.hasErrors else {
                return progress.report(collector, stoppedAt: "workers.json")
            }
            settings = read
            plan = planned
        case .existing(let path):
            guard let (read, existing) = readExisting(inputs, path: path, example: example, progress: &progress, diagnostics: collector) else {
                return progress.report(collector, stoppedAt: "workers.json")
            }
            settings = read
            plan = existing
        }
        progress.lines.append(BuildEnvironmentSummary.line(inputs.buildEnvironment))
        progress.stage("workers.json", plan.writesFile ? "\(plan.config.entries.count) worker(s) in \(plan.absoluteOutputPath)" : "no worker to build")
        guard plan.writesFile else { return progress.report(collector) }

        let deployment = Deployment(settings: settings, workingDirectory: inputs.settings.workingDirectory)
        let defines: BuildDefines
        let staticRoot: String
        do {
            staticRoot = try deployment.requireStaticRoot()
            defines = try BuildDefines.parse(inputs.buildEnvironment).get()
        } catch {
            collector.absorb(error)
            return progress.report(collector, stoppedAt: "paths")
        }
        let platformRoot = deployment.platformRoot?.value ?? inputs.settings.workingDirectory
        let webpackOutputDirectory = deployment.webpackOutputDirectory
            ?? PathComponents.join(platformRoot, EdxPlatformConventions.webpackBundlesSubpath)
        let statsFile = deployment.workersLoader.statsFile?.value ?? PathComponents.join(staticRoot, EdxPlatformConventions.statsFileName)
        var options = options
        var pythonModules: PythonDistributionModules?
        if let request = options.workers.javaScriptFromPython {
            let sitePackages = inputs.sitePackages ?? PythonSitePackagesLocator(environment: inputs.settings.environment).locate() ?? []
            guard let map = workersSource.isPlanned ? plan.javaScriptModules : PythonDistributionModules.mapping(
                plan.config, sitePackages: sitePackages, request: request, workingDirectory: inputs.settings.workingDirectory,
                fileSystem: fileSystem, diagnostics: collector)
            else { return progress.report(collector, stoppedAt: "JavaScript modules") }
            options.javaScriptModules = map
            pythonModules = PythonDistributionModules(fileSystem: fileSystem, modules: map, contextDirectory: platformRoot, mode: defines.mode)
            progress.lines.append(contentsOf: pythonModules?.summaryLines ?? [])
        }
        guard let outcome = await WorkerOutputPipeline(fileSystem: fileSystem).run(
            plan.config, workersJSONPath: plan.absoluteOutputPath, contextDirectory: platformRoot,
            destination: .deployment(deployment, staticRoot: staticRoot, webpackOutputDirectory: webpackOutputDirectory, statsFile: statsFile),
            defines: defines, sitePackages: inputs.sitePackages ?? [], options: options,
            workersFile: workersSource.isPlanned ? plan : nil, progress: &progress, diagnostics: collector)
        else { return progress.report(collector) }

        var urls: [JSONMember] = []
        if !options.dryRun {
            for bundle in outcome.bundles {
                let check = WorkerURLCheck.check(
                    bundleName: bundle.entryName, deployment: deployment, loader: outcome.installedLoader, readingFormat: outcome.statsFormat,
                    fileSystem: fileSystem,
                    diagnostics: collector)
                progress.lines.append(contentsOf: check.text)
                urls.append(JSONMember(bundle.entryName, check.json))
            }
            progress.stage("check", collector.hasErrors ? "problems found" : "the LMS will serve every worker")
        }

        var result = outcome.staged.writtenFilesJSON(written: !options.dryRun, integrities: outcome.integrities).objectMembers ?? []
        result.insert(contentsOf: [
            JSONMember("exampleRoot", example.map { .string($0.root) } ?? .null),
            JSONMember("mode", .string(outcome.mode.rawValue)),
            JSONMember("statsFormat", outcome.statsFormat.map { .string($0.optionValue) } ?? .null),
            JSONMember("buildEnvironment", BuildEnvironmentSummary.json(inputs.buildEnvironment)),
        ], at: 0)
        if let pythonModules { result.insert(JSONMember("javaScriptModules", pythonModules.json), at: 4) }
        result.append(JSONMember("urls", .object(urls)))
        if let cache = outcome.cache { result.append(JSONMember("cache", cache.json)) }
        var report = progress.report(collector)
        report.result = .object(result)
        return report
    }

    /// `bundle --workers-json FILE --output-dir DIR`: the worker bundles of a workers.json into one folder,
    /// without any Django settings (for CI jobs and benchmarks). The stats file is written too when a format
    /// is given or can be read from --site-packages.
    public func runIntoFolder(
        workersJSON: String, outputDirectory: String, contextDirectory: String?, sitePackages: [String],
        buildEnvironment: BuildEnvironment, workingDirectory: String, options: BuildOptions
    ) async -> CommandReport {
        let collector = DiagnosticCollector()
        var progress = BuildProgress(command: "bundle")
        let workersPath = PathComponents.absolute(workersJSON, relativeTo: workingDirectory)
        let output = PathComponents.absolute(outputDirectory, relativeTo: workingDirectory)
        let config: WorkerConfig
        let defines: BuildDefines
        do {
            config = try WorkerConfigReader(fileSystem: fileSystem).read(path: workersPath, diagnostics: collector)
            defines = try BuildDefines.parse(buildEnvironment).get()
        } catch {
            collector.absorb(error)
            return progress.report(collector, stoppedAt: "workers.json")
        }
        progress.lines.append(BuildEnvironmentSummary.line(buildEnvironment))
        progress.stage("workers.json", "\(config.entries.count) worker(s) in \(workersPath)")
        let context = contextDirectory.map { PathComponents.absolute($0, relativeTo: workingDirectory) }
            ?? Self.defaultContext(workersJSON: workersPath, fileSystem: fileSystem)
        var options = options
        var pythonModules: PythonDistributionModules?
        if let request = options.workers.javaScriptFromPython {
            guard let map = PythonDistributionModules.mapping(
                config, sitePackages: sitePackages, request: request, workingDirectory: workingDirectory, fileSystem: fileSystem,
                diagnostics: collector)
            else { return progress.report(collector, stoppedAt: "JavaScript modules") }
            options.javaScriptModules = map
            pythonModules = PythonDistributionModules(fileSystem: fileSystem, modules: map, contextDirectory: context, mode: defines.mode)
            progress.lines.append(contentsOf: pythonModules?.summaryLines ?? [])
        }
        guard let outcome = await WorkerOutputPipeline(fileSystem: fileSystem).run(
            config, workersJSONPath: workersPath, contextDirectory: context, destination: .folder(output), defines: defines,
            sitePackages: sitePackages, options: options, workersFile: nil, progress: &progress, diagnostics: collector)
        else { return progress.report(collector) }
        var report = progress.report(collector)
        var result = outcome.staged.writtenFilesJSON(written: !options.dryRun, integrities: outcome.integrities).objectMembers ?? []
        if let pythonModules { result.append(JSONMember("javaScriptModules", pythonModules.json)) }
        if let cache = outcome.cache { result.append(JSONMember("cache", cache.json)) }
        report.result = .object(result)
        return report
    }

    /// webpack's context is edx-platform's root, which sits next to workers.json (in ENV_ROOT).
    static func defaultContext(workersJSON: String, fileSystem: any FileSystem) -> String {
        let envRoot = PathComponents.dirname(workersJSON)
        let platform = PathComponents.join(envRoot, EdxPlatformConventions.platformFolderName)
        return fileSystem.directoryExists(platform) ? platform : envRoot
    }

    /// Settings (for the paths) and an existing workers.json as a plan that is not written again.
    private func readExisting(
        _ inputs: DeploymentInputs, path: String?, example: ExampleDeployment?, progress: inout BuildProgress,
        diagnostics collector: DiagnosticCollector
    ) -> (ResolvedSettings, WorkerConfigPlan)? {
        if let example { progress.lines.append("Example deployment copied to \(example.root)") }
        let settings: ResolvedSettings
        do {
            settings = try SettingsLoader(fileSystem: fileSystem).load(inputs.settings, diagnostics: collector)
        } catch {
            collector.absorb(error)
            return nil
        }
        let location: String
        if let path {
            location = PathComponents.absolute(path, relativeTo: inputs.settings.workingDirectory)
        } else if let workersJSON = Deployment(settings: settings, workingDirectory: inputs.settings.workingDirectory).workersJSONPath {
            location = workersJSON
        } else {
            collector.emit(Diagnostic(
                .envRootUnset, "ENV_ROOT is not set, so there is no workers.json to read",
                at: settings.filesRead.first.map { .file($0) },
                fix: "pass --workers-json PATH, or --env-root, or settings that set ENV_ROOT"))
            return nil
        }
        do {
            let config = try WorkerConfigReader(fileSystem: fileSystem).read(path: location, diagnostics: collector)
            return (settings, WorkerConfigPlan(config: config, outputPath: location, absoluteOutputPath: location))
        } catch {
            collector.absorb(error)
            return nil
        }
    }
}

extension BuildPipeline.WorkersSource {
    var isPlanned: Bool {
        if case .planned = self { return true }
        return false
    }
}
