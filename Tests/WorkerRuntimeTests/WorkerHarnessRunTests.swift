import Diagnostics
import OrderedJSON
import Testing
@testable import WorkerRuntime

/// Real node runs of the fixture bundles, checked outcome by outcome.
@Suite("Worker harness runs bundles in node like a browser worker")
struct WorkerHarnessRunTests {
    private func run(_ path: String, _ script: WorkerExchangeScript) async throws -> WorkerRunReport {
        try await WorkerFixtures.harness().run(bundle: path, script: script, timeout: WorkerFixtures.runLimit)
    }

    @Test("a provider built on handlerWrapper answers start, ping and submit, each in a fresh worker")
    func answeringProvider() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let report = try await run(try fixtures.bundle(provider: "answering-provider"), WorkerExchangeScript())

        #expect(report.exchanges.map(\.outcome) == [
            .succeeded(replyType: "examAttemptStarted"),
            .succeeded(replyType: "echo"),
            .succeeded(replyType: "examAttemptEnded"),
        ])
        #expect(report.exchanges.map(\.workerIndex) == [0, 1, 2])
        #expect(report.exchanges.map(\.messageListenerCount) == [1, 1, 1])
        #expect(report.allSucceeded)
        #expect(report.diagnostics().isEmpty)
        #expect(report.bundleURL == "http://localhost:18000/static/bundles/answering-provider.js")
        // The handler got what the MFE sends: handlerWrapper passes timeout and attemptExternalId.
        #expect(report.exchanges[0].console == [
            WorkerConsoleLine(level: "log", text: "answering provider loaded"),
            WorkerConsoleLine(level: "log", text: "start http://localhost:11136 5000 proctoring-assets-smoke-attempt"),
        ])
        #expect(report.exchanges[1].console.last?.text == "ping http://localhost:11136 50000 proctoring-assets-smoke-attempt")
        #expect(report.exchanges[2].console.last?.text == "end http://localhost:11136 proctoring-assets-smoke-attempt")
        #expect(report.exchanges[1].hostTimeoutMilliseconds == 60000)
        #expect(report.exchanges[0].replyTime != nil)
    }

    @Test("a config message reaches the handler, and one shared worker answers every prompt")
    func configAndSharedWorker() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let script = WorkerExchangeScript(
            lifetime: .shared, prompts: [.ping, .ping], configOptions: ["appUrl": "http://config.example"])
        let report = try await run(try fixtures.bundle(provider: "answering-provider"), script)

        #expect(report.exchanges.map(\.outcome) == [.succeeded(replyType: "echo"), .succeeded(replyType: "echo")])
        #expect(report.exchanges.map(\.workerIndex) == [0, 0])
        // The load-time line belongs to the first exchange only: the worker was loaded once.
        #expect(report.exchanges[0].console.map(\.text) == [
            "answering provider loaded", "ping http://config.example 50000 proctoring-assets-smoke-attempt",
        ])
        #expect(report.exchanges[1].console.map(\.text) == ["ping http://config.example 50000 proctoring-assets-smoke-attempt"])
    }

    @Test("the legacy courseware page sends no attemptExternalId and the PUT response as submit's timeout")
    func legacyHost() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let script = WorkerExchangeScript(host: .legacyCourseware, prompts: [.startExamAttempt, .endExamAttempt])
        let report = try await run(try fixtures.bundle(provider: "answering-provider"), script)

        #expect(report.allSucceeded)
        #expect(report.exchanges[0].sentMessage == ["type": "startExamAttempt", "timeout": 60000])
        #expect(report.exchanges[1].sentMessage == ["type": "endExamAttempt", "timeout": ["exam_attempt_id": 1]])
        #expect(report.exchanges[0].console.last?.text == "start http://localhost:11136 60000 undefined")
        #expect(report.exchanges[1].console.last?.text == "end http://localhost:11136 undefined")
    }

    @Test("a worker that never answers times out, and the report says the host would wait")
    func silentProvider() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let script = WorkerExchangeScript(prompts: [.startExamAttempt, .ping], replyWait: .milliseconds(300))
        let report = try await run(try fixtures.bundle(provider: "silent-provider"), script)

        #expect(report.exchanges.map(\.outcome) == [.timedOut, .timedOut])
        #expect(report.exchanges.map(\.waitLimitMilliseconds) == [300, 300])
        #expect(report.exchanges.map(\.replyTime) == [nil, nil])
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA247", "PA247"])
        #expect(diagnostics[0].message == "worker did not reply to `startExamAttempt` within 300 ms")
        #expect(diagnostics[0].notes.contains("the host has no time-out for starting the exam: the learner would wait forever"))
        #expect(diagnostics[1].notes.contains(
            "the host gives up on the periodic ping after 60000 ms and then records an error on the attempt"))
        #expect(diagnostics[0].fix?.contains("onStartExamAttempt") == true)
    }

    @Test("a rejected start comes back as examAttemptStartFailed with the rejection as error")
    func startRejectingProvider() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let report = try await run(try fixtures.bundle(provider: "start-rejecting-provider"), WorkerExchangeScript())

        let expectedReply: JSONValue = [
            "type": "examAttemptStartFailed",
            "error": ["$error": "Error", "message": "Proctoring app is not running."],
        ]
        #expect(report.exchanges.map(\.outcome) == [
            .failed(replyType: "examAttemptStartFailed", payload: expectedReply),
            .succeeded(replyType: "echo"),
            .succeeded(replyType: "examAttemptEnded"),
        ])
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA248"])
        #expect(diagnostics.first?.message == "worker refused `startExamAttempt`: it replied `examAttemptStartFailed`")
        #expect(diagnostics.first?.notes == ["error sent by the worker: Error: Proctoring app is not running."])
    }

    @Test("a message posted at load is taken as the reply, so every prompt fails with a wrong type")
    func chattyProvider() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let script = WorkerExchangeScript(prompts: [.ping])
        let report = try await run(try fixtures.bundle(provider: "chatty-provider"), script)

        #expect(report.exchanges.map(\.outcome) == [.failed(replyType: "providerReady", payload: ["type": "providerReady"])])
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA249"])
        #expect(diagnostics.first?.message
            == "worker answered `ping` with `providerReady`, which is neither `echo` nor `pingFailed`; the host treats it as a failure")
    }

    @Test("errors thrown from timers and unhandled rejections are reported without stopping the worker")
    func leakyProvider() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let report = try await run(try fixtures.bundle(provider: "leaky-provider"), WorkerExchangeScript(prompts: [.ping]))

        let exchange = try #require(report.exchanges.first)
        #expect(exchange.outcome == .succeeded(replyType: "echo"))
        #expect(Set(exchange.uncaught.map { "\($0.kind.rawValue) \($0.name): \($0.message)" }) == [
            "exception TypeError: status poll failed",
            "unhandledRejection Error: telemetry upload failed",
        ])
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA250", "PA250"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        let thrown = try #require(exchange.uncaught.first { $0.kind == .exception })
        #expect(thrown.line == 42)  // line 5 of leaky-provider.js after the 37 lines of the wrapper
    }

    @Test("XMLHttpRequest exists in the worker scope; an unreachable desktop app makes ping fail, not the load")
    func xmlHttpRequestProvider() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let report = try await run(try fixtures.bundle(provider: "xhr-provider"), WorkerExchangeScript(prompts: [.ping]))

        #expect(report.exchanges.map(\.outcome) == [
            .failed(replyType: "pingFailed", payload: ["type": "pingFailed", "error": ["status": 0, "statusText": ""]]),
        ])
        // The harness is hermetic: the request failed at once and is listed as blocked.
        #expect(report.exchanges.first?.networkRequests == [
            WorkerNetworkRequest(api: "XMLHttpRequest", method: "GET", url: "http://127.0.0.1:9/desktop/ping", allowed: false),
        ])
        #expect(report.diagnostics().map(\.code.identifier) == ["PA248", "PA255"])
        #expect(report.diagnostics().first?.notes == [#"error sent by the worker: {"status":0,"statusText":""}"#])
        #expect(report.diagnostics().last?.notes == ["GET http://127.0.0.1:9/desktop/ping (XMLHttpRequest)"])
    }

    @Test("a failure value that cannot be structured-cloned means no reply at all, and an unhandled DataCloneError")
    func uncloneableRejection() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let script = WorkerExchangeScript(prompts: [.ping], replyWait: .milliseconds(500))
        let report = try await run(try fixtures.bundle(provider: "uncloneable-rejection-provider"), script)

        let exchange = try #require(report.exchanges.first)
        #expect(exchange.outcome == .timedOut)
        #expect(exchange.uncaught.map { "\($0.kind.rawValue) \($0.name)" } == ["unhandledRejection DataCloneError"])
        #expect(report.diagnostics().map(\.code.identifier) == ["PA247", "PA250"])
    }

    @Test("the JSON form keeps the outcome, the reply and the load error")
    func jsonForm() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let report = try await run(try fixtures.bundle(provider: "start-rejecting-provider"), WorkerExchangeScript(prompts: [.startExamAttempt]))

        let exchange = try #require(report.jsonValue["exchanges"]?.arrayValue?.first)
        #expect(report.jsonValue["allSucceeded"] == false)
        #expect(exchange["outcome"] == "failed")
        #expect(exchange["replyType"] == "examAttemptStartFailed")
        #expect(exchange["reply"]?["error"]?["message"] == "Proctoring app is not running.")
        #expect(exchange["sent"]?["timeout"] == 5000)
    }
}
