import BundleManifest
import Diagnostics

/// The worker stats file: readable, `status` done, well formed, and in the format the image's
/// django-webpack-loader reads. (Where it is, and whether it is where STATS_FILE says, is decided when
/// the layout is detected: PA320, PA325.)
struct StatsFileRule {
    let input: VerificationInput
    let locator: VerifyLocator

    func check(diagnostics: DiagnosticCollector) -> StatsFileFindings {
        guard let path = input.layout.statsFile else { return StatsFileFindings() }
        let file = VerifiedFile(path: path, displayPath: locator.describe(path), digest: try? input.fileDigest(path))
        let read = WorkerStatsReader.read(path: path, fileSystem: input.fileSystem)
        diagnostics.emit(contentsOf: read.diagnostics.map(locator.relocate))
        guard let stats = read.stats else { return StatsFileFindings(file: file, codes: Set(read.diagnostics.map(\.code))) }

        let installed = input.layout.webpackLoader.flatMap { DjangoWebpackLoaderVersion($0.version) }
        guard let installed else {
            let assumed = stats.format.readingLoader
            diagnostics.emit(
                Diagnostic(
                    .loaderNotInImage,
                    "no django-webpack-loader in the input's site-packages: the \(stats.format) is not compared with "
                        + "the LMS's loader; URLs follow \(assumed)",
                    at: locator.location(of: path),
                    fix: "verify the image root, with the LMS virtualenv, to check the stats format too"))
            return StatsFileFindings(file: file, stats: stats, loader: assumed, codes: Set(read.diagnostics.map(\.code)))
        }
        let loader = installed.semantics
        if stats.format != loader.statsFormat {
            var notes: [String] = []
            if let metadata = input.layout.webpackLoader?.metadataPath {
                notes.append("django-webpack-loader \(installed) is installed at \(locator.describe(metadata))")
            }
            notes.append(
                "the loader raises "
                    + (loader == .loader3 ? "TypeError: expected string or bytes-like object" : "TypeError: string indices must be integers")
                    + ", which edx_proctoring does not catch: exam pages fail with a server error")
            diagnostics.emit(
                Diagnostic(
                    .statsFormatMismatch,
                    "the stats file is in the \(stats.format), but django-webpack-loader \(installed) reads only the "
                        + "\(loader.statsFormat)",
                    at: locator.location(of: path, line: 1, column: 1),
                    fix: "rebuild the stats file in the installed loader's format (`proctoring-assets build --stats-format auto`), "
                        + "or install the webpack-bundle-tracker that matches the loader",
                    notes: notes))
        }
        return StatsFileFindings(
            file: file, stats: stats, loader: loader, codes: Set(read.diagnostics.map(\.code) + [.statsFormatMismatch]))
    }
}

/// What the stats rule found, and which codes it already reported about the stats file.
struct StatsFileFindings {
    var file: VerifiedFile?
    var stats: WorkerStats?
    var loader: LoaderSemantics?
    var codes: Set<DiagnosticCode> = []
}
