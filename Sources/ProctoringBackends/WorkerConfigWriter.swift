import Diagnostics
import FileSystemSupport

/// Writes workers.json atomically with mode 0664 (edx_proctoring chmods it so that the several users that
/// start Django can all rewrite it). An empty plan writes nothing, as upstream.
public struct WorkerConfigWriter: Sendable {
    public static let fileMode: UInt32 = 0o664

    public init() {}

    public func write(_ plan: WorkerConfigPlan) throws(DiagnosticError) {
        guard plan.writesFile else { return }
        do {
            try AtomicFileWriter().write(plan.pythonJSONBytes, to: plan.absoluteOutputPath, mode: Self.fileMode)
        } catch {
            throw DiagnosticError(Diagnostic(
                .workerConfigWriteFailed, "could not write workers.json: \(error)", at: .file(plan.outputPath),
                fix: "check the free space and permissions of \(PathComponents.dirname(plan.absoluteOutputPath)); nothing was changed"))
        }
    }
}
