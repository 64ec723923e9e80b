import Diagnostics

extension DiagnosticCode {
    public static let stagedOutputFailed = DiagnosticCode(
        "PA151", "Output files could not be put in place", severity: .error,
        explanation: """
            Writing the build outputs (bundles, stats file, workers.json) failed. The outputs are staged in a \
            temporary directory first and moved into place only when all were written; on a failure the files \
            already moved are rolled back, so the previous outputs stay. Check free space and permissions of \
            the output directory.
            """)

    public static let interruptedCommitRecovered = DiagnosticCode(
        "PA158", "An interrupted output commit was completed", severity: .note,
        explanation: """
            An earlier run was stopped (killed, or the machine lost power) while it put its outputs in place, or \
            while it staged them. Every destination was then still a complete file, old or new; this run \
            completed the interrupted commit from its journal (all its files had been written before the first \
            move) and removed the staged, backup and temporary files left behind, before writing its own.
            """)
}

/// The codes of putting output files in place.
public enum FileSystemSupportCatalog {
    public static let codes: [DiagnosticCode] = [.stagedOutputFailed, .interruptedCommitRecovered]
}
