import Foundation
import OrderedJSON
import Testing
@testable import WorkerRuntime

/// The harness against upstream's own worker-side code: the real `handlerWrapper` of @edx/edx-proctoring
/// (from the edx-proctoring wheel that scripts/install-test-tools installs), bundled by esbuild as an
/// IIFE for the browser, the way a provider's worker bundle is built.
@Suite("Real handlerWrapper from edx-proctoring")
struct UpstreamHandlerWrapperTests {
    /// `edx_proctoring/static/index.js` inside the test venv next to PA_TEST_PYTHON.
    private func upstreamHandlerWrapper() throws -> URL {
        let python = try #require(ProcessInfo.processInfo.environment["PA_TEST_PYTHON"], "PA_TEST_PYTHON is not set: run scripts/install-test-tools")
        let lib = URL(fileURLWithPath: python).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib")
        let candidates = try FileManager.default.contentsOfDirectory(atPath: lib.path).sorted().map { version in
            lib.appendingPathComponent("\(version)/site-packages/edx_proctoring/static/index.js")
        }
        return try #require(
            candidates.first { FileManager.default.fileExists(atPath: $0.path) },
            "edx_proctoring/static/index.js not found under \(lib.path): run scripts/install-test-tools")
    }

    /// Lays out node_modules/@edx/edx-proctoring as npm would (package.json `main` is
    /// edx_proctoring/static/index.js) and bundles the provider fixture with esbuild.
    private func buildBundle(in fixtures: WorkerFixtures) throws -> String {
        let esbuild = try #require(ProcessInfo.processInfo.environment["PA_TEST_ESBUILD"], "PA_TEST_ESBUILD is not set: run scripts/install-test-tools")
        let root = fixtures.outputDirectory
        let package = root.appendingPathComponent("node_modules/@edx/edx-proctoring")
        let staticDirectory = package.appendingPathComponent("edx_proctoring/static")
        try FileManager.default.createDirectory(at: staticDirectory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try upstreamHandlerWrapper(), to: staticDirectory.appendingPathComponent("index.js"))
        try #"{"name": "@edx/edx-proctoring", "main": "edx_proctoring/static/index.js"}"#
            .write(to: package.appendingPathComponent("package.json"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: WorkerFixtures.directory.appendingPathComponent("upstream-provider/index.js"),
            to: root.appendingPathComponent("provider.js"))

        let output = root.appendingPathComponent("upstream-provider.js")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: esbuild)
        process.currentDirectoryURL = root
        process.arguments = ["provider.js", "--bundle", "--format=iife", "--platform=browser", "--log-level=error", "--outfile=\(output.path)"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "esbuild failed to bundle the upstream-style provider")
        return output.path
    }

    @Test("answers all three prompts; handler methods get (timeout, attemptExternalId) / (attemptExternalId)")
    func answersEveryPrompt() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let bundle = try buildBundle(in: fixtures)
        let report = try await WorkerFixtures.harness().run(bundle: bundle, script: WorkerExchangeScript(), timeout: WorkerFixtures.runLimit)

        #expect(report.exchanges.map(\.outcome) == [
            .succeeded(replyType: "examAttemptStarted"),
            .succeeded(replyType: "echo"),
            .succeeded(replyType: "examAttemptEnded"),
        ])
        #expect(report.exchanges.map { $0.console.last?.text } == [
            "start http://localhost:11136 5000 proctoring-assets-smoke-attempt",
            "ping http://localhost:11136 50000 proctoring-assets-smoke-attempt",
            "end http://localhost:11136 proctoring-assets-smoke-attempt",
        ])
        #expect(report.diagnostics().isEmpty)
    }

    @Test("config re-creates the handler with its options and sends no reply of its own")
    func configMessage() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let bundle = try buildBundle(in: fixtures)
        let script = WorkerExchangeScript(prompts: [.ping], configOptions: ["appUrl": "http://configured.example"])
        let report = try await WorkerFixtures.harness().run(bundle: bundle, script: script, timeout: WorkerFixtures.runLimit)

        // Had config produced a reply, the host would have taken it as the (failed) answer to ping.
        #expect(report.exchanges.map(\.outcome) == [.succeeded(replyType: "echo")])
        #expect(report.exchanges.first?.console.last?.text == "ping http://configured.example 50000 proctoring-assets-smoke-attempt")
    }

    @Test("a rejected start replies examAttemptStartFailed with the Error as `error`")
    func rejectedStart() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let bundle = try buildBundle(in: fixtures)
        let script = WorkerExchangeScript(prompts: [.startExamAttempt], attemptExternalId: "refuse-me")
        let report = try await WorkerFixtures.harness().run(bundle: bundle, script: script, timeout: WorkerFixtures.runLimit)

        let expected: JSONValue = [
            "type": "examAttemptStartFailed",
            "error": ["$error": "Error", "message": "Proctoring app is not running."],
        ]
        #expect(report.exchanges.map(\.outcome) == [.failed(replyType: "examAttemptStartFailed", payload: expected)])
        #expect(report.diagnostics().map(\.code.identifier) == ["PA248"])
    }
}
