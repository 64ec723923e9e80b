import OrderedJSON

/// What a smoke run sends to the worker: which host to imitate, which prompts, and how long to wait.
///
/// Facts checked against upstream code (not only against spec/rest.md §2 and §3.3):
/// - Worker creation, both hosts: `new Worker(URL.createObjectURL(new Blob(["importScripts('" + url + "');"])))`,
///   a classic worker on a blob: URL, the URL pasted between quotes unescaped; a new worker per prompt,
///   `terminate()`d only after the success reply (frontend-lib-special-exams `src/data/messages/handlers.js`
///   at 31b823d; edx-proctoring `exam_action_handler.js` at b4914198).
/// - Learning MFE (JS 2.0): `postMessage({type, timeout, attemptExternalId})`; start sends timeout 5000
///   (`EXAM_START_TIMEOUT_MILLISECONDS`, thunks.js), submit and expiry send 0, ping sends
///   `(ping_interval - 10) * 1000` and races a hard `ping_interval * 1000` ms timeout. Start and submit have
///   no outer timeout.
/// - Legacy courseware (JS 1.0): `postMessage({type, timeout})` with no `attemptExternalId`; start sends
///   `ProctoringAppPingInterval * 1000`; submit chains the worker call after the PUT, so `timeout` is the
///   PUT's JSON response `{exam_attempt_id: N}` (timer expiry sends `undefined`); ping as in the MFE.
///   Its hard-timeout message reads "...after Nms" where the MFE's reads "...after N ms".
/// - Replies: the host resolves on `e.data.type === success` and rejects with `e.data.error` on any other
///   message. Upstream's `handlerWrapper` (@edx/edx-proctoring `edx_proctoring/static/index.js`, 5.2.0 in git
///   and 6.1.4 on PyPI are identical) replies `{type: success}` or `{type: failure, error}`, error being the
///   rejection value; it calls `onStartExamAttempt(timeout, attemptExternalId)`, `onEndExamAttempt(
///   attemptExternalId)`, `onPing(timeout, attemptExternalId)`, and sends nothing for unknown types or
///   missing methods. (Before 2022 the failure replies carried no `error` and the methods got no arguments.)
/// - `config`: `{type: 'config', options}` makes handlerWrapper re-create the handler with `options`; it sends
///   no reply. No host sends it: a grep of frontend-lib-special-exams and edx-proctoring finds it only in
///   handlerWrapper. So real handlers are always constructed with `{}` and must not depend on `config`;
///   `configOptions` exists to exercise that path, not because a browser ever takes it.
/// - The default ping interval is edx-proctoring's `DEFAULT_DESKTOP_APPLICATION_PING_INTERVAL_SECONDS`, 60.
///
/// Where spec/rest.md was checked: §2.1–2.3 and §3.3 match the code above (line numbers in handlers.js
/// moved by one since a `logError` import was added); the spec does not mention the legacy page's missing
/// space in its timeout message, and does not say whether `config` gets a reply (it does not).
/// DESIGN.md's protocol line lists `config` among the prompts: it is accepted by handlerWrapper but sent by
/// no host and answered with nothing, so a smoke run sends it only when `configOptions` is set and never
/// expects a reply to it. Any reply to it would be taken by the host as the (failed) answer to the prompt.
///
/// A smoke run may also send a short `timeout` of its own (`promptTimeoutMilliseconds`) in place of the host's
/// start and ping values: the field is the protocol's, handlers use it to bound their retries (Proctortrack 1.x
/// retries 5 times at `timeout / 5` intervals), so a worker whose desktop application is absent still answers
/// within seconds. The `sent` message of each exchange in the report shows the value that was sent.
public struct WorkerExchangeScript: Sendable, Hashable {
    /// What a run requires of the replies.
    public enum Expectation: String, Sendable, Hashable {
        /// Every prompt must get its success reply (a failure reply is PA248).
        case success
        /// Every prompt must get its protocol's typed reply, success or failure (a failure reply is PA253, a
        /// note): what a hermetic run can prove, with no desktop application to talk to.
        case typedReply
    }

    /// The page that creates the worker.
    public enum Host: String, Sendable, Hashable {
        /// frontend-lib-special-exams in the learning MFE (JS 2.0).
        case learningMFE
        /// edx-proctoring's exam_action_handler.js in legacy courseware pages (JS 1.0).
        case legacyCourseware
    }

    /// Whether each prompt gets its own worker, as both hosts do, or all share one.
    public enum WorkerLifetime: String, Sendable, Hashable {
        case freshPerPrompt
        case shared
    }

    public var host: Host
    public var lifetime: WorkerLifetime
    public var prompts: [WorkerPrompt]
    /// When set, `{type: "config", options: configOptions}` is sent to each worker before its prompt.
    public var configOptions: JSONValue?
    /// The attempt's `external_id`, sent by the learning MFE only.
    public var attemptExternalId: String
    /// The provider's `ping_interval` in seconds; decides the timeouts both hosts send.
    public var pingIntervalSeconds: Int
    /// How long to wait for a reply. Hosts wait forever for start and submit, and `ping_interval` seconds for
    /// ping; the harness waits this long (for ping, the shorter of the two) and then reports a time-out.
    /// The wait counts from when the worker finished loading, so a slow machine does not shorten it.
    public var replyWait: Duration
    /// How long a worker may take to start and run the bundle's top-level code before the exchange is
    /// given up as a time-out with the load unfinished (an endless loop at load, or a very busy machine).
    public var loadWait: Duration
    /// The absolute URL the bundle is served from, pasted into the blob wrapper. nil: an LMS static URL
    /// ending in the bundle's file name.
    public var bundleURL: String?
    /// The `timeout` sent with startExamAttempt and ping instead of the host's own; nil sends the host's.
    public var promptTimeoutMilliseconds: Int?
    /// The loopback endpoints the worker may reach; every other request fails at once, as offline.
    public var allowedEndpoints: [LoopbackEndpoint]
    public var expectation: Expectation

