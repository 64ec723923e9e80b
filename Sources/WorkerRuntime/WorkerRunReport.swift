/// The result of one smoke run of a worker bundle: every exchange, in script order.
public struct WorkerRunReport: Sendable, Hashable {
    /// The bundle file as given to `WorkerHarness.run`.
    public var bundlePath: String
    /// The URL the bundle was loaded from inside the worker (pasted into the blob wrapper).
    public var bundleURL: String
    public var host: WorkerExchangeScript.Host
    public var exchanges: [WorkerExchangeResult]

    public init(bundlePath: String, bundleURL: String, host: WorkerExchangeScript.Host, exchanges: [WorkerExchangeResult]) {
        self.bundlePath = bundlePath
        self.bundleURL = bundleURL
        self.host = host
        self.exchanges = exchanges
    }

    /// True when every prompt got its success reply.
    public var allSucceeded: Bool {
        exchanges.allSatisfy { exchange in
            if case .succeeded = exchange.outcome { return true }
            return false
        }
    }
}
