import BundleManifest
import Diagnostics
import FileSystemSupport

/// The URL JS 1.0 and JS 2.0 hand to the browser for a worker, through the same loader code path the
/// LMS runs (with the image's settings, or upstream's STATIC_URL `/static/` and BUNDLE_DIR_NAME `bundles/`).
struct WorkerURLRule {
    let input: VerificationInput
    let options: VerifyRuleOptions
    let locator: VerifyLocator

    func resolve(
        bundleName: String, loader: LoaderSemantics, statsPath: String, statsFileCodes: Set<DiagnosticCode>,
        diagnostics: DiagnosticCollector
    )
        -> (url: String?, isFallback: Bool)
    {
        let storage: StaticFilesStorageKind
        if let configured = options.storage {
            storage = configured
        } else if let staticRoot = input.layout.staticRoot,
            input.fileSystem.fileExists(PathComponents.join(staticRoot, StaticFilesManifest.fileName))
        {
            storage = .manifest(strict: true)
        } else {
            storage = .plain
        }
        let report = WorkerURLResolution.resolve(
            bundleName: bundleName, loader: loader,
            configuration: LoaderConfiguration(
                statsFile: statsPath, bundleDirName: input.layout.bundleDirectoryName,
                ignorePatterns: options.ignorePatterns),
            staticFiles: StaticFilesConfiguration(
                staticURL: options.staticURL, staticRoot: input.layout.staticRoot, storage: storage, debug: options.debug),
            lmsRootURL: options.lmsRootURL, fileSystem: input.fileSystem)
        // The stats file's own findings were reported once by the stats rule; keep only the consequences.
        for finding in report.diagnostics where !statsFileCodes.contains(finding.code) {
            // Without LMS_ROOT_URL from settings or flags, a path-only URL says nothing about the image.
            if finding.code == .workerURLRelative && options.lmsRootURL == nil { continue }
            let moved = locator.relocate(finding)
            if !diagnostics.diagnostics.contains(moved) { diagnostics.emit(moved) }
        }
        return (report.delivery.desktopApplicationJSURL, report.delivery.isLookupFailureFallback)
    }
}
