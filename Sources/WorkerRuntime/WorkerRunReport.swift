/// The result of one smoke run of a worker bundle: every exchange, in script order.
public struct WorkerRunReport: Sendable, Hashable {
    /// The bundle file as given to `WorkerHarness.run`.
    public var bundlePath: String
    /// The URL the bundle was loaded from inside the worker (pasted into the blob wrapper).
    public var bundleURL: String
    public var host: WorkerExchangeScript.Host
    public var exchanges: [WorkerExchangeResult]
    /// What the run required of the replies; decides `passed` and whether a failure reply is an error.
    public var expectation: WorkerExchangeScript.Expectation

    public init(
        bundlePath: String, bundleURL: String, host: WorkerExchangeScript.Host, exchanges: [WorkerExchangeResult],
        expectation: WorkerExchangeScript.Expectation = .success
    ) {
        self.bundlePath = bundlePath
        self.bundleURL = bundleURL
        self.host = host
        self.exchanges = exchanges
        self.expectation = expectation
    }

    /// True when every prompt got its success reply.
    public var allSucceeded: Bool {
        exchanges.allSatisfy { exchange in
            if case .succeeded = exchange.outcome { return true }
            return false
        }
    }

    /// True when every prompt got the reply the expectation asks for and the sandbox refused the worker
    /// nothing: with `.typedReply`, the prompt's success or failure reply; with `.success`, the success reply.
    public var passed: Bool {
        exchanges.allSatisfy { exchange in
            guard exchange.sandboxDenials.isEmpty else { return false }
            switch exchange.outcome {
            case .succeeded: return true
            case .failed(let replyType, _): return expectation == .typedReply && replyType == exchange.prompt.failureReplyType
            case .timedOut, .loadFailed: return false
            }
        }
    }
}
