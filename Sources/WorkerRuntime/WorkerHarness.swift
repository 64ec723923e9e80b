import Diagnostics
import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a worker bundle in node through the embedded worker harness and reports how it answered each prompt.
///
/// The harness imitates the browser side faithfully (classic script on a blob: URL, a worker-shaped global
/// scope without `process`, `window` or `document`, one fresh worker per prompt) so a bundle that passes
/// here loads and answers in a real dedicated worker. Each worker is a separate node process under node's
/// permission model: it reads no file (it is handed the bundle's text), writes none, starts no process or
/// thread, loads no addon, has an empty environment, and opens no socket except to the loopback endpoints
/// the script allows. The worker's network is that of an offline browser: every request fails at once
/// unless it goes to an allowed endpoint, and each request is in the report.
public struct WorkerHarness: Sendable {
    public let nodePath: String

    /// - Parameters:
    ///   - nodePath: node to use; nil looks at `PA_TEST_NODE`, `NODE`, then PATH.
    ///   - environment: where the lookup reads those variables.
    public init(nodePath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DiagnosticError) {
        self.nodePath = try NodeExecutableLocator(environment: environment).locate(explicitPath: nodePath)
    }

    /// node's arguments before the script JSON: the embedded harness as an ES module, node's experimental
    /// warnings (the permission model is one) kept off the error output.
    static let harnessArguments = ["--no-warnings", "--input-type=module", "--eval", WorkerHarnessSource.javaScript]

    /// Runs every prompt of `script` against `bundle` (a file path). Never outlives `timeout`: node is killed
    /// then, and the run fails with PA252. Problems of the bundle are in the report (see `diagnostics()`);
    /// only problems of the run itself are thrown.
    public func run(bundle: String, script: WorkerExchangeScript, timeout: Duration) async throws(DiagnosticError) -> WorkerRunReport {
        let bundlePath = absolutePath(bundle)
        let argument = script.harnessArgument(bundlePath: bundlePath)
        let run: HarnessProcessResult
        do {
            run = try await runNode(arguments: Self.harnessArguments + [argument], timeout: timeout)
        } catch {
            throw DiagnosticError(Diagnostic(
                .workerHarnessFailed, "could not run \(nodePath): \(error)", at: .file(bundle),
                fix: "check that \(nodePath) is a working node executable (`\(nodePath) --version`)"))
        }
        let stderrNotes = run.standardError.split(separator: "\n").prefix(20).map { "node: \($0)" }

        var exchanges: [WorkerExchangeResult] = []
        let parser = WorkerHarnessOutputParser()
        for (offset, line) in run.standardOutputLines.enumerated() where !line.isEmpty {
            do {
                exchanges.append(try parser.parseLine(line, number: offset + 1))
            } catch {
                // A kill can cut the last line short; that is the time-out's fault, reported below.
                if run.wasKilled { break }
                throw DiagnosticError(Diagnostic(
                    .workerHarnessFailed, "the worker harness printed something unexpected: \(error)", at: .file(bundle),
                    fix: "use node 20 or newer; report the problem if it persists", notes: stderrNotes))
            }
        }
        if run.wasKilled {
            throw DiagnosticError(Diagnostic(
                .workerRunTimedOut,
                "the worker smoke run did not finish within \(WorkerExchangeScript.milliseconds(timeout)) ms; "
                    + "\(exchanges.count) of \(script.prompts.count) exchanges completed",
                at: .file(bundle),
                fix: "allow more time than the exchanges need: `WorkerExchangeScript.suggestedRunTimeout` is "
                    + "\(WorkerExchangeScript.milliseconds(script.suggestedRunTimeout)) ms here",
                notes: stderrNotes))
        }
        guard run.exitedSuccessfully, exchanges.count == script.prompts.count else {
            throw DiagnosticError(Diagnostic(
                .workerHarnessFailed,
                "the worker harness ended with \(run.statusDescription) after \(exchanges.count) of \(script.prompts.count) exchanges",
                at: .file(bundle),
                fix: "use node 20 or newer (`\(nodePath) --version`); the notes carry node's error output",
                notes: stderrNotes))
        }
        return WorkerRunReport(
            bundlePath: bundle,
            bundleURL: script.resolvedBundleURL(bundlePath: bundlePath),
            host: script.host,
            exchanges: exchanges,
            expectation: script.expectation)
    }

    private func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    private struct HarnessProcessResult: Sendable {
        var standardOutputLines: [String]
        var standardError: String
        var wasKilled: Bool
        var exitedSuccessfully: Bool
        var statusDescription: String
    }

    private enum ReaderEvent: Sendable {
        case output([String])
        case deadlinePassed
        case deadlineCancelled
    }

    /// Runs node, reading stdout lines until it closes; a timer kills node at the deadline.
    private func runNode(arguments: [String], timeout: Duration) async throws -> HarnessProcessResult {
        let result = try await Subprocess.run(
            .path(FilePath(nodePath)),
            arguments: Arguments(arguments),
            // NODE_OPTIONS could load preloads or change warnings into errors; the harness wants plain node.
            environment: .inherit.updating(["NODE_OPTIONS": nil]),
            input: .none,
            output: .sequence,
            error: .string(limit: 1 << 20)
        ) { execution in
            try await withThrowingTaskGroup(of: ReaderEvent.self) { group in
                group.addTask {
                    var lines: [String] = []
                    for try await line in execution.standardOutput.strings(bufferingPolicy: .maxLineLength(16 << 20)) {
                        lines.append(line)
                    }
                    return .output(lines)
                }
                group.addTask {
                    do {
                        try await Task.sleep(for: timeout)
                    } catch {
                        return .deadlineCancelled
                    }
                    try? execution.send(signal: .kill)
                    return .deadlinePassed
                }
                var lines: [String] = []
                var killed = false
                while let event = try await group.next() {
                    switch event {
                    case .output(let read):
                        lines = read
                        group.cancelAll()
                    case .deadlinePassed:
                        killed = true
                    case .deadlineCancelled:
                        break
                    }
                }
                return (lines, killed)
            }
        }
        let (lines, killed) = result.closureResult
        let exitedSuccessfully: Bool
        let statusDescription: String
        switch result.terminationStatus {
        case .exited(let code):
            exitedSuccessfully = code == 0
            statusDescription = "exit status \(code)"
        case .signaled(let signal):
            exitedSuccessfully = false
            statusDescription = "signal \(signal)"
        }
        return HarnessProcessResult(
            standardOutputLines: lines,
            standardError: result.standardError,
            wasKilled: killed,
            exitedSuccessfully: exitedSuccessfully,
            statusDescription: statusDescription)
    }
}