    public init(
        host: Host = .learningMFE,
        lifetime: WorkerLifetime = .freshPerPrompt,
        prompts: [WorkerPrompt] = [.startExamAttempt, .ping, .endExamAttempt],
        configOptions: JSONValue? = nil,
        attemptExternalId: String = "proctoring-assets-smoke-attempt",
        pingIntervalSeconds: Int = 60,
        replyWait: Duration = .seconds(10),
        loadWait: Duration = .seconds(10),
        bundleURL: String? = nil,
        promptTimeoutMilliseconds: Int? = nil,
        allowedEndpoints: [LoopbackEndpoint] = [],
        expectation: Expectation = .success
    ) {
        self.host = host
        self.lifetime = lifetime
        self.prompts = prompts
        self.configOptions = configOptions
        self.attemptExternalId = attemptExternalId
        self.pingIntervalSeconds = pingIntervalSeconds
        self.replyWait = replyWait
        self.loadWait = loadWait
        self.bundleURL = bundleURL
        self.promptTimeoutMilliseconds = promptTimeoutMilliseconds
        self.allowedEndpoints = allowedEndpoints
        self.expectation = expectation
    }

    /// How long a worker's node process may take to start before its `loadWait` begins (the harness's
    /// allowance; only a very busy machine needs it).
    public static let processStartAllowance: Duration = .seconds(20)

    /// A limit for `WorkerHarness.run` that every exchange fits in: each waits at most the process start
    /// allowance and `loadWait` for its worker to load and `replyWait` for the reply, plus time for node to start.
    public var suggestedRunTimeout: Duration {
        (Self.processStartAllowance + loadWait + replyWait) * prompts.count + .seconds(5)
    }

    /// The exact message the host posts for `prompt`.
    public func message(for prompt: WorkerPrompt) -> JSONValue {
        let type = JSONMember("type", .string(prompt.rawValue))
        switch host {
        case .learningMFE:
            let timeout: Int
            switch prompt {
            case .startExamAttempt: timeout = promptTimeoutMilliseconds ?? 5000
            case .endExamAttempt: timeout = 0
            case .ping: timeout = promptTimeoutMilliseconds ?? (pingIntervalSeconds - 10) * 1000
            }
            return .object([type, JSONMember("timeout", .integer(timeout)), JSONMember("attemptExternalId", .string(attemptExternalId))])
        case .legacyCourseware:
            switch prompt {
            case .startExamAttempt:
                if let promptTimeoutMilliseconds { return .object([type, JSONMember("timeout", .integer(promptTimeoutMilliseconds))]) }
                // `ProctoringAppPingInterval * 1000`, or undefined (left out by postMessage's clone) when unset.
                guard pingIntervalSeconds != 0 else { return .object([type]) }
                return .object([type, JSONMember("timeout", .integer(pingIntervalSeconds * 1000))])
            case .endExamAttempt:
                return .object([type, JSONMember("timeout", .object([JSONMember("exam_attempt_id", .integer(1))]))])
            case .ping:
                return .object([type, JSONMember("timeout", .integer(promptTimeoutMilliseconds ?? (pingIntervalSeconds - 10) * 1000))])
            }
        }
    }

    /// The hard timeout the host races the worker against, when it has one (ping only, both hosts).
    public func hostTimeoutMilliseconds(for prompt: WorkerPrompt) -> Int? {
        prompt == .ping ? pingIntervalSeconds * 1000 : nil
    }

    /// The origin of the page that creates the blob: URL (and so of the worker's `location`).
    var pageOrigin: String {
        switch host {
        case .learningMFE: return "http://localhost:2000"
        case .legacyCourseware: return "http://localhost:18000"
        }
    }

    func resolvedBundleURL(bundlePath: String) -> String {
        if let bundleURL { return bundleURL }
        let fileName = bundlePath.split(separator: "/").last.map(String.init) ?? bundlePath
        return "http://localhost:18000/static/bundles/\(fileName)"
    }

    /// The JSON argument the embedded worker harness reads.
    func harnessArgument(bundlePath: String) -> String {
        let exchanges: [JSONValue] = prompts.map { prompt in
            .object([
                JSONMember("prompt", .string(prompt.rawValue)),
                JSONMember("message", message(for: prompt)),
                JSONMember("successType", .string(prompt.successReplyType)),
                JSONMember("hostTimeoutMilliseconds", hostTimeoutMilliseconds(for: prompt).map(JSONValue.integer) ?? .null),
            ])
        }
        let script: JSONValue = .object([
            JSONMember("bundlePath", .string(bundlePath)),
            JSONMember("bundleURL", .string(resolvedBundleURL(bundlePath: bundlePath))),
            JSONMember("pageOrigin", .string(pageOrigin)),
            JSONMember("lifetime", .string(lifetime.rawValue)),
            JSONMember("config", configOptions ?? .null),
            JSONMember("replyWaitMilliseconds", .integer(Self.milliseconds(replyWait))),
            JSONMember("loadWaitMilliseconds", .integer(Self.milliseconds(loadWait))),
            JSONMember("processStartAllowanceMilliseconds", .integer(Self.milliseconds(Self.processStartAllowance))),
            JSONMember("allow", .array(allowedEndpoints.map { .string($0.description) })),
            JSONMember("exchanges", .array(exchanges)),
        ])
        return JSONWriter.write(script, style: .javaScriptCompact)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
