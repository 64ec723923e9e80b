import BundleManifest
import Bundler
import ProctoringBackends

/// How `build` and `bundle` produce the worker bundles.
public struct BuildOptions: Sendable {
    public var workers: WorkerConfigOptions
    /// `--stats-format 0.4|1|auto`.
    public var statsFormat: StatsFormatOption
    /// `--minify/--no-minify`; nil follows the mode (production minifies), as webpack does.
    public var minify: Bool?
    public var sourceMap: Bool
    /// Check everything and write nothing.
    public var dryRun: Bool
    public var bundler: BundlerChoice
    /// `--deploy-time-config`: bundles whose JS_ENV_EXTRA_CONFIG values `configure` can replace later.
    public var deployTimeConfig: Bool
    /// With `--js-from-python` (`workers.javaScriptFromPython`), the distribution files the workers are built
    /// from, set by the pipeline once mapped; nil bundles from node_modules.
    public var javaScriptModules: JavaScriptModuleMap?
    /// `--cache DIR`: reuse the bundles of an earlier build with the same inputs (relative to
    /// `workers.workingDirectory`); nil: no cache.
    public var cacheDirectory: String?
    /// How many entries the `--cache` folder keeps (the most recently used).
    public static let cacheMaximumEntries = 16

    public init(
        workers: WorkerConfigOptions, statsFormat: StatsFormatOption = .auto, minify: Bool? = nil,
        sourceMap: Bool = false, dryRun: Bool = false, bundler: BundlerChoice = .native, deployTimeConfig: Bool = false,
        cacheDirectory: String? = nil
    ) {
        self.deployTimeConfig = deployTimeConfig
        self.cacheDirectory = cacheDirectory
        self.bundler = bundler
        self.workers = workers
        self.statsFormat = statsFormat
        self.minify = minify
        self.sourceMap = sourceMap
        self.dryRun = dryRun
    }
}
