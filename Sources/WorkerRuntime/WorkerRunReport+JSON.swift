import OrderedJSON

extension WorkerRunReport {
    /// The report as the `result` of a `--format json` command report: stable keys in a fixed order,
    /// reply times only as coarse buckets.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("bundle", .string(bundlePath)),
            JSONMember("bundleURL", .string(bundleURL)),
            JSONMember("host", .string(host.rawValue)),
            JSONMember("expectation", .string(expectation.rawValue)),
            JSONMember("allSucceeded", .bool(allSucceeded)),
            JSONMember("passed", .bool(passed)),
            JSONMember("exchanges", .array(exchanges.map(\.jsonValue))),
        ])
    }
}

extension WorkerExchangeResult {
    public var jsonValue: JSONValue {
        var members: [JSONMember] = [
            JSONMember("prompt", .string(prompt.rawValue)),
            JSONMember("worker", .integer(workerIndex)),
            JSONMember("sent", sentMessage),
        ]
        switch outcome {
        case .succeeded(let replyType):
            members.append(JSONMember("outcome", "succeeded"))
            members.append(JSONMember("replyType", .string(replyType)))
        case .failed(let replyType, _):
            members.append(JSONMember("outcome", "failed"))
            members.append(JSONMember("replyType", replyType.map(JSONValue.string) ?? .null))
        case .timedOut:
            members.append(JSONMember("outcome", "timedOut"))
            members.append(JSONMember("replyType", .null))
        case .loadFailed(let message):
            members.append(JSONMember("outcome", "loadFailed"))
            members.append(JSONMember("replyType", .null))
            members.append(JSONMember("loadError", .string(message)))
        }
        members.append(JSONMember("reply", reply ?? .null))
        members.append(JSONMember("replyTime", replyTime.map { .string($0.rawValue) } ?? .null))
        members.append(JSONMember("waitLimitMilliseconds", .integer(waitLimitMilliseconds)))
        members.append(JSONMember("hostTimeoutMilliseconds", hostTimeoutMilliseconds.map(JSONValue.integer) ?? .null))
        members.append(JSONMember("loadFinished", .bool(loadFinished)))
        if let loadFailure {
            members.append(JSONMember("load", .object([
                JSONMember("kind", .string(loadFailure.kind.rawValue)),
                JSONMember("name", .string(loadFailure.name)),
                JSONMember("message", .string(loadFailure.message)),
                JSONMember("script", loadFailure.scriptURL.map(JSONValue.string) ?? .null),
                JSONMember("line", loadFailure.line.map(JSONValue.integer) ?? .null),
                JSONMember("column", loadFailure.column.map(JSONValue.integer) ?? .null),
            ])))
        }
        members.append(JSONMember("messageListeners", .integer(messageListenerCount)))
        members.append(JSONMember("uncaught", .array(uncaught.map { error in
            .object([
                JSONMember("kind", .string(error.kind.rawValue)),
                JSONMember("name", .string(error.name)),
                JSONMember("message", .string(error.message)),
            ])
        })))
        members.append(JSONMember("console", .array(console.map { line in
            .object([JSONMember("level", .string(line.level)), JSONMember("text", .string(line.text))])
        })))
        members.append(JSONMember("network", .array(networkRequests.map { request in
            .object([
                JSONMember("api", .string(request.api)),
                JSONMember("method", .string(request.method)),
                JSONMember("url", .string(request.url)),
                JSONMember("allowed", .bool(request.allowed)),
            ])
        })))
        members.append(JSONMember("sandboxDenied", .array(sandboxDenials.map(JSONValue.string))))
        return .object(members)
    }
}
