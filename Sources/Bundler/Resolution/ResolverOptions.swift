/// How requests are resolved for a webworker bundle.
///
/// The defaults follow webpack 5 with `target: 'webworker'` (`lib/config/defaults.js`,
/// `getResolveDefaults`), adjusted where edx-platform's worker config or this tool's needs differ:
///
/// - **Conditions** (`exports`/`imports`): webpack's set for webworker is
///   `["webpack", <mode>, "worker", "browser"]`, plus `"import", "module"` for ESM requests and
///   `"require", "module"` for CommonJS requests; `"default"` always matches. We use the same set.
///   As in node, enhanced-resolve and esbuild, the *object's key order* decides which condition wins,
///   not the order of this set. esbuild (`--platform=browser`) uses `browser`, `default`, `module`
///   and `import`/`require`, but not `worker`, `webpack` or `production`: packages keyed on those
///   resolve differently there (listed in the esbuild comparison tests).
/// - **Main fields**: `["browser", "module", "main"]`, webpack's default for web-like targets and
///   esbuild's for `--platform=browser`. A string `browser` field therefore replaces `main`.
/// - **Alias fields**: the object form of `browser` remaps files and bare modules (`false` gives an
///   empty module), as webpack's `aliasFields: ["browser"]` and esbuild do.
/// - **Extensions**: `[".js", ".mjs", ".cjs", ".json"]`, tried after the exact path, in that order.
///   edx-platform's worker config narrows webpack to `['.js']`; we accept the other three because a
///   worker's own sources may use them, and report `PA149` (warning) whenever one was needed, since
///   webpack with the edx config would fail on that request. webpack's default `.wasm` is not
///   supported by this bundler.
/// - **Main files**: `["index"]`, with the same extensions.
/// - **Module directories**: `node_modules`, walking up from the importer's real directory, then
///   `additionalModuleDirectories` (node's `NODE_PATH`). webpack does not read `NODE_PATH`; it is
///   offered for Debian-style global installs (`/usr/share/nodejs`) and left empty by default.
/// - **Symlinks**: resolved; a module's identity is its real path (webpack `resolve.symlinks: true`,
///   node without `--preserve-symlinks`).
public struct ResolverOptions: Sendable, Hashable {
    /// webpack's `mode`, which becomes a condition name.
    public enum Mode: String, Sendable, Hashable {
        case production
        case development
    }

    /// Condition names active for every request; `import` or `require` is added per request kind and
    /// `default` always matches.
    public var conditionNames: [String]
    public var mainFields: [String]
    /// Whether the object form of `browser` remaps files and modules.
    public var usesBrowserFieldMap: Bool
    /// Tried in this order after the exact path.
    public var extensions: [String]
    /// The extensions webpack would try with the edx-platform worker config; a resolution that needed
    /// another one gets a `PA149` warning. Nil turns the check off.
    public var webpackExtensions: [String]?
    public var mainFiles: [String]
    /// Directory name searched in each ancestor of the importer.
    public var moduleDirectoryName: String
    /// Extra roots searched after the node_modules walk, as node's `NODE_PATH`.
    public var additionalModuleDirectories: [String]
    /// Bare requests that resolve to a given file before any other rule, matched exactly (webpack's
    /// `resolve.alias` with `name$`): the npm modules `--js-from-python` takes from Python distributions.
    public var moduleFiles: [String: String]

    public init(
        conditionNames: [String],
        mainFields: [String],
        usesBrowserFieldMap: Bool,
        extensions: [String],
        webpackExtensions: [String]?,
        mainFiles: [String],
        moduleDirectoryName: String,
        additionalModuleDirectories: [String],
        moduleFiles: [String: String] = [:]
    ) {
        self.conditionNames = conditionNames
        self.mainFields = mainFields
        self.usesBrowserFieldMap = usesBrowserFieldMap
        self.extensions = extensions
        self.webpackExtensions = webpackExtensions
        self.mainFiles = mainFiles
        self.moduleDirectoryName = moduleDirectoryName
        self.additionalModuleDirectories = additionalModuleDirectories
        self.moduleFiles = moduleFiles
    }

    /// The directories of a `NODE_PATH` value (`:`-separated, empty parts ignored, as node does).
    public static func nodePathDirectories(_ value: String) -> [String] {
        value.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
    }

    /// The edx-platform worker build: webpack 5, `target: 'webworker'`, the given mode.
    public static func webworker(
        mode: Mode = .production, additionalModuleDirectories: [String] = [], moduleFiles: [String: String] = [:]
    ) -> ResolverOptions {
        ResolverOptions(
            conditionNames: ["webpack", mode.rawValue, "worker", "browser", "module"],
            mainFields: ["browser", "module", "main"],
            usesBrowserFieldMap: true,
            extensions: [".js", ".mjs", ".cjs", ".json"],
            webpackExtensions: [".js"],
            mainFiles: ["index"],
            moduleDirectoryName: "node_modules",
            additionalModuleDirectories: additionalModuleDirectories,
            moduleFiles: moduleFiles
        )
    }
}

/// What kind of request is being resolved: it picks the `import` or `require` condition.
public enum RequestKind: String, Sendable, Hashable {
    /// An entry of workers.json; webpack resolves entries as ESM requests (EntryDependency).
    case entry
    /// `import … from`, `export … from`, `import()`.
    case importStatement
    /// `require()`.
    case require

    var conditionName: String { self == .require ? "require" : "import" }
}
