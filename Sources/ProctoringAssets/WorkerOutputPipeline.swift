import BundleManifest
import Bundler
import DeploymentSettings
import Diagnostics
import FileSystemSupport
import ProctoringBackends

/// bundles -> stats file -> stage -> commit: the one place the worker outputs are produced, for `build`,
/// `bundle` (into the deployment or into a folder) and every later caller. Everything is staged first and
/// committed only when every stage passed, so the files appear together or not at all.
struct WorkerOutputPipeline {
    let fileSystem: any FileSystem

    /// Where the outputs go.
    enum Destination {
        /// As the deployment's asset build and collectstatic would put them: each bundle in webpack's output
        /// folder and in STATIC_ROOT/BUNDLE_DIR_NAME, the stats file at STATS_FILE, hashed copies when
        /// STATIC_ROOT holds staticfiles.json.
        case deployment(Deployment, staticRoot: String, webpackOutputDirectory: String, statsFile: String)
        /// `bundle --output-dir`: the bundles and (when its format is known) the stats file in one folder.
        case folder(String)
    }

    /// What a successful run produced.
    struct Outcome {
        var bundles: [BuiltWorker]
        var mode: ResolverOptions.Mode
        /// Nil when no stats file was written (a folder output with no known format).
        var statsFormat: StatsFormat?
        /// The django-webpack-loader found in site-packages.
        var installedLoader: DjangoWebpackLoaderVersion?
        var staged: StagedOutput
        /// The SHA-384 value of each staged file (`StagedOutput.integrities()`).
        var integrities: [String]
        /// What `--cache` did; nil without it.
        var cache: BuildCacheReport?
    }

