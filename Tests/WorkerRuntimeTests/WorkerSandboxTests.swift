import Foundation
import Testing
@testable import WorkerRuntime

/// Hostile bundles: each tries to write a marker file by another route out of the worker scope, and
/// registers a handler that answers every prompt with success so only the sandbox can fail the run.
/// The marker must never appear, and the run reports what happened (and fails, where node's process was reached).
@Suite struct WorkerSandboxTests {
    /// A handler that answers ping with `echo` after `escape` ran (its errors swallowed when `swallow`).
    static func bundle(escape: String, atLoad: Bool, swallow: Bool) -> String {
        let attempt = swallow ? "try { \(escape) } catch (ignored) {}" : escape
        let load = atLoad ? attempt : ""
        let onPrompt = atLoad ? "" : attempt
        return """
            \(load)
            self.addEventListener('message', function (event) {
              \(onPrompt)
              setTimeout(function () { self.postMessage({ type: 'echo' }); }, 50);
            });
            """
    }

    struct EscapeRoute: Sendable, CustomTestStringConvertible {
        var name: String
        /// JavaScript that writes MARKER (replaced by the marker's path) if it gets out.
        var code: String
        var atLoad: Bool
        var swallow: Bool
        /// Codes the run must report (besides never passing).
        var expectedCodes: Set<String>
        var testDescription: String { name }
    }

    static let routes: [EscapeRoute] = [
        EscapeRoute(
            name: "constructor of a host function at load",
            code: "(setTimeout.constructor)('return process')().getBuiltinModule('fs').writeFileSync('MARKER', 'x');",
            atLoad: true, swallow: false, expectedCodes: ["PA244", "PA254"]),
        EscapeRoute(
            name: "constructor of postMessage in the handler, error swallowed",
            code: "(postMessage.constructor)('return process')().getBuiltinModule('fs').writeFileSync('MARKER', 'x');",
            atLoad: false, swallow: true, expectedCodes: ["PA254"]),
        EscapeRoute(
            name: "constructor of a host function's prototype chain, fs/promises",
            code: "(Object.getPrototypeOf(addEventListener).constructor)('return process')().getBuiltinModule('fs/promises').writeFile('MARKER', 'x').catch(function () {});",
            atLoad: false, swallow: true, expectedCodes: ["PA254"]),
        EscapeRoute(
            name: "globalThis.process",
            code: "globalThis.process.getBuiltinModule('fs').writeFileSync('MARKER', 'x');",
            atLoad: true, swallow: false, expectedCodes: ["PA244"]),
        EscapeRoute(
            name: "dynamic import in the bundle",
            code: "import('node:fs').then(function (fs) { fs.writeFileSync('MARKER', 'x'); });",
            atLoad: true, swallow: false, expectedCodes: ["PA250"]),
        EscapeRoute(
            name: "dynamic import through a host function",
            code: "(setTimeout.constructor)('return import(\"node:fs\")')().then(function (fs) { fs.writeFileSync('MARKER', 'x'); });",
            atLoad: true, swallow: false, expectedCodes: ["PA250"]),
        EscapeRoute(
            name: "require",
            code: "require('fs').writeFileSync('MARKER', 'x');",
            atLoad: true, swallow: false, expectedCodes: ["PA243"]),
        EscapeRoute(
            name: "require made from the host's module builtin, error swallowed",
            code: "(setTimeout.constructor)('return process')().getBuiltinModule('module').createRequire('/')('fs').writeFileSync('MARKER', 'x');",
            atLoad: false, swallow: true, expectedCodes: ["PA254"]),
        EscapeRoute(
            name: "a child process",
            code: "(setTimeout.constructor)('return process')().getBuiltinModule('child_process').execFileSync('/bin/sh', ['-c', 'echo x > MARKER']);",
            atLoad: false, swallow: true, expectedCodes: ["PA254"]),
        EscapeRoute(
            name: "a worker thread",
            code: "var P = (setTimeout.constructor)('return process')(); new (P.getBuiltinModule('worker_threads').Worker)(\"require('fs').writeFileSync('MARKER', 'x')\", { eval: true });",
            atLoad: false, swallow: true, expectedCodes: ["PA254"]),
    ]

    @Test(arguments: routes)
    func theMarkerIsNeverWritten(route: EscapeRoute) async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let marker = fixtures.outputDirectory.appendingPathComponent("MARKER").path
        let source = Self.bundle(
            escape: route.code.replacingOccurrences(of: "MARKER", with: marker), atLoad: route.atLoad, swallow: route.swallow)
        let bundle = fixtures.outputDirectory.appendingPathComponent("hostile.js").path
        try source.write(toFile: bundle, atomically: true, encoding: .utf8)

        let report = try await WorkerFixtures.harness().run(
            bundle: bundle, script: WorkerExchangeScript(prompts: [.ping], replyWait: .seconds(3)), timeout: WorkerFixtures.runLimit)

        // Give anything that escaped a moment to land.
        try await Task.sleep(for: .milliseconds(300))
        #expect(!FileManager.default.fileExists(atPath: marker), "\(route.name) wrote the marker")
        let codes = Set(report.diagnostics().map(\.code.identifier))
        #expect(route.expectedCodes.isSubset(of: codes), "codes: \(codes.sorted())")
        // A route the worker scope already refuses (a rejected import, as in a browser) is a warning only;
        // every route that reached node's process fails the run.
        if route.expectedCodes != ["PA250"] { #expect(!report.passed) }
    }

    @Test("signals to other processes are refused, and sockets leave only for allowed endpoints")
    func signalsAndSockets() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let bundle = fixtures.outputDirectory.appendingPathComponent("hostile.js").path
        let source = Self.bundle(
            escape: """
                var P = (setTimeout.constructor)('return process')();
                try { P.kill(\(ProcessInfo.processInfo.processIdentifier), 'SIGTERM'); } catch (e) {}
                try { P.getBuiltinModule('net').connect(80, '192.0.2.1'); } catch (e) {}
                try { P.getBuiltinModule('dns').lookup('example.com', function () {}); } catch (e) {}
                """,
            atLoad: true, swallow: false)
        try source.write(toFile: bundle, atomically: true, encoding: .utf8)
        let report = try await WorkerFixtures.harness().run(
            bundle: bundle, script: WorkerExchangeScript(prompts: [.ping], replyWait: .seconds(3)), timeout: WorkerFixtures.runLimit)

        let exchange = try #require(report.exchanges.first)
        #expect(exchange.outcome == .succeeded(replyType: "echo"))
        #expect(exchange.sandboxDenials == [
            "send a signal to process \(ProcessInfo.processInfo.processIdentifier)", "connect to 192.0.2.1:80",
            "DNS look-up of example.com",
        ])
        #expect(!report.passed)
        #expect(report.diagnostics().map(\.code.identifier) == ["PA254"])
    }
}
