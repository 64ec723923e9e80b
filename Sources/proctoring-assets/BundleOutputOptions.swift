import ArgumentParser
import BundleManifest
import Diagnostics
import ProctoringAssets
import ProctoringBackends

extension BundlerChoice: ExpressibleByArgument {}

/// How bundles and the stats file are produced (shared by `build` and `bundle`).
struct BundleOutputOptions: ParsableArguments {
    @Option(name: .customLong("stats-format"), help: ArgumentHelp("webpack-worker-stats.json format: 0.4 (django-webpack-loader 0.x: Redwood to Teak), 1 (loader 1.0 and later) or auto (read the installed loader from --site-packages).", valueName: "0.4|1|auto"))
    var statsFormat = "auto"

    @Flag(inversion: .prefixedNo, help: "Minify the bundles. Default: as webpack, minified unless NODE_ENV=development.")
    var minify: Bool?

    @Flag(name: .customLong("source-map"), help: "Also write <name>.js.map next to each bundle.")
    var sourceMap = false

    @Flag(name: .customLong("dry-run"), help: "Run every stage and check, but write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Which bundler builds the workers: native (ours, in-process, no node needed), webpack (with a config equivalent to edx-platform's worker config; PROCTORING_ASSETS_WEBPACK or webpack on PATH) or esbuild (PROCTORING_ASSETS_ESBUILD or esbuild on PATH).", valueName: "native|webpack|esbuild"))
    var bundler: BundlerChoice = .native

    @Flag(name: .customLong("deploy-time-config"), help: "Write bundles whose JS_ENV_EXTRA_CONFIG values live in one config object that `configure` replaces at deploy time (the build's values stay until then).")
    var deployTimeConfig = false

    /// Checked when the command runs, after ArgumentParser has reported unknown options (a check in
    /// `validate()` would hide a mistyped flag behind a message about the flags it did recognise).
    func validateCombination() throws {
        if case .failure(let error) = StatsFormatOption.parse(statsFormat) {
            throw ValidationError(error.diagnostics.map { "\($0.code.identifier): \($0.message)" }.joined(separator: "; "))
        }
    }

    /// The build options of these flags (assembled here only).
    func buildOptions(workers: WorkerConfigOptions) -> BuildOptions {
        BuildOptions(
            workers: workers, statsFormat: statsFormatOption, minify: minify, sourceMap: sourceMap, dryRun: dryRun,
            bundler: bundler, deployTimeConfig: deployTimeConfig)
    }

    var statsFormatOption: StatsFormatOption {
        (try? StatsFormatOption.parse(statsFormat).get()) ?? .auto
    }
}
