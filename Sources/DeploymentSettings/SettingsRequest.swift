/// Everything the settings of a deployment are read from, in increasing priority:
/// the Python settings module (and what it imports), the YAML configuration layer, the environment,
/// and explicit flags.
public struct SettingsRequest: Sendable {
    /// A dotted module name (`lms.envs.production`, `mitol.assets`) resolved on `pythonPath`, or a file
    /// path with any extension (`settings/assets.not_py`). Nil: no settings module, only flags/env.
    public var settings: String?
    /// Folders imports resolve against, in order (like PYTHONPATH).
    public var pythonPath: [String]
    /// The LMS_CFG / Tutor YAML file that production settings load, when given.
    public var configYAML: String?
    /// The process environment the settings see (`os.environ`).
    public var environment: [String: String]
    /// Explicit values from flags; they win over everything else.
    public var overrides: SettingsOverrides
    /// Absolute directory relative paths are taken against.
    public var workingDirectory: String
    /// When true, a `from … import *` whose module is not on the python path, or a relative import
    /// with no parent package, is a note and its names are unknown, instead of an error. `doctor` uses
    /// this: it reads a settings file without the rest of the deployment's tree.
    public var toleratesMissingImports = false
    /// When false, an unset ENV_ROOT or NODE_MODULES_ROOT is not reported here (PA018/PA019) because the
    /// caller reports it itself, as an error of its own stage (the workers.json planner: PA046/PA047).
    public var reportsUnsetRoots = true
    /// Where `settings` and `configYAML` came from when not from flags (e.g. "settings module
    /// lms.envs.production from env DJANGO_SETTINGS_MODULE"), to print with the values.
    public var inputOrigins: [String] = []

    public init(
        settings: String? = nil,
        pythonPath: [String] = [],
        configYAML: String? = nil,
        environment: [String: String] = [:],
        overrides: SettingsOverrides = SettingsOverrides(),
        workingDirectory: String
    ) {
        self.settings = settings
        self.pythonPath = pythonPath
        self.configYAML = configYAML
        self.environment = environment
        self.overrides = overrides
        self.workingDirectory = workingDirectory
    }
}

/// Values given on the command line (`--env-root` …), which win over the settings files.
public struct SettingsOverrides: Sendable, Hashable {
    public var envRoot: String?
    public var nodeModulesRoot: String?
    public var staticRoot: String?
    public var lmsRootURL: String?

    public init(envRoot: String? = nil, nodeModulesRoot: String? = nil, staticRoot: String? = nil, lmsRootURL: String? = nil) {
        self.envRoot = envRoot
        self.nodeModulesRoot = nodeModulesRoot
        self.staticRoot = staticRoot
        self.lmsRootURL = lmsRootURL
    }
}
