import ArgumentParser
import BundleManifest
import Diagnostics
import ProctoringAssets
import ProctoringBackends


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

    @Flag(name: .customLong("js-from-python"), help: "Take each worker's npm module and @edx/edx-proctoring from files of the Python distributions installed in --site-packages (no npm, no node_modules); babel-polyfill only if a node_modules holds it. The mapping is printed.")
    var jsFromPython = false

    @Option(name: .customLong("js-module-file"), help: ArgumentHelp("With --js-from-python: the file that stands for an npm module, relative to a --site-packages folder (as RECORD lists it) or absolute, for a provider whose layout differs (repeatable).", valueName: "module=path"))
    var jsModuleFiles: [String] = []

    @Option(help: ArgumentHelp("Reuse the bundles of an earlier build from this folder when no input changed (every file the bundler read or looked for, the settings' decisions, JS_ENV_EXTRA_CONFIG, NODE_ENV, the options, the tool version), and store them there otherwise. Safe to share between builds; keeps the \(BuildOptions.cacheMaximumEntries) most recently used entries.", valueName: "dir"))
    var cache: String?

    /// Checked when the command runs, after ArgumentParser has reported unknown options (a check in
    /// `validate()` would hide a mistyped flag behind a message about the flags it did recognise).
    func validateCombination() throws {
        if case .failure(let error) = StatsFormatOption.parse(statsFormat) {
            throw ValidationError(error.diagnostics.map { "\($0.code.identifier): \($0.message)" }.joined(separator: "; "))
        }
        if !jsModuleFiles.isEmpty && !jsFromPython {
            throw ValidationError("--js-module-file goes with --js-from-python")
        }
        if jsFromPython && bundler != .native {
            throw ValidationError("\(DiagnosticCode.jsFromPythonBundlerUnsupported.identifier): --js-from-python works with the native bundler only (drop --bundler \(bundler.rawValue))")
        }
        for value in jsModuleFiles {
            do {
                _ = try JavaScriptModuleFileOverride.parse(value)
            } catch {
                let diagnostic = error.diagnostics.first
                throw ValidationError("\(diagnostic?.code.identifier ?? ""): \(diagnostic?.message ?? "") (\(diagnostic?.fix ?? ""))")
            }
        }
    }

    /// The build options of these flags (assembled here only).
    func buildOptions(workers: WorkerConfigOptions) -> BuildOptions {
        var workers = workers
        if jsFromPython {
            workers.javaScriptFromPython = JavaScriptFromPythonRequest(
                overrides: jsModuleFiles.compactMap { try? JavaScriptModuleFileOverride.parse($0) })
        }
        return BuildOptions(
            workers: workers, statsFormat: statsFormatOption, minify: minify, sourceMap: sourceMap, dryRun: dryRun,
            bundler: bundler, deployTimeConfig: deployTimeConfig, cacheDirectory: cache)
    }

    var statsFormatOption: StatsFormatOption {
        (try? StatsFormatOption.parse(statsFormat).get()) ?? .auto
    }
}
