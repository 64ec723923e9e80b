import Diagnostics
import OrderedJSON
import Testing
@testable import WorkerRuntime

@Suite("Messages and timeouts each host sends")
struct WorkerExchangeScriptTests {
    @Test("learning MFE: 5000 for start, 0 for submit, (ping_interval - 10) s for ping, with attemptExternalId")
    func learningMFEMessages() {
        let script = WorkerExchangeScript(attemptExternalId: "abc", pingIntervalSeconds: 30)
        #expect(script.message(for: .startExamAttempt) == ["type": "startExamAttempt", "timeout": 5000, "attemptExternalId": "abc"])
        #expect(script.message(for: .endExamAttempt) == ["type": "endExamAttempt", "timeout": 0, "attemptExternalId": "abc"])
        #expect(script.message(for: .ping) == ["type": "ping", "timeout": 20000, "attemptExternalId": "abc"])
        #expect(script.hostTimeoutMilliseconds(for: .ping) == 30000)
        #expect(script.hostTimeoutMilliseconds(for: .startExamAttempt) == nil)
        #expect(script.hostTimeoutMilliseconds(for: .endExamAttempt) == nil)
    }

    @Test("legacy courseware: ping interval for start, the PUT response for submit, no attemptExternalId")
    func legacyMessages() {
        let script = WorkerExchangeScript(host: .legacyCourseware, pingIntervalSeconds: 60)
        #expect(script.message(for: .startExamAttempt) == ["type": "startExamAttempt", "timeout": 60000])
        #expect(script.message(for: .endExamAttempt) == ["type": "endExamAttempt", "timeout": ["exam_attempt_id": 1]])
        #expect(script.message(for: .ping) == ["type": "ping", "timeout": 50000])
    }

    @Test("reply names are the upstream ones")
    func replyNames() {
        #expect(WorkerPrompt.allCases.map(\.successReplyType) == ["examAttemptStarted", "examAttemptEnded", "echo"])
        #expect(WorkerPrompt.allCases.map(\.failureReplyType) == ["examAttemptStartFailed", "examAttemptEndFailed", "pingFailed"])
    }

    @Test("the harness argument is deterministic JSON")
    func harnessArgument() throws {
        let script = WorkerExchangeScript(prompts: [.ping], replyWait: .milliseconds(1500))
        let text = script.harnessArgument(bundlePath: "/static/bundles/mockprock.js")
        #expect(text == script.harnessArgument(bundlePath: "/static/bundles/mockprock.js"))
        let value = try JSONParser.parse(text)
        #expect(value["bundleURL"] == "http://localhost:18000/static/bundles/mockprock.js")
        #expect(value["replyWaitMilliseconds"] == 1500)
        #expect(value["loadWaitMilliseconds"] == 10000)
        #expect(value["processStartAllowanceMilliseconds"] == 20000)
        #expect(value["allow"] == [])
        #expect(value["config"] == .null)
        #expect(value["exchanges"] == [[
            "prompt": "ping",
            "message": ["type": "ping", "timeout": 50000, "attemptExternalId": "proctoring-assets-smoke-attempt"],
            "successType": "echo",
            "hostTimeoutMilliseconds": 60000,
        ]])
    }

    @Test("the suggested run limit covers every exchange's process start, load and reply waits")
    func suggestedRunTimeout() {
        let script = WorkerExchangeScript(replyWait: .seconds(2), loadWait: .seconds(3))
        #expect(script.suggestedRunTimeout == .seconds((20 + 3 + 2) * 3 + 5))
    }

    @Test("codes are unique and inside PA240-PA259")
    func catalog() {
        let identifiers = WorkerRuntimeCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        #expect(identifiers.allSatisfy { $0 >= "PA240" && $0 <= "PA259" })
    }
}
