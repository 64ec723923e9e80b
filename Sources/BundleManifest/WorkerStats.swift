import FileSystemSupport

/// A webpack-worker-stats.json file as read back, in either format.
public struct WorkerStats: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        /// Relative to the bundle directory, e.g. `@edx/mockprock.js`.
        public var name: String
        public var publicPath: String?
        /// Where webpack wrote the file on the build machine (absolute, unless the tracker's relativePath).
        public var path: String?
        public var integrity: String?

        public init(name: String, publicPath: String? = nil, path: String? = nil, integrity: String? = nil) {
            self.name = name
            self.publicPath = publicPath
            self.path = path
            self.integrity = integrity
        }
    }

    public struct Bundle: Sendable, Hashable {
        public var name: String
        public var files: [File]
    }

    public var format: StatsFormat
    /// `done`, `compiling` / `compile` / `initialization`, or `error`.
    public var status: String
    /// Top-level `publicPath`, when present.
    public var publicPath: String?
    /// In the order of the file.
    public var bundles: [Bundle]
    /// For `status: "error"`: the tracker's `error` (webpack error class) and `message`.
    public var error: String?
    public var message: String?

    public var isDone: Bool { status == "done" }

    public func bundle(named name: String) -> Bundle? {
        bundles.last { $0.name == name }
    }

    /// Where the loaders expect a file in the deployment: they ignore the build machine's `path` and ask the
    /// static files storage for `BUNDLE_DIR_NAME` + name, i.e. `STATIC_ROOT/<BUNDLE_DIR_NAME><name>` after
    /// collectstatic (0.7 concatenates; 3.x joins and normalises).
    public static func deployedPath(
        of fileName: String, staticRoot: String, bundleDirName: String, semantics: LoaderSemantics
    ) -> String {
        PathComponents.normalize(
            PathComponents.join(staticRoot, LoaderURLResolver.storageName(of: fileName, bundleDirName: bundleDirName, semantics: semantics)))
    }
}
