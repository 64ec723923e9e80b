/// Everything the preview LMS needs to know, as plain values: the facade reads the deployment and
/// resolves the worker URLs (with the same resolver as `resolve`) before it starts the server.
public struct PreviewConfiguration: Sendable {
    /// The interface to listen on (tests and the README use 127.0.0.1).
    public var host: String
    public var port: Int
    /// STATIC_ROOT: the folder served under `staticURLPath`.
    public var staticRoot: String
    /// The path part of STATIC_URL, with a leading and a trailing slash (`/static/`).
    public var staticURLPath: String
    /// The LMS root URL the worker URLs were resolved with (the preview server's own origin unless the
    /// user named another).
    public var lmsRootURL: String
    /// The stats file the worker URLs were read from, and the loader semantics used (shown on the pages).
    public var statsFile: String
    public var loaderDescription: String
    /// The configured proctoring backends (PROCTORING_BACKENDS without DEFAULT), in settings order.
    public var backends: [PreviewBackend]
    /// PROCTORING_BACKENDS['DEFAULT'].
    public var defaultBackend: String?
    public var database: DatabaseLocation
    /// Create the example course, exam and users at start-up (idempotent).
    public var seedExample: Bool

    public init(
        host: String, port: Int, staticRoot: String, staticURLPath: String, lmsRootURL: String, statsFile: String,
        loaderDescription: String, backends: [PreviewBackend], defaultBackend: String?, database: DatabaseLocation,
        seedExample: Bool
    ) {
        self.host = host
        self.port = port
        self.staticRoot = staticRoot
        self.staticURLPath = staticURLPath
        self.lmsRootURL = lmsRootURL
        self.statsFile = statsFile
        self.loaderDescription = loaderDescription
        self.backends = backends
        self.defaultBackend = defaultBackend
        self.database = database
        self.seedExample = seedExample
    }

    /// The backend an exam uses: its own, else DEFAULT (edx_proctoring `get_backend_provider`).
    public func backend(named name: String?) -> PreviewBackend? {
        let wanted = (name?.isEmpty == false ? name : nil) ?? defaultBackend
        return backends.first { $0.name == wanted }
    }

    /// The address people open, e.g. `http://127.0.0.1:8000`.
    public var origin: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}

/// One configured proctoring backend and the worker URL the LMS hands out for it.
public struct PreviewBackend: Sendable, Hashable {
    public var name: String
    /// The worker bundle (the backend's npm module), nil when the backend has no worker.
    public var bundleName: String?
    /// `provider.get_javascript()`: `desktop_application_js_url` / `backend_js_bundle`; "" without a worker.
    public var workerURL: String
    /// `provider.ping_interval` in seconds.
    public var pingInterval: Int

    public init(name: String, bundleName: String?, workerURL: String, pingInterval: Int) {
        self.name = name
        self.bundleName = bundleName
        self.workerURL = workerURL
        self.pingInterval = pingInterval
    }
}

/// Where the attempts are kept.
public enum DatabaseLocation: Sendable, Hashable {
    case file(String)
    /// `--db :memory:` (tests): gone when the server stops.
    case memory
}
