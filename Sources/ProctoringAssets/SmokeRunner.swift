import Diagnostics
import Foundation
import Verification
import WorkerRuntime

/// `verify --smoke`: runs each bundle that passed the static checks in node's sandboxed worker harness, as
/// the learning MFE would (startExamAttempt, ping, endExamAttempt, a fresh worker each), with the network
/// off except for the `--smoke-allow` endpoints. A bundle inside an archive is written to a temporary file
/// for the run and removed after.
struct SmokeRunner {
    let input: VerificationInput
    let options: VerifyOptions

    /// The `timeout` sent with startExamAttempt and ping: short, so a worker that retries an absent desktop
    /// application a few times (Proctortrack 1.x: 5 tries at `timeout / 5`) still answers within seconds.
    static let promptTimeoutMilliseconds = 1000

    /// The prompts with the run's expectation and endpoints. The reply wait covers a worker that retries on
    /// its own clock (Proctortrack 2.x: 5 retries 2 s apart, whatever the timeout).
    static func script(expectation: SmokeRunOptions.Expectation, allowedEndpoints: [LoopbackEndpoint]) -> WorkerExchangeScript {
        WorkerExchangeScript(
            prompts: [.startExamAttempt, .ping, .endExamAttempt],
            replyWait: .seconds(20),
            promptTimeoutMilliseconds: promptTimeoutMilliseconds,
            allowedEndpoints: allowedEndpoints,
            expectation: expectation == .success ? .success : .typedReply)
    }

    func run(_ bundles: [VerifiedBundle], diagnostics: DiagnosticCollector) async -> [String: WorkerRunReport] {
        var endpoints: [LoopbackEndpoint] = []
        do {
            for text in options.smokeRun.allow { endpoints.append(try LoopbackEndpoint(parsing: text)) }
        } catch {
            diagnostics.absorb(error)
            return [:]
        }
        let candidates = bundles.filter { $0.scriptIsSound && $0.script != nil }
        guard !candidates.isEmpty else { return [:] }
        let harness: WorkerHarness
        do {
            harness = try WorkerHarness(nodePath: options.nodePath, environment: options.environment)
        } catch {
            diagnostics.absorb(error)
            return [:]
        }
        let script = Self.script(expectation: options.smokeRun.expectation, allowedEndpoints: endpoints)
        var reports: [String: WorkerRunReport] = [:]
        for bundle in candidates {
            guard let bundleScript = bundle.script else { continue }
            let location = input.location(of: bundleScript.path)
            let runnable: String
            var scratch: String?
            switch input.source {
            case .folder:
                runnable = bundleScript.path
            case .archive:
                guard let contents = bundle.scriptContents else { continue }
                do {
                    let folder = FileManager.default.temporaryDirectory
                        .appendingPathComponent("pa-verify-smoke-\(UUID().uuidString)").path
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    scratch = folder
                    runnable = folder + "/" + (bundleScript.path.split(separator: "/").last.map(String.init) ?? "bundle.js")
                    try Data(contents).write(to: URL(fileURLWithPath: runnable))
                } catch {
                    if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
                    diagnostics.emit(
                        Diagnostic(
                            .workerSmokeRunFailed, "cannot write \(bundle.name)'s bundle to a temporary file: \(error)",
                            at: location, fix: "free space in the temporary folder (TMPDIR)"))
                    continue
                }
            }
            defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
            do {
                let report = try await harness.run(bundle: runnable, script: script, timeout: script.suggestedRunTimeout)
                reports[bundle.name] = report
                for finding in report.diagnostics() {
                    diagnostics.emit(relocate(finding, from: runnable, to: bundleScript.path))
                }
            } catch {
                for finding in error.diagnostics { diagnostics.emit(relocate(finding, from: runnable, to: bundleScript.path)) }
            }
        }
        return reports
    }

    private func relocate(_ diagnostic: Diagnostic, from runnable: String, to path: String) -> Diagnostic {
        guard let location = diagnostic.location, location.file == runnable else { return diagnostic }
        var moved = diagnostic
        moved.location = input.location(of: path, line: location.line, column: location.column)
        if case .archive = input.source, let line = location.line, var source = moved.location?.source {
            source += ":\(line)" + (location.column.map { ":\($0)" } ?? "")
            moved.location?.source = source
        }
        return moved
    }
}
