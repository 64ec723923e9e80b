import BundleManifest
import Bundler
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// `bundle --workers-json FILE --output-dir DIR`: the worker bundles of a workers.json into one folder,
/// without any Django settings (for CI jobs and benchmarks). The stats file is written too when a format
/// is given or can be read from --site-packages.
public struct StandaloneBundleRun: Sendable {
    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func run(
        workersJSON: String, outputDirectory: String, contextDirectory: String?, sitePackages: [String],
        environment: [String: String], workingDirectory: String, options: BuildOptions
    ) async -> CommandReport {
        let collector = DiagnosticCollector()
        var progress = BuildProgress(command: "bundle")
        let workersPath = PathComponents.absolute(workersJSON, relativeTo: workingDirectory)
        let output = PathComponents.absolute(outputDirectory, relativeTo: workingDirectory)
        let config: WorkerConfig
        do {
            config = try WorkerConfigReader(fileSystem: fileSystem).read(path: workersPath, diagnostics: collector)
        } catch {
            collector.absorb(error)
            return progress.report(collector, stoppedAt: "workers.json")
        }
        progress.stage("workers.json", "\(config.entries.count) worker(s) in \(workersPath)")
        let context = contextDirectory.map { PathComponents.absolute($0, relativeTo: workingDirectory) }
            ?? Self.defaultContext(workersJSON: workersPath, fileSystem: fileSystem)
        guard let built = await WorkerBundling(fileSystem: fileSystem).build(
            config, workersJSONPath: workersPath, contextDirectory: context, environment: environment, options: options,
            diagnostics: collector)
        else { return progress.report(collector, stoppedAt: "bundles") }
        progress.stage("bundles", built.summary)

        var staged = StagedOutput()
        for bundle in built.bundles {
            staged.add(PathComponents.join(output, bundle.fileName), bytes: bundle.bytes)
            if let map = bundle.sourceMap { staged.add(PathComponents.join(output, bundle.fileName + ".map"), bytes: map) }
        }
        let loader = LoaderVersionDetector(fileSystem: fileSystem).detect(in: sitePackages, diagnostics: collector)
        if case .auto = options.statsFormat, loader == nil {
            collector.emit(Diagnostic(
                .statsFileSkipped, "no stats file written: no django-webpack-loader found to choose its format",
                at: .flag("--stats-format"), fix: "pass --stats-format 0.4 or 1, or --site-packages of the LMS"))
        } else {
            switch StatsFormatResolver.resolve(option: options.statsFormat, installedLoader: loader?.version)
                .flatMap({ format in
                    WorkerStatsWriter.render(
                        WorkerStatsDescription(
                            bundles: built.bundles.map { StatsBundle(name: $0.entryName, files: [$0.fileName]) },
                            outputDirectory: output),
                        format: format)
                })
            {
            case .success(let text): staged.add(PathComponents.join(output, "webpack-worker-stats.json"), text: text)
            case .failure(let error):
                collector.absorb(error)
                return progress.report(collector, stoppedAt: "stats file")
            }
        }
        guard staged.commit(dryRun: options.dryRun, progress: &progress, diagnostics: collector) else {
            return progress.report(collector, stoppedAt: "writing")
        }
        var report = progress.report(collector, stoppedAt: nil)
        report.result = staged.writtenFilesJSON(written: !options.dryRun)
        return report
    }

    /// webpack's context is edx-platform's root, which sits next to workers.json (in ENV_ROOT).
    static func defaultContext(workersJSON: String, fileSystem: any FileSystem) -> String {
        let envRoot = PathComponents.dirname(workersJSON)
        let platform = PathComponents.join(envRoot, "edx-platform")
        return fileSystem.directoryExists(platform) ? platform : envRoot
    }
}
