import Diagnostics
import Foundation
import Verification
import WorkerRuntime

/// `verify --smoke`: runs each bundle that passed the static checks in node's worker harness, as the
/// learning MFE would (ping, startExamAttempt, endExamAttempt, a fresh worker each). A bundle inside an
/// archive is written to a temporary file for the run and removed after.
struct SmokeRunner {
    let input: VerificationInput
    let options: VerifyOptions

    static let script = WorkerExchangeScript(prompts: [.ping, .startExamAttempt, .endExamAttempt])

    func run(_ bundles: [VerifiedBundle], diagnostics: DiagnosticCollector) async -> [String: WorkerRunReport] {
        let candidates = bundles.filter { $0.scriptIsSound && $0.script != nil }
        guard !candidates.isEmpty else { return [:] }
        let harness: WorkerHarness
        do {
            harness = try WorkerHarness(nodePath: options.nodePath, environment: options.environment)
        } catch {
            diagnostics.absorb(error)
            return [:]
        }
        var reports: [String: WorkerRunReport] = [:]
        for bundle in candidates {
            guard let script = bundle.script else { continue }
            let location = input.location(of: script.path)
            let runnable: String
            var scratch: String?
            switch input.source {
            case .folder:
                runnable = script.path
            case .archive:
                guard let contents = bundle.scriptContents else { continue }
                do {
                    let folder = FileManager.default.temporaryDirectory
                        .appendingPathComponent("pa-verify-smoke-\(UUID().uuidString)").path
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    scratch = folder
                    runnable = folder + "/" + (script.path.split(separator: "/").last.map(String.init) ?? "bundle.js")
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
                let report = try await harness.run(
                    bundle: runnable, script: Self.script, timeout: Self.script.suggestedRunTimeout)
                reports[bundle.name] = report
                for finding in report.diagnostics() {
                    diagnostics.emit(relocate(finding, from: runnable, to: script.path))
                }
            } catch {
                for finding in error.diagnostics { diagnostics.emit(relocate(finding, from: runnable, to: script.path)) }
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
