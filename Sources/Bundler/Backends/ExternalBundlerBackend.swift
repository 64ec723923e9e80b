import Diagnostics

/// webpack's `mode`, chosen the way `npm run webpack` chooses it: webpack-cli copies `NODE_ENV` into
/// `mode` when it is exactly `development`, `production` or `none`; anything else (or unset) leaves
/// webpack 5's default, production.
public enum ExternalBundleMode: String, Sendable, Hashable, CaseIterable {
    case production
    case development
    case none

    public init(nodeEnvironment: String?) {
        self = nodeEnvironment.flatMap(ExternalBundleMode.init(rawValue:)) ?? .production
    }

    /// The value `process.env.NODE_ENV` is replaced with (webpack's `optimization.nodeEnv`); nil in
    /// mode `none`, where webpack leaves the expression alone.
    public var nodeEnvironmentDefine: String? {
        switch self {
        case .production: return "production"
        case .development: return "development"
        case .none: return nil
        }
    }
}

/// What an external bundler is asked to build: the workers.json entries, the JS_ENV_EXTRA_CONFIG
/// define set, a mode and the bundles directory.
public struct ExternalBundleRequest: Sendable {
    public var entries: [EntryPoint]
    /// `JS_ENV_EXTRA_CONFIG`, parsed once by the caller (the back ends never parse or check it again).
    /// Unset means no `process.env.JS_ENV_EXTRA_CONFIG` define is made at all (upstream's worker config
    /// would throw inside its try/catch and build nothing).
    public var defines: DefineSet
    public var mode: ExternalBundleMode
    /// `output.path`: bundles land at `<outputDirectory>/<name>.js`.
    public var outputDirectory: String

    public init(entries: [EntryPoint], defines: DefineSet, mode: ExternalBundleMode, outputDirectory: String) {
        self.entries = entries
        self.defines = defines
        self.mode = mode
        self.outputDirectory = outputDirectory
    }
}

/// What came of one external run.
public struct ExternalBundleResult: Sendable, Hashable {
    /// Absolute paths of the bundles written, in entry order. Empty when the build failed: webpack in
    /// production emits nothing when any module has an error, and the back ends keep that rule.
    public var writtenFiles: [String]
    /// Errors and warnings of the tool (file:line:col when it printed one), plus problems running it.
    public var diagnostics: [Diagnostic]
    /// Everything the tool printed, per run, for `--verbose` output and bug reports.
    public var toolOutput: [ExternalToolOutput]

    public init(writtenFiles: [String], diagnostics: [Diagnostic], toolOutput: [ExternalToolOutput]) {
        self.writtenFiles = writtenFiles
        self.diagnostics = diagnostics
        self.toolOutput = toolOutput
    }

    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// Another bundler that can build the worker bundles instead of the native one (`--bundler webpack|esbuild`).
public protocol ExternalBundlerBackend: Sendable {
    /// `webpack` or `esbuild`, for messages.
    var toolName: String { get }
    func bundle(_ request: ExternalBundleRequest) async -> ExternalBundleResult
}
