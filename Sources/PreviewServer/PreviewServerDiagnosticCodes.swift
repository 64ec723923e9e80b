import Diagnostics

extension DiagnosticCode {
    public static let previewDatabaseUnavailable = DiagnosticCode(
        "PA500", "Preview database cannot be opened", inputError: true,
        explanation: """
            `serve` keeps users, exams and attempts in an SQLite file (default: proctoring-assets/serve.sqlite \
            under the user's cache folder). The file could not be opened or migrated: the folder is not writable, \
            or the file is not an SQLite database of this tool. Pass --db with another path, or --db :memory: \
            for a database that lives only as long as the server.
            """)
    public static let previewCannotListen = DiagnosticCode(
        "PA501", "Preview server cannot listen", inputError: true,
        explanation: """
            The preview server could not bind its address: another program uses the port, or the host is not an \
            address of this machine. Choose another --port (or --host).
            """)
    public static let previewWithoutWorker = DiagnosticCode(
        "PA502", "No configured backend has a worker", severity: .warning,
        explanation: """
            PROCTORING_BACKENDS names no backend whose class declares an npm module, so the LMS hands out no \
            worker URL (`desktop_application_js_url` is "") and the preview's worker test page has nothing to \
            load. Configure the provider you ship, or declare its worker with --backend NAME=NPM_MODULE.
            """)
}

/// The codes of the preview server, for the catalog.
public enum PreviewServerCatalog {
    public static let codes: [DiagnosticCode] = [.previewDatabaseUnavailable, .previewCannotListen, .previewWithoutWorker]
}
