import Diagnostics
import Testing
@testable import WorkerRuntime

/// Bundles that break while the worker loads them: each kind is told apart and has its own code.
@Suite("Load failures are reported distinctly")
struct WorkerLoadFailureTests {
    private func runStandalone(_ name: String, prompts: [WorkerPrompt] = [.ping]) async throws -> WorkerRunReport {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.standalone(name)
        return try await WorkerFixtures.harness().run(bundle: path, script: WorkerExchangeScript(prompts: prompts), timeout: WorkerFixtures.runLimit)
    }

    @Test("process.env left unsubstituted: process is not defined, even though node's own workers have process")
    func processEnvironmentAtLoad() async throws {
        let report = try await runStandalone("process-env-at-load", prompts: [.startExamAttempt, .ping])

        #expect(report.exchanges.map(\.outcome) == [
            .loadFailed(message: "ReferenceError: process is not defined"),
            .loadFailed(message: "ReferenceError: process is not defined"),
        ])
        let failure = try #require(report.exchanges.first?.loadFailure)
        #expect(failure == WorkerLoadFailure(
            kind: .processNotDefined, name: "ReferenceError", message: "process is not defined",
            scriptURL: "http://localhost:18000/static/bundles/process-env-at-load.js", line: 3, column: 34))
        #expect(report.exchanges.map(\.messageListenerCount) == [0, 0])
        // One finding for the bundle, not one per fresh worker.
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA242"])
        #expect(diagnostics.first?.location == .file(report.bundlePath, line: 3, column: 34))
        #expect(diagnostics.first?.fix?.contains("JS_ENV_EXTRA_CONFIG") == true)
    }

    @Test("a page global used at top level is an undefined identifier")
    func windowAtLoad() async throws {
        let report = try await runStandalone("window-at-load")

        #expect(report.exchanges.map(\.outcome) == [.loadFailed(message: "ReferenceError: window is not defined")])
        #expect(report.exchanges.first?.loadFailure?.kind == .referenceError)
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA243"])
        #expect(diagnostics.first?.message
            == "worker bundle uses `window`, which a worker scope does not have: ReferenceError: window is not defined")
        #expect(diagnostics.first?.location == .file(report.bundlePath, line: 2, column: 1))
    }

    @Test("top-level code that throws (a SyntaxError from JSON.parse is not a syntax error of the bundle)")
    func throwsAtLoad() async throws {
        let report = try await runStandalone("throws-at-load")

        let failure = try #require(report.exchanges.first?.loadFailure)
        #expect(failure.kind == .exception)
        #expect(failure.name == "SyntaxError")
        #expect(failure.message.contains("JSON"))
        #expect(failure.line == 4)
        guard case .loadFailed(let message)? = report.exchanges.first?.outcome else {
            Issue.record("expected a load failure, got \(String(describing: report.exchanges.first?.outcome))")
            return
        }
        #expect(message.hasPrefix("SyntaxError: "))
        #expect(report.diagnostics().map(\.code.identifier) == ["PA244"])
    }

    @Test("a bundle that does not parse")
    func syntaxError() async throws {
        let report = try await runStandalone("syntax-error")

        #expect(report.exchanges.map(\.outcome) == [.loadFailed(message: "SyntaxError: Unexpected token ';'")])
        #expect(report.exchanges.first?.loadFailure == WorkerLoadFailure(
            kind: .syntaxError, name: "SyntaxError", message: "Unexpected token ';'",
            scriptURL: "http://localhost:18000/static/bundles/syntax-error.js", line: 4, column: 1))
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA241"])
        #expect(diagnostics.first?.location == .file(report.bundlePath, line: 4, column: 1))
    }

    @Test("a URL with a quote breaks the host's one-line blob wrapper")
    func quoteInURL() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let script = WorkerExchangeScript(prompts: [.ping], bundleURL: "http://localhost:18000/static/bundles/it's.js")
        let report = try await WorkerFixtures.harness().run(
            bundle: try fixtures.bundle(provider: "answering-provider"), script: script, timeout: WorkerFixtures.runLimit)

        #expect(report.exchanges.first?.loadFailure?.kind == .wrapperSyntaxError)
        #expect(report.diagnostics().map(\.code.identifier) == ["PA246"])
    }

    @Test("nothing served at the URL: importScripts fails with a NetworkError")
    func missingBundle() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let missing = fixtures.outputDirectory.appendingPathComponent("missing.js").path
        let report = try await WorkerFixtures.harness().run(
            bundle: missing, script: WorkerExchangeScript(prompts: [.ping]), timeout: WorkerFixtures.runLimit)

        let failure = try #require(report.exchanges.first?.loadFailure)
        #expect(failure.kind == .scriptNotLoaded)
        #expect(failure.name == "NetworkError")
        #expect(report.diagnostics().map(\.code.identifier) == ["PA245"])
    }

    @Test("top-level code that never finishes: no reply, and the report says loading had not finished")
    func endlessLoopAtLoad() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let script = WorkerExchangeScript(prompts: [.ping], replyWait: .milliseconds(300), loadWait: .seconds(1))
        let report = try await WorkerFixtures.harness().run(
            bundle: try fixtures.standalone("endless-loop-at-load"), script: script, timeout: WorkerFixtures.runLimit)

        let exchange = try #require(report.exchanges.first)
        #expect(exchange.outcome == .timedOut)
        #expect(exchange.loadFinished == false)
        let diagnostics = report.diagnostics()
        #expect(diagnostics.map(\.code.identifier) == ["PA247"])
        #expect(diagnostics.first?.notes.contains(
            "the bundle had not finished loading (its top-level code was still running), so the worker never read the prompt") == true)
    }
}
