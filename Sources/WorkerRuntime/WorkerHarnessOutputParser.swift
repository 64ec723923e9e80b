import OrderedJSON

/// Reads the JSON lines the worker harness prints, one per exchange.
struct WorkerHarnessOutputParser {
    /// A line that is not what the harness promises to print.
    struct MalformedLine: Error, Sendable, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "harness output line \(line): \(reason)" }
    }

    func parseLine(_ text: String, number: Int) throws(MalformedLine) -> WorkerExchangeResult {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw MalformedLine(line: number, reason: "not JSON (\(error))")
        }
        let fields = Fields(value: value, line: number)
        let prompt = try fields.string("prompt")
        guard let knownPrompt = WorkerPrompt(rawValue: prompt) else {
            throw MalformedLine(line: number, reason: "unknown prompt \"\(prompt)\"")
        }
        let replyType = fields.optionalString("replyType")
        let reply = value["reply"].flatMap { $0 == .null ? nil : $0 }
        let loadFailure = try parseLoad(value["load"], line: number)

        let outcome: WorkerExchangeOutcome
        switch try fields.string("outcome") {
        case "succeeded":
            outcome = .succeeded(replyType: replyType ?? knownPrompt.successReplyType)
        case "failed":
            outcome = .failed(replyType: replyType, payload: reply ?? .null)
        case "timedOut":
            outcome = .timedOut
        case "loadFailed":
            outcome = .loadFailed(message: loadFailure.map { "\($0.name): \($0.message)" } ?? "the bundle failed to load")
        case let other:
            throw MalformedLine(line: number, reason: "unknown outcome \"\(other)\"")
        }

        return WorkerExchangeResult(
            index: try fields.integer("exchange"),
            workerIndex: try fields.integer("worker"),
            prompt: knownPrompt,
            sentMessage: value["sent"] ?? .null,
            outcome: outcome,
            reply: reply,
            replyTime: fields.optionalString("elapsed").flatMap(WorkerReplyTime.init(rawValue:)),
            waitLimitMilliseconds: try fields.integer("waitLimitMilliseconds"),
            hostTimeoutMilliseconds: fields.optionalInteger("hostTimeoutMilliseconds"),
            loadFinished: value["load"]?["status"]?.stringValue != "unfinished",
            loadFailure: loadFailure,
            messageListenerCount: fields.optionalInteger("listeners") ?? 0,
            uncaught: (value["uncaught"]?.arrayValue ?? []).map(parseUncaught),
            console: (value["console"]?.arrayValue ?? []).map { line in
                WorkerConsoleLine(level: line["level"]?.stringValue ?? "log", text: line["text"]?.stringValue ?? "")
            },
            networkRequests: (value["network"]?.arrayValue ?? []).map { request in
                WorkerNetworkRequest(
                    api: request["api"]?.stringValue ?? "",
                    method: request["method"]?.stringValue ?? "",
                    url: request["url"]?.stringValue ?? "",
                    allowed: request["allowed"] == .bool(true))
            },
            sandboxDenials: (value["sandbox"]?.arrayValue ?? []).compactMap(\.stringValue)
        )
    }

    private func parseLoad(_ value: JSONValue?, line: Int) throws(MalformedLine) -> WorkerLoadFailure? {
        guard let value, value["status"]?.stringValue == "failed" else { return nil }
        let kindText = value["kind"]?.stringValue ?? ""
        guard let kind = WorkerLoadFailureKind(rawValue: kindText) else {
            throw MalformedLine(line: line, reason: "unknown load failure kind \"\(kindText)\"")
        }
        let fields = Fields(value: value, line: line)
        return WorkerLoadFailure(
            kind: kind,
            name: fields.optionalString("name") ?? "Error",
            message: fields.optionalString("message") ?? "",
            scriptURL: fields.optionalString("file"),
            line: fields.optionalInteger("line"),
            column: fields.optionalInteger("column")
        )
    }

    private func parseUncaught(_ value: JSONValue) -> WorkerUncaughtError {
        let fields = Fields(value: value, line: 0)
        return WorkerUncaughtError(
            kind: fields.optionalString("kind").flatMap(WorkerUncaughtError.Kind.init(rawValue:)) ?? .exception,
            name: fields.optionalString("name") ?? "Error",
            message: fields.optionalString("message") ?? "",
            scriptURL: fields.optionalString("file"),
            line: fields.optionalInteger("line"),
            column: fields.optionalInteger("column")
        )
    }

    /// Typed access to an object's members, with the line number for errors.
    private struct Fields {
        var value: JSONValue
        var line: Int

        func string(_ key: String) throws(MalformedLine) -> String {
            guard let text = value[key]?.stringValue else {
                throw MalformedLine(line: line, reason: "\"\(key)\" is missing or not a string")
            }
            return text
        }

        func integer(_ key: String) throws(MalformedLine) -> Int {
            guard let number = optionalInteger(key) else {
                throw MalformedLine(line: line, reason: "\"\(key)\" is missing or not an integer")
            }
            return number
        }

        func optionalString(_ key: String) -> String? {
            value[key]?.stringValue
        }

        func optionalInteger(_ key: String) -> Int? {
            guard case .number(let text)? = value[key] else { return nil }
            return Int(text) ?? Double(text).flatMap { $0.rounded() == $0 ? Int(exactly: $0) : nil }
        }
    }
}
