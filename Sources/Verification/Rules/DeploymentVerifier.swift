import BundleManifest
import Diagnostics
import FileSystemSupport
import ProctoringBackends

/// Runs every `verify` rule over an opened input: workers.json, the stats file and its format, every
/// worker's chunk files, their scripts, source maps and integrity, and the URL the LMS will serve.
/// Findings go to the collector; the outcome lists what was looked at, for the command's result.
public struct DeploymentVerifier: Sendable {
    public let input: VerificationInput
    public let options: VerifyRuleOptions

    public init(input: VerificationInput, options: VerifyRuleOptions = VerifyRuleOptions()) {
        self.input = input
        self.options = options
    }

    public func run(diagnostics: DiagnosticCollector) -> VerifyOutcome {
        let locator = VerifyLocator(input: input)
        let layout = input.layout
        var outcome = VerifyOutcome(
            layout: layout, workersConfig: nil, statsFile: nil, statsFormat: nil, loader: nil,
            loaderVersion: layout.webpackLoader?.version, bundles: [])

        let workers = WorkersConfigRule(input: input, options: options, locator: locator).check(diagnostics: diagnostics)
        outcome.workersConfig = workers.file

        let stats = StatsFileRule(input: input, locator: locator).check(diagnostics: diagnostics)
        outcome.statsFile = stats.file
        outcome.statsFormat = stats.stats?.format
        outcome.loader = stats.loader
        guard let statsPath = layout.statsFile, let workerStats = stats.stats, workerStats.isDone else {
            return outcome
        }

        var names = workers.config?.entries.map(\.name) ?? workerStats.bundles.map(\.name)
        var seenNames = Set<String>()
        names = names.filter { seenNames.insert($0).inserted }
        if let config = workers.config {
            for bundle in workerStats.bundles where !config.entries.contains(where: { $0.name == bundle.name }) {
                diagnostics.emit(
                    Diagnostic(
                        .chunkNotInWorkersConfig,
                        "the stats file has a chunk '\(bundle.name)' that workers.json does not list",
                        at: locator.location(of: statsPath),
                        fix: "rebuild the workers from the current workers.json (`proctoring-assets build`)"))
            }
        }
        if names.isEmpty {
            diagnostics.emit(
                Diagnostic(
                    .noWorkerBundles, "the stats file lists no worker and there is no workers.json entry",
                    at: locator.location(of: statsPath),
                    fix: "configure the JS proctoring backend, generate workers.json and rebuild the workers"))
            return outcome
        }

        let chunkRule = ChunkFilesRule(input: input, locator: locator)
        let urlRule = WorkerURLRule(input: input, options: options, locator: locator)
        for name in names {
            guard let chunk = workerStats.bundle(named: name) else {
                diagnostics.emit(
                    Diagnostic(
                        .workerEntryWithoutChunk,
                        "workers.json lists '\(name)', but the stats file has no chunk for it",
                        at: workers.file.map { file in
                            let lines = WorkersConfigLines(bytes: (try? input.fileSystem.readFile(file.path)) ?? [])
                            return locator.location(of: file.path, line: lines.line(ofKey: name), column: lines.column(ofKey: name))
                        } ?? locator.location(of: statsPath),
                        fix: "rebuild the workers after writing workers.json, and copy the new stats file and bundles "
                            + "into the image",
                        notes: [
                            "django-webpack-loader raises WebpackBundleLookupError; edx_proctoring only warns and serves "
                                + "LMS_ROOT_URL as the worker URL"
                        ]))
                let fallback = EdxProctoringWorkerURL.lookupFailureValue(lmsRootURL: options.lmsRootURL)
                outcome.bundles.append(
                    VerifiedBundle(
                        name: name, files: [], script: nil, scriptContents: nil, scriptIsSound: false,
                        url: fallback.isEmpty ? nil : fallback, urlIsFallback: true))
                continue
            }
            var bundle = chunkRule.check(chunk: chunk, statsPath: statsPath, diagnostics: diagnostics)
            if let loader = stats.loader {
                let served = urlRule.resolve(
                    bundleName: name, loader: loader, statsPath: statsPath, statsFileCodes: stats.codes,
                    diagnostics: diagnostics)
                bundle.url = served.url
                bundle.urlIsFallback = served.isFallback
            }
            outcome.bundles.append(bundle)
        }
        return outcome
    }
}
