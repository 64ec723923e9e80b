import OrderedJSON

/// How one prompt went, in the terms the host page would see it.
public enum WorkerExchangeOutcome: Sendable, Hashable {
    /// The first reply had the prompt's success type.
    case succeeded(replyType: String)
    /// The first reply had another type (the failure type, a wrong type, or none: `replyType` nil);
    /// `payload` is the whole reply as the page received it.
    case failed(replyType: String?, payload: JSONValue)
    /// No message came back within the wait.
    case timedOut
    /// The bundle threw or did not parse while the worker loaded it (details in `WorkerExchangeResult.load`).
    case loadFailed(message: String)
}

/// Why a bundle failed to load, as sorted by the harness.
public enum WorkerLoadFailureKind: String, Sendable, Hashable {
    /// The bundle is not valid JavaScript for a classic script.
    case syntaxError
    /// `process` was read at top level (an unsubstituted `process.env.…`).
    case processNotDefined
    /// Another identifier the worker scope does not have (`window`, `document`, `require`, …).
    case referenceError
    /// Anything else thrown by the top-level code (including a SyntaxError thrown by `JSON.parse`).
    case exception
    /// `importScripts` could not fetch the URL (invalid from a blob: worker, or nothing served there).
    case scriptNotLoaded
    /// The host's one-line blob wrapper does not parse with this URL pasted into it.
    case wrapperSyntaxError
}

/// A bundle's load failure with the place it happened, when known.
public struct WorkerLoadFailure: Sendable, Hashable {
    public var kind: WorkerLoadFailureKind
    /// The JavaScript error name, e.g. `ReferenceError`.
    public var name: String
    public var message: String
    /// The URL of the script the error points into (the bundle URL, or the blob: URL of the wrapper).
    public var scriptURL: String?
    public var line: Int?
    public var column: Int?

    public init(kind: WorkerLoadFailureKind, name: String, message: String, scriptURL: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.name = name
        self.message = message
        self.scriptURL = scriptURL
        self.line = line
        self.column = column
    }
}

/// Something the worker threw that nobody caught, or a promise rejection nobody handled.
public struct WorkerUncaughtError: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case exception
        case unhandledRejection
        /// The harness itself failed while running this worker.
        case harnessFault
    }

    public var kind: Kind
    public var name: String
    public var message: String
    public var scriptURL: String?
    public var line: Int?
    public var column: Int?

    public init(kind: Kind, name: String, message: String, scriptURL: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.name = name
        self.message = message
        self.scriptURL = scriptURL
        self.line = line
        self.column = column
    }
}

/// One line the worker printed with `console.*`.
public struct WorkerConsoleLine: Sendable, Hashable {
    /// `log`, `info`, `warn`, `error`, `debug` or `trace`.
    public var level: String
    public var text: String

    public init(level: String, text: String) {
        self.level = level
        self.text = text
    }
}

/// A network request the worker made, and whether it was let through to an allowed loopback endpoint
/// (otherwise it failed at once, as offline).
public struct WorkerNetworkRequest: Sendable, Hashable {
    /// `fetch`, `XMLHttpRequest`, `WebSocket` or `importScripts`.
    public var api: String
    public var method: String
    public var url: String
    public var allowed: Bool

    public init(api: String, method: String, url: String, allowed: Bool) {
        self.api = api
        self.method = method
        self.url = url
        self.allowed = allowed
    }
}

/// A coarse reply time: exact times would make reports differ from run to run.
public enum WorkerReplyTime: String, Sendable, Hashable {
    case under100ms
    case under1s
    case under5s
    case under30s
    case thirtySecondsOrMore = "30sOrMore"
}

/// Everything the harness observed for one prompt.
public struct WorkerExchangeResult: Sendable, Hashable {
    /// Position of the exchange in the script.
    public var index: Int
    /// Which worker answered (differs per exchange unless the lifetime is `.shared`).
    public var workerIndex: Int
    public var prompt: WorkerPrompt
    /// The message posted to the worker.
    public var sentMessage: JSONValue
    public var outcome: WorkerExchangeOutcome
    /// The first reply as the page received it (Error values as `{"$error": name, "message": …}`).
    public var reply: JSONValue?
    public var replyTime: WorkerReplyTime?
    /// How long the harness waited for a reply.
    public var waitLimitMilliseconds: Int
    /// The host's own hard timeout for this prompt, if it has one.
    public var hostTimeoutMilliseconds: Int?
    /// False when the bundle's top-level code was still running after the script's `loadWait`.
    public var loadFinished: Bool
    /// nil when the bundle loaded (or had not finished loading).
    public var loadFailure: WorkerLoadFailure?
    /// `message` listeners (including `onmessage`) the worker had when the exchange ended.
    public var messageListenerCount: Int
    public var uncaught: [WorkerUncaughtError]
    public var console: [WorkerConsoleLine]
    /// The network requests the worker made during the exchange (at most 50 listed).
    public var networkRequests: [WorkerNetworkRequest]
    /// What the sandbox refused the worker's process (a file write, a socket, a signal…), in its words.
    public var sandboxDenials: [String]

    public init(
        index: Int,
        workerIndex: Int,
        prompt: WorkerPrompt,
        sentMessage: JSONValue,
        outcome: WorkerExchangeOutcome,
        reply: JSONValue?,
        replyTime: WorkerReplyTime?,
        waitLimitMilliseconds: Int,
        hostTimeoutMilliseconds: Int?,
        loadFinished: Bool,
        loadFailure: WorkerLoadFailure?,
        messageListenerCount: Int,
        uncaught: [WorkerUncaughtError],
        console: [WorkerConsoleLine],
        networkRequests: [WorkerNetworkRequest] = [],
        sandboxDenials: [String] = []
    ) {
        self.index = index
        self.workerIndex = workerIndex
        self.prompt = prompt
        self.sentMessage = sentMessage
        self.outcome = outcome
        self.reply = reply
        self.replyTime = replyTime
        self.waitLimitMilliseconds = waitLimitMilliseconds
        self.hostTimeoutMilliseconds = hostTimeoutMilliseconds
        self.loadFinished = loadFinished
        self.loadFailure = loadFailure
        self.messageListenerCount = messageListenerCount
        self.uncaught = uncaught
        self.console = console
        self.networkRequests = networkRequests
        self.sandboxDenials = sandboxDenials
    }
}
