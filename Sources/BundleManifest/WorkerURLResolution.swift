import Diagnostics
import FileSystemSupport

/// Everything `resolve` reports for one worker bundle.
public struct WorkerURLReport: Sendable {
    public var bundleName: String
    public var loader: LoaderSemantics
    /// What the real `get_files(bundleName, config="WORKERS")` does.
    public var outcome: LoaderOutcome
    /// What edx_proctoring hands the browser (JS 1.0 and JS 2.0).
    public var delivery: WorkerURLDelivery
    /// Stats file findings (with line:col) and the consequences for the served URL.
    public var diagnostics: [Diagnostic]
}

/// The whole chain from the stats file to the URL the learner's browser receives.
public enum WorkerURLResolution {
    public static func resolve(
        bundleName: String, loader: LoaderSemantics, configuration: LoaderConfiguration,
        staticFiles: StaticFilesConfiguration, lmsRootURL: String?, fileSystem: any FileSystem
    ) -> WorkerURLReport {
        let read = WorkerStatsReader.read(path: configuration.statsFile, fileSystem: fileSystem)
        let resolver = LoaderURLResolver(semantics: loader, fileSystem: fileSystem)
        let outcome =
            read.document.map {
                resolver.getFiles(bundleName: bundleName, document: $0, loader: configuration, staticFiles: staticFiles)
            } ?? resolver.getFiles(bundleName: bundleName, loader: configuration, staticFiles: staticFiles)
        let delivery = EdxProctoringWorkerURL.delivery(for: outcome, lmsRootURL: lmsRootURL)

        var readerFindings = read.diagnostics
        if let stats = read.stats, stats.format != loader.statsFormat {
            readerFindings.append(
                Diagnostic(
                    .statsFormatMismatch,
                    "the stats file is in the \(stats.format), but \(loader) reads only the \(loader.statsFormat)",
                    at: .file(configuration.statsFile, line: 1, column: 1),
                    fix: "rebuild the stats file with --stats-format auto"))
        }
        let consequences = EdxProctoringWorkerURL.diagnostics(
            for: delivery, bundleName: bundleName, loader: loader, lmsRootURL: lmsRootURL,
            location: .file(configuration.statsFile))
        return WorkerURLReport(
            bundleName: bundleName, loader: loader, outcome: outcome, delivery: delivery,
            diagnostics: merge(readerFindings, consequences))
    }

    /// A consequence with the same code as a stats-file finding replaces it, keeping the finding's position
    /// and notes, so each problem is reported once and names the exception the real loader raises.
    private static func merge(_ findings: [Diagnostic], _ consequences: [Diagnostic]) -> [Diagnostic] {
        var merged = findings
        for consequence in consequences {
            if let index = merged.firstIndex(where: { $0.code == consequence.code }) {
                var combined = consequence
                combined.location = merged[index].location ?? consequence.location
                combined.notes = merged[index].notes + consequence.notes
                combined.fix = merged[index].fix ?? consequence.fix
                merged[index] = combined
            } else {
                merged.append(consequence)
            }
        }
        return merged
    }
}
