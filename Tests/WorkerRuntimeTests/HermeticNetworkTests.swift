import Diagnostics
import Foundation
import Testing
@testable import WorkerRuntime

/// The worker's network is that of an offline browser: every request fails at once and is listed.
@Suite struct HermeticNetworkTests {
    /// A handler that tries every network API on ping and replies with what each did.
    static let probe = """
        self.addEventListener('message', function () {
          var results = {};
          var done = function () {
            if (Object.keys(results).length === 5) self.postMessage({ type: 'echo', results: results });
          };
          fetch('http://127.0.0.1:9/api').then(function () { results.fetch = 'ok'; done(); },
            function (error) { results.fetch = error.name + ': ' + error.message + (error instanceof TypeError ? ' (worker TypeError)' : ''); done(); });
          var xhr = new XMLHttpRequest();
          xhr.open('GET', 'https://desktop.example.com/status');
          xhr.onload = function () { results.xhr = 'ok'; done(); };
          xhr.onerror = function () { results.xhr = 'error, status ' + xhr.status; done(); };
          xhr.send();
          var sync = new XMLHttpRequest();
          sync.open('GET', 'https://desktop.example.com/sync', false);
          try { sync.send(); results.syncXHR = 'ok'; } catch (error) { results.syncXHR = error.name; }
          var socket = new WebSocket('wss://desktop.example.com/socket');
          socket.onclose = function (event) { results.webSocket = 'closed ' + event.code; done(); };
          try { importScripts('https://cdn.example.com/library.js'); results.importScripts = 'ok'; } catch (error) { results.importScripts = error.name; }
          done();
        });
        """

    @Test("fetch, XMLHttpRequest, WebSocket and importScripts fail at once, as offline, and are reported")
    func everyRequestFailsAtOnce() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let bundle = fixtures.outputDirectory.appendingPathComponent("probe.js").path
        try Self.probe.write(toFile: bundle, atomically: true, encoding: .utf8)
        let report = try await WorkerFixtures.harness().run(
            bundle: bundle, script: WorkerExchangeScript(prompts: [.ping], replyWait: .seconds(5)), timeout: WorkerFixtures.runLimit)

        let exchange = try #require(report.exchanges.first)
        #expect(exchange.outcome == .succeeded(replyType: "echo"))
        #expect(exchange.reply?["results"] == [
            "syncXHR": "NetworkError", "importScripts": "NetworkError",
            "fetch": "TypeError: Failed to fetch (worker TypeError)", "xhr": "error, status 0", "webSocket": "closed 1006",
        ])
        #expect(exchange.networkRequests.map(\.url).sorted() == [
            "http://127.0.0.1:9/api", "https://cdn.example.com/library.js", "https://desktop.example.com/status",
            "https://desktop.example.com/sync", "wss://desktop.example.com/socket",
        ])
        #expect(exchange.networkRequests.allSatisfy { !$0.allowed })
        #expect(report.diagnostics().map(\.code.identifier) == ["PA255"])
        #expect(exchange.replyTime == .under100ms || exchange.replyTime == .under1s)
    }

    @Test("an allowed loopback endpoint takes only its own port; other ports and hosts still fail at once")
    func allowListIsExact() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let bundle = fixtures.outputDirectory.appendingPathComponent("probe.js").path
        try """
            self.addEventListener('message', function () {
              fetch('http://localhost:9/other-port').then(function () { self.postMessage({ type: 'echo' }); },
                function (error) { self.postMessage({ type: 'pingFailed', error: error }); });
            });
            """.write(toFile: bundle, atomically: true, encoding: .utf8)
        let script = WorkerExchangeScript(
            prompts: [.ping], replyWait: .seconds(5), allowedEndpoints: [try LoopbackEndpoint(parsing: "127.0.0.1:8")],
            expectation: .typedReply)
        let report = try await WorkerFixtures.harness().run(bundle: bundle, script: script, timeout: WorkerFixtures.runLimit)
        #expect(report.exchanges.first?.networkRequests.map(\.allowed) == [false])
        #expect(report.passed)
        #expect(report.diagnostics().map(\.code.identifier) == ["PA253", "PA255"])
        #expect(report.diagnostics().first?.message.hasSuffix("TypeError: Failed to fetch") == true)
    }

    @Test("--smoke-allow takes loopback addresses with a port, nothing else", arguments: [
        ("127.0.0.1:54545", "127.0.0.1:54545"), ("127.1.2.3:1", "127.1.2.3:1"), ("[::1]:8080", "[::1]:8080"),
    ])
    func loopbackEndpoints(text: String, expected: String) throws {
        #expect(try LoopbackEndpoint(parsing: text).description == expected)
    }

    @Test(arguments: ["localhost:54545", "10.0.0.1:80", "example.com:443", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536",
                      "127.0.0.01:80", "[::2]:80", "::1:80", "127.0.0.1:80x"])
    func notLoopbackIsPA256(text: String) {
        #expect(throws: DiagnosticError.self) { try LoopbackEndpoint(parsing: text) }
        do {
            _ = try LoopbackEndpoint(parsing: text)
        } catch {
            #expect(error.diagnostics.map(\.code.identifier) == ["PA256"])
        }
    }
}
