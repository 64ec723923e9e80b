import BundleManifest
import Bundler
import DeploymentSettings
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// The `build` command: settings -> workers.json -> bundles -> stats file -> quick check. The files
/// appear together or not at all: everything is staged first and committed only when every stage passed.
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
        progress.stage("workers.json", plan.writesFile ? "\(plan.config.entries.count) worker(s) in \(plan.absoluteOutputPath)" : "no worker to build")
        guard plan.writesFile else { return progress.report(collector, stoppedAt: nil) }

        let paths: DeploymentPaths
        do {
            paths = try DeploymentPaths.from(settings, workingDirectory: inputs.settings.workingDirectory)
        } catch {
            collector.absorb(error)
            return progress.report(collector, stoppedAt: "paths")
        }
        guard let built = await WorkerBundling(fileSystem: fileSystem).build(
            plan.config, workersJSONPath: plan.absoluteOutputPath, contextDirectory: paths.platformRoot,
            environment: inputs.settings.environment, options: options, diagnostics: collector)
        else { return progress.report(collector, stoppedAt: "bundles") }
        let bundles = built.bundles
        let mode = built.mode
        progress.stage("bundles", built.summary)

        let format: StatsFormat
        let loader = LoaderVersionDetector(fileSystem: fileSystem).detect(in: inputs.sitePackages ?? [], diagnostics: collector)
        switch StatsFormatResolver.resolve(option: options.statsFormat, installedLoader: loader?.version) {
        case .success(let resolved): format = resolved
        case .failure(let error):
            collector.absorb(error)
            return progress.report(collector, stoppedAt: "stats file")
        }
        let description = WorkerStatsDescription(
            bundles: bundles.map { StatsBundle(name: $0.entryName, files: [$0.fileName]) },
            outputDirectory: paths.webpackOutputDirectory)
        let statsText: String
        switch WorkerStatsWriter.render(description, format: format) {
        case .success(let text): statsText = text
        case .failure(let error):
            collector.absorb(error)
            return progress.report(collector, stoppedAt: "stats file")
        }
        progress.stage("stats file", "\(paths.statsFile) (\(format)\(loader.map { ", for django-webpack-loader \($0.version)" } ?? ""))")

        var staged = StagedOutput()
        if workersSource.isPlanned {
            staged.add(plan.absoluteOutputPath, bytes: plan.pythonJSONBytes, mode: 0o664)
        }
        for bundle in bundles {
            for directory in [paths.webpackOutputDirectory, paths.collectedBundlesDirectory] {
                staged.add(PathComponents.join(directory, bundle.fileName), bytes: bundle.bytes)
                if let map = bundle.sourceMap {
                    staged.add(PathComponents.join(directory, bundle.fileName + ".map"), bytes: map)
                }
            }
        }
        staged.add(paths.statsFile, text: statsText)
        if let hashed = hashedCopies(bundles, paths: paths, diagnostics: collector) {
            for file in hashed { staged.add(file.path, bytes: file.bytes) }
        }
        if collector.hasErrors { return progress.report(collector, stoppedAt: "staging") }

        guard staged.commit(dryRun: options.dryRun, progress: &progress, diagnostics: collector) else {
            return progress.report(collector, stoppedAt: "writing")
        }

        var urls: [JSONMember] = []
        if !options.dryRun {
            for bundle in bundles {
                let check = WorkerURLCheck.check(
                    bundleName: bundle.entryName, paths: paths, loader: loader?.version, fileSystem: fileSystem,
                    diagnostics: collector)
                progress.lines.append(contentsOf: check.text)
                urls.append(JSONMember(bundle.entryName, check.json))
            }
            progress.stage("check", collector.hasErrors ? "problems found" : "the LMS will serve every worker")
        }

        var result = staged.writtenFilesJSON(written: !options.dryRun).objectMembers ?? []
        result.insert(contentsOf: [
            JSONMember("exampleRoot", example.map { .string($0.root) } ?? .null),
            JSONMember("mode", .string(mode.rawValue)),
            JSONMember("statsFormat", .string(format == .tracker04 ? "0.4" : "1")),
        ], at: 0)
        result.append(JSONMember("urls", .object(urls)))
        var report = progress.report(collector, stoppedAt: nil)
        report.result = .object(result)
        return report
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
        } else if let envRoot = settings["ENV_ROOT"]?.value.stringValue {
            location = PathComponents.join(PathComponents.absolute(envRoot, relativeTo: inputs.settings.workingDirectory), "workers.json")
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


    /// When STATIC_ROOT holds Django's staticfiles.json (hashed storage, as Open edX production uses), the
    /// hashed copies and the updated manifest, as collectstatic would write them.
    private func hashedCopies(_ bundles: [BuiltWorker], paths: DeploymentPaths, diagnostics: DiagnosticCollector)
        -> [(path: String, bytes: [UInt8])]?
    {
        let manifestPath = PathComponents.join(paths.staticRoot, StaticFilesManifest.fileName)
        guard fileSystem.fileExists(manifestPath) else { return nil }
        var files: [(path: String, bytes: [UInt8])] = []
        var manifest: StaticFilesManifest?
        for bundle in bundles {
            let name = PathComponents.normalize(PathComponents.join(paths.bundleDirectoryName, bundle.fileName))
            let hashedName: String
            if var loaded = manifest {
                hashedName = StaticFilesManifest.hashedName(of: name, content: bundle.bytes)
                loaded.record(name, hashedName: hashedName)
                manifest = loaded
            } else {
                switch StaticFilesCollector(fileSystem: fileSystem).updatedManifest(
                    staticRoot: paths.staticRoot, name: name, content: bundle.bytes, diagnostics: diagnostics)
                {
                case .failure(let error):
                    diagnostics.absorb(error)
                    return nil
                case .success(let updated):
                    manifest = updated.manifest
                    hashedName = updated.hashedName
                }
            }
            files.append((PathComponents.join(paths.staticRoot, hashedName), bundle.bytes))
        }
        if let manifest { files.append((manifestPath, Array(manifest.rendered().utf8))) }
        return files
    }
}

extension BuildPipeline.WorkersSource {
    var isPlanned: Bool {
        if case .planned = self { return true }
        return false
    }
}
