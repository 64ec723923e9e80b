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
}

/// The codes of putting output files in place.
public enum FileSystemSupportCatalog {
    public static let codes: [DiagnosticCode] = [.stagedOutputFailed]
}
