import Diagnostics
import OrderedJSON

extension WorkerRunReport {
    /// Findings for everything that went wrong, in exchange order, then one note listing the requests the
    /// hermetic network refused. A load failure that repeats in every fresh worker is reported once, and so
    /// is an uncaught error or a sandbox refusal that repeats.
    public func diagnostics() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var reportedLoadFailures: [WorkerLoadFailure] = []
        var reportedUncaught: [WorkerUncaughtError] = []
        var reportedDenials: [String] = []
        for exchange in exchanges {
            let denials = exchange.sandboxDenials.filter { !reportedDenials.contains($0) }
            if !denials.isEmpty {
                reportedDenials += denials
                findings.append(sandboxDiagnostic(denials, exchange: exchange))
            }
            switch exchange.outcome {
            case .succeeded:
                break
            case .loadFailed:
                if let failure = exchange.loadFailure, !reportedLoadFailures.contains(failure) {
                    reportedLoadFailures.append(failure)
                    findings.append(loadDiagnostic(failure, exchange: exchange))
                }
            case .timedOut:
                findings.append(noReplyDiagnostic(exchange))
            case .failed(let replyType, let payload):
                findings.append(failedReplyDiagnostic(exchange, replyType: replyType, payload: payload))
            }
            for error in exchange.uncaught where !reportedUncaught.contains(error) {
                reportedUncaught.append(error)
                findings.append(uncaughtDiagnostic(error, exchange: exchange))
            }
        }
        if let blocked = blockedRequestsDiagnostic() { findings.append(blocked) }
        return findings
    }

    private func sandboxDiagnostic(_ denials: [String], exchange: WorkerExchangeResult) -> Diagnostic {
        Diagnostic(
            .workerSandboxDenied,
            "the worker tried what its sandbox forbids (loading, or handling `\(exchange.prompt.rawValue)`): "
                + denials.joined(separator: "; "),
            at: .file(bundlePath),
            fix: "do not deploy this bundle: a browser worker can reach no file, process or socket, so code that tries "
                + "is broken or hostile; rebuild it from trusted sources",
            notes: ["nothing was written, started or sent: the worker runs under node's permission model with no grants"]
                + consoleNotes(exchange))
    }

    /// One note for the run: each blocked request (method, URL, API) with how often it was made.
    private func blockedRequestsDiagnostic() -> Diagnostic? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for exchange in exchanges {
            for request in exchange.networkRequests where !request.allowed {
                let key = "\(request.method) \(request.url) (\(request.api))"
                if counts[key] == nil { order.append(key) }
                counts[key, default: 0] += 1
            }
        }
        guard !order.isEmpty else { return nil }
        let notes = order.prefix(20).map { key in
            let count = counts[key] ?? 1
            return count > 1 ? "\(key) ×\(count)" : key
        } + (order.count > 20 ? ["… \(order.count - 20) more URLs"] : [])
        return Diagnostic(
            .workerNetworkBlocked,
            "the smoke run is hermetic: \(counts.values.reduce(0, +)) network request(s) of the worker failed at once, as offline",
            at: .file(bundlePath),
            fix: "nothing to fix for a hermetic run; to let the worker reach a desktop application or stand-in on this "
                + "machine, pass its address with `--smoke-allow 127.0.0.1:PORT`",
            notes: notes)
    }

    private func location(scriptURL: String?, line: Int?, column: Int?) -> SourceLocation {
        guard scriptURL == bundleURL else { return .file(bundlePath) }
        return .file(bundlePath, line: line, column: column)
    }

    private func loadDiagnostic(_ failure: WorkerLoadFailure, exchange: WorkerExchangeResult) -> Diagnostic {
        let thrown = "\(failure.name): \(failure.message)"
        let at = location(scriptURL: failure.scriptURL, line: failure.line, column: failure.column)
        var notes = [
            "the worker loads the bundle with `importScripts('\(bundleURL)')`; the host page never sees errors raised there, "
                + "so upstream the exam page just waits",
        ]
        if exchange.messageListenerCount == 0 {
            notes.append("no `message` listener was registered before the error, so the worker cannot answer any prompt")
        }
        notes += consoleNotes(exchange)
        switch failure.kind {
        case .syntaxError:
            return Diagnostic(
                .workerBundleSyntaxError, "worker bundle does not parse as a classic script: \(thrown)", at: at,
                fix: "fix the JavaScript at this location; a worker loaded by importScripts must be a classic script "
                    + "(no `import`/`export` statements), so bundle for the `webworker` target",
                notes: notes)
        case .processNotDefined:
            return Diagnostic(
                .workerBundleProcessUndefined, "worker bundle reads `process` while loading: \(thrown)", at: at,
                fix: "bundle with the JS_ENV_EXTRA_CONFIG define applied (set JS_ENV_EXTRA_CONFIG to a JSON object before "
                    + "bundling) so `process.env.JS_ENV_EXTRA_CONFIG` is replaced by its value",
                notes: ["a browser worker has no `process` (node has one, so plain node would not show this)"] + notes)
        case .referenceError:
            let identifier = failure.message.hasSuffix(" is not defined")
                ? String(failure.message.dropLast(" is not defined".count)) : failure.message
            return Diagnostic(
                .workerBundleUndefinedGlobal, "worker bundle uses `\(identifier)`, which a worker scope does not have: \(thrown)", at: at,
                fix: "keep page globals (window, document) and node globals (require, global, Buffer) out of the worker "
                    + "code, or guard them with `typeof \(identifier) !== 'undefined'`",
                notes: notes)
        case .exception:
            return Diagnostic(
                .workerBundleThrowsAtLoad, "worker bundle throws while loading: \(thrown)", at: at,
                fix: "make the bundle's top-level code succeed in a worker (no page, no node); build-time configuration "
                    + "values baked into the bundle are a common cause",
                notes: notes)
        case .scriptNotLoaded:
            return Diagnostic(
                .workerScriptNotLoaded, "the worker could not load the bundle from \(bundleURL): \(thrown)", at: .file(bundlePath),
                fix: "serve the bundle at an absolute URL (a blob: worker cannot resolve relative ones) and check the file "
                    + "exists under the static root",
                notes: notes)
        case .wrapperSyntaxError:
            return Diagnostic(
                .workerURLBreaksBlobWrapper,
                "the worker URL \(bundleURL) breaks the host's blob wrapper `importScripts('<url>');`: \(thrown)",
                at: .file(bundlePath),
                fix: "serve the bundle from a URL without `'`, `\\` or line breaks; the hosts paste it between quotes unescaped",
                notes: notes)
        }
    }

    private func noReplyDiagnostic(_ exchange: WorkerExchangeResult) -> Diagnostic {
        let prompt = exchange.prompt
        var notes: [String] = []
        if let hostTimeout = exchange.hostTimeoutMilliseconds {
            notes.append("the host gives up on \(prompt.hostAction) after \(hostTimeout) ms and then records an error on the attempt")
        } else {
            notes.append("the host has no time-out for \(prompt.hostAction): the learner would wait forever")
        }
        if !exchange.loadFinished {
            notes.append("the bundle had not finished loading (its top-level code was still running), so the worker never read the prompt")
        } else if exchange.messageListenerCount == 0 {
            notes.append("the worker registered no `message` listener; does the bundle call handlerWrapper(Handler) when it loads?")
        }
        notes += consoleNotes(exchange)
        return Diagnostic(
            .workerNoReply,
            "worker did not reply to `\(prompt.rawValue)` within \(exchange.waitLimitMilliseconds) ms",
            at: .file(bundlePath),
            fix: "make the handler's \(handlerMethod(prompt)) return a promise that settles, and reply with "
                + "`\(prompt.successReplyType)` or `\(prompt.failureReplyType)`",
            notes: notes)
    }

    private func failedReplyDiagnostic(_ exchange: WorkerExchangeResult, replyType: String?, payload: JSONValue) -> Diagnostic {
        let prompt = exchange.prompt
        var notes: [String] = []
        if let error = payload["error"] {
            notes.append("error sent by the worker: \(describe(error))")
        }
        notes += consoleNotes(exchange)
        if replyType == prompt.failureReplyType && expectation == .typedReply {
            let error = payload["error"].map(describe) ?? "no `error` value"
            return Diagnostic(
                .workerFailureReplyAccepted,
                "worker answered `\(prompt.rawValue)` with its failure reply `\(prompt.failureReplyType)`: \(error)",
                at: .file(bundlePath),
                fix: "nothing to fix for a hermetic run; use `--smoke-expect success` next to the provider's application "
                    + "(or a stand-in reachable through `--smoke-allow`) to require success",
                notes: consoleNotes(exchange))
        }
        if replyType == prompt.failureReplyType {
            return Diagnostic(
                .workerFailureReply,
                "worker refused `\(prompt.rawValue)`: it replied `\(prompt.failureReplyType)`",
                at: .file(bundlePath),
                fix: "check that the proctoring application or service the handler's \(handlerMethod(prompt)) talks to "
                    + "is running and reachable from the learner's browser",
                notes: notes)
        }
        let got = replyType.map { "`\($0)`" } ?? "a message without a string `type` (\(describe(payload)))"
        return Diagnostic(
            .workerWrongReplyType,
            "worker answered `\(prompt.rawValue)` with \(got), which is neither `\(prompt.successReplyType)` nor "
                + "`\(prompt.failureReplyType)`; the host treats it as a failure",
            at: .file(bundlePath),
            fix: "reply exactly `{type: '\(prompt.successReplyType)'}` on success and post no other messages to the page",
            notes: notes)
    }

    private func uncaughtDiagnostic(_ error: WorkerUncaughtError, exchange: WorkerExchangeResult) -> Diagnostic {
        if error.kind == .harnessFault {
            return Diagnostic(
                .workerHarnessFailed, "the harness failed while running `\(exchange.prompt.rawValue)`: \(error.name): \(error.message)",
                at: .file(bundlePath),
                fix: "run the smoke run again with a supported node (20 or newer); report the problem if it persists")
        }
        let what = error.kind == .unhandledRejection ? "left a promise rejection unhandled" : "threw an uncaught exception"
        return Diagnostic(
            .workerUncaughtError,
            "worker \(what) while handling `\(exchange.prompt.rawValue)`: \(error.name): \(error.message)",
            at: location(scriptURL: error.scriptURL, line: error.line, column: error.column),
            fix: "catch the error in the handler and reject its promise instead, so the host gets a reply")
    }

    private func handlerMethod(_ prompt: WorkerPrompt) -> String {
        switch prompt {
        case .startExamAttempt: return "onStartExamAttempt"
        case .endExamAttempt: return "onEndExamAttempt"
        case .ping: return "onPing"
        }
    }

    private func consoleNotes(_ exchange: WorkerExchangeResult) -> [String] {
        let limit = 10
        // First lines only: a logged Error carries its whole stack.
        var notes = exchange.console.prefix(limit).map { line in
            let lines = line.text.split(separator: "\n", omittingEmptySubsequences: false)
            return "console.\(line.level): \(lines.first ?? "")" + (lines.count > 1 ? " …" : "")
        }
        if exchange.console.count > limit {
            notes.append("… \(exchange.console.count - limit) more console lines")
        }
        return notes
    }

    /// An Error value as the page received it (`{"$error": name, "message": …}`), or any other value as JSON.
    private func describe(_ value: JSONValue) -> String {
        if let name = value["$error"]?.stringValue {
            return "\(name): \(value["message"]?.stringValue ?? "")"
        }
        if let text = value.stringValue { return text }
        return JSONWriter.write(value, style: .javaScriptCompact)
    }
}
