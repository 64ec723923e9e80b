import Diagnostics
import Foundation
import Testing
@testable import WorkerRuntime

@Suite("Driving node: lookup and the overall time limit")
struct WorkerHarnessProcessTests {
    @Test("node missing everywhere is PA240 pointing at PATH")
    func nodeMissing() {
        let locator = NodeExecutableLocator(environment: ["PATH": "/nonexistent/bin"])
        #expect {
            try locator.locate()
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.code == .nodeNotFound && diagnostic?.location == .environment("PATH")
        }
    }

    @Test("a NODE variable that names no executable is PA240 at that variable, not a silent fallback to PATH")
    func badNodeVariable() throws {
        let node = try #require(ProcessInfo.processInfo.environment["PA_TEST_NODE"], "PA_TEST_NODE is not set")
        let directory = (node as NSString).deletingLastPathComponent
        let locator = NodeExecutableLocator(environment: ["NODE": "/nonexistent/node", "PATH": directory])
        #expect {
            try locator.locate()
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.location == .environment("NODE")
        }
        #expect(try NodeExecutableLocator(environment: ["PATH": directory]).locate() == "\(directory)/node")
        #expect(try NodeExecutableLocator(environment: ["PA_TEST_NODE": node, "NODE": "/nonexistent/node"]).locate() == node)
    }

    @Test("an explicit path that does not exist is PA240")
    func badExplicitPath() {
        #expect {
            try WorkerHarness(nodePath: "/nonexistent/node", environment: [:])
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.code == .nodeNotFound
        }
    }

    @Test("node is killed when the run exceeds its limit, and the run fails with PA252")
    func overallTimeout() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let harness = try WorkerFixtures.harness()
        let bundle = try fixtures.bundle(provider: "silent-provider")
        let script = WorkerExchangeScript(prompts: [.startExamAttempt], replyWait: .seconds(900))
        let clock = ContinuousClock()
        let started = clock.now
        await #expect {
            try await harness.run(bundle: bundle, script: script, timeout: .milliseconds(800))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.code == .workerRunTimedOut
        }
        // Not a speed assertion: only that the kill happened instead of waiting out the 900 s reply wait
        // (the bound is loose because other tests starve the 2-core test process for minutes at times).
        #expect(clock.now - started < .seconds(600))
    }

    @Test("an executable that is not a working node makes the run fail with PA251, not with an empty report")
    func brokenNode() async throws {
        let fixtures = try WorkerFixtures()
        defer { fixtures.remove() }
        let harness = try WorkerHarness(nodePath: "/bin/false", environment: [:])
        let bundle = try fixtures.bundle(provider: "answering-provider")
        await #expect {
            try await harness.run(bundle: bundle, script: WorkerExchangeScript(prompts: [.ping]), timeout: WorkerFixtures.runLimit)
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.code == .workerHarnessFailed
                && diagnostic?.message == "the worker harness ended with exit status 1 after 0 of 1 exchanges"
        }
    }
}