    /// Runs the stages; nil when any failed (the reasons are in `diagnostics`, nothing was written).
    /// `workersFile` is workers.json to write with the outputs (`build`), staged first.
    func run(
        _ config: WorkerConfig, workersJSONPath: String, contextDirectory: String, destination: Destination,
        defines: BuildDefines, sitePackages: [String], options: BuildOptions, workersFile: WorkerConfigPlan?,
        progress: inout BuildProgress, diagnostics collector: DiagnosticCollector
    ) async -> Outcome? {
        guard let (built, cache) = await CachedWorkerBundling(fileSystem: fileSystem).build(
            config, workersJSONPath: workersJSONPath, contextDirectory: contextDirectory, defines: defines, options: options,
            diagnostics: collector)
        else {
            progress.stop(at: "bundles")
            return nil
        }
        progress.stage("bundles", built.summary + (cache.map { " — \($0.summary)" } ?? ""))

        var staged = StagedOutput()
        if let workersFile { staged.add(workersFile.absoluteOutputPath, bytes: workersFile.pythonJSONBytes, mode: 0o664) }
        let bundleDirectories: [String]
        let statsPath: String
        let statsOutputDirectory: String
        switch destination {
        case .deployment(let deployment, _, let webpackOutputDirectory, let statsFile):
            bundleDirectories = [webpackOutputDirectory, deployment.collectedBundlesDirectory].compactMap { $0 }
            statsPath = statsFile
            statsOutputDirectory = webpackOutputDirectory
        case .folder(let folder):
            bundleDirectories = [folder]
            statsPath = PathComponents.join(folder, EdxPlatformConventions.statsFileName)
            statsOutputDirectory = folder
        }
        for bundle in built.bundles {
            for directory in bundleDirectories {
                staged.add(PathComponents.join(directory, bundle.fileName), bytes: bundle.bytes)
                if let map = bundle.sourceMap { staged.add(PathComponents.join(directory, bundle.fileName + ".map"), bytes: map) }
            }
        }

        let installed = LoaderVersionDetector(fileSystem: fileSystem).detect(in: sitePackages, diagnostics: collector)
        var format: StatsFormat?
        var statsText: String?
        if case .folder = destination, case .auto = options.statsFormat, installed == nil {
            collector.emit(Diagnostic(
                .statsFileSkipped, "no stats file written: no django-webpack-loader found to choose its format",
                at: .flag("--stats-format"), fix: "pass --stats-format 0.4 or 1, or --site-packages of the LMS"))
        } else {
            switch StatsFormatResolver.resolve(option: options.statsFormat, installedLoader: installed?.version) {
            case .success(let resolved): format = resolved
            case .failure(let error):
                collector.absorb(error)
                progress.stop(at: "stats file")
                return nil
            }
        }
        if let format {
            if installed == nil {
                collector.emit(Diagnostic(
                    .statsFormatNotCompared,
                    "no django-webpack-loader found: the stats file is written in the \(format) as --stats-format \(format.optionValue) says, and read back as a loader that reads it",
                    at: .flag("--stats-format"), fix: "pass --site-packages of the LMS to check the format against its loader"))
            }
            let description = WorkerStatsDescription(
                bundles: built.bundles.map { StatsBundle(name: $0.entryName, files: [$0.fileName]) },
                outputDirectory: statsOutputDirectory)
            switch WorkerStatsWriter.render(description, format: format) {
            case .success(let text): statsText = text
            case .failure(let error):
                collector.absorb(error)
                progress.stop(at: "stats file")
                return nil
            }
            let loaderName = installed.map { ", for django-webpack-loader \($0.version)" } ?? ""
            progress.stage("stats file", "\(statsPath) (\(format)\(loaderName))")
        }

        if case .deployment(let deployment, let staticRoot, _, _) = destination,
            let hashed = hashedCopies(built.bundles, deployment: deployment, staticRoot: staticRoot, diagnostics: collector)
        {
            for file in hashed { staged.add(file.path, bytes: file.bytes) }
        }
        // The stats file goes in last: the LMS reads it first, and it must never name a bundle not in place.
        if let statsText { staged.add(statsPath, text: statsText) }
        if collector.hasErrors {
            progress.stop(at: "staging")
            return nil
        }
        // The report's hashes are computed on another processor while the commit writes and syncs the files;
        // the bundles' values come with a cache hit (the entry stored them).
        let known = cache?.knownIntegrities ?? []
        let hashing = BackgroundResult { [staged] in staged.integrities(known: known) }
        guard staged.commit(dryRun: options.dryRun, integrities: hashing.value, progress: &progress, diagnostics: collector) else {
            progress.stop(at: "writing")
            return nil
        }
        return Outcome(bundles: built.bundles, mode: built.mode, statsFormat: format, installedLoader: installed?.version, staged: staged,
            integrities: hashing.value, cache: cache)
    }

    /// When STATIC_ROOT holds Django's staticfiles.json (hashed storage, as Open edX production uses), the
    /// hashed copies and the updated manifest, as collectstatic would write them.
    private func hashedCopies(
        _ bundles: [BuiltWorker], deployment: Deployment, staticRoot: String, diagnostics: DiagnosticCollector
    ) -> [(path: String, bytes: [UInt8])]? {
        let manifestPath = PathComponents.join(staticRoot, StaticFilesManifest.fileName)
        guard fileSystem.fileExists(manifestPath) else { return nil }
        var files: [(path: String, bytes: [UInt8])] = []
        var manifest: StaticFilesManifest?
        for bundle in bundles {
            let name = PathComponents.normalize(PathComponents.join(deployment.workersLoader.bundleDirectoryName.value, bundle.fileName))
            let hashedName: String
            if var loaded = manifest {
                hashedName = StaticFilesManifest.hashedName(of: name, content: bundle.bytes)
                loaded.record(name, hashedName: hashedName)
                manifest = loaded
            } else {
                switch StaticFilesCollector(fileSystem: fileSystem).updatedManifest(
                    staticRoot: staticRoot, name: name, content: bundle.bytes, diagnostics: diagnostics)
                {
                case .failure(let error):
                    diagnostics.absorb(error)
                    return nil
                case .success(let updated):
                    manifest = updated.manifest
                    hashedName = updated.hashedName
                }
            }
            files.append((PathComponents.join(staticRoot, hashedName), bundle.bytes))
        }
        if let manifest { files.append((manifestPath, Array(manifest.rendered().utf8))) }
        return files
    }
}
