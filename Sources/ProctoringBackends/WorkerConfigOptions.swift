import Foundation

/// How `WorkerConfigPlanner` decides where and whether to write.
public struct WorkerConfigOptions: Sendable {
    /// Where to write workers.json; nil means `$ENV_ROOT/workers.json`, where edx_proctoring writes it.
    public var outputPath: String?
    /// Succeed (writing nothing) when no configured backend has a worker.
    public var allowEmpty: Bool
    /// Relative NODE_MODULES_ROOT / output paths are read against this folder (Django's working directory);
    /// the entries of workers.json keep them relative, as upstream does.
    public var workingDirectory: String
    /// The site-packages folders the backends were discovered in, and how they were chosen (for messages
    /// about a configured backend that is not installed).
    public var searchedSitePackages: (folders: [String], origin: String)?
    /// `--js-from-python`: take each worker's npm module (and @edx/edx-proctoring) from a file of an installed
    /// Python distribution (`DistributionModuleMapper`) instead of NODE_MODULES_ROOT; nil reads node_modules.
    public var javaScriptFromPython: JavaScriptFromPythonRequest?

    public init(
        outputPath: String? = nil, allowEmpty: Bool = false,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.outputPath = outputPath
        self.allowEmpty = allowEmpty
        self.workingDirectory = workingDirectory
    }
}

/// What `WorkerConfigWriter` will write, decided and checked by `WorkerConfigPlanner`.
public struct WorkerConfigPlan: Sendable, Hashable {
    public var config: WorkerConfig
    /// As the settings name it (`$ENV_ROOT/workers.json`), not made absolute.
    public var outputPath: String
    /// `outputPath` made absolute against the working directory, where the writer writes.
    public var absoluteOutputPath: String
    /// `json.dumps(config).encode('utf-8')`.
    public var pythonJSONBytes: [UInt8]
    /// With `--js-from-python`: the distribution files the workers are bundled from.
    public var javaScriptModules: JavaScriptModuleMap?

    public init(config: WorkerConfig, outputPath: String, absoluteOutputPath: String, javaScriptModules: JavaScriptModuleMap? = nil) {
        self.config = config
        self.outputPath = outputPath
        self.absoluteOutputPath = absoluteOutputPath
        self.pythonJSONBytes = config.pythonJSONBytes
        self.javaScriptModules = javaScriptModules
    }

    /// False when no backend has a worker (allowed with `allowEmpty`): nothing is written, as upstream.
    public var writesFile: Bool { !config.isEmpty }
}
