import BundleManifest
import DeploymentSettings
import Diagnostics
import FileSystemSupport
import OrderedJSON

/// The URL the LMS will hand the browser for one worker bundle, read back through the stats file as
/// django-webpack-loader and edx_proctoring do. Used after `build` and by `resolve`.
enum WorkerURLCheck {
    struct Outcome {
        var text: [String]
        var json: JSONValue
        var served: String?
        /// What the LMS hands the browser, also after a failed lookup (then LMS_ROOT_URL itself); nil
        /// when the LMS fails or hangs instead.
        var handedOut: String?
    }

    static func check(
        bundleName: String, deployment: Deployment, loader: DjangoWebpackLoaderVersion?, readingFormat: StatsFormat? = nil,
        fileSystem: any FileSystem, diagnostics: DiagnosticCollector
    ) -> Outcome {
        // Without an installed loader: the one that reads the format just written, else today's 3.x.
        let semantics = loader?.semantics ?? readingFormat?.readingLoader ?? .loader3
        let staticRoot = deployment.staticRoot?.value
        let configuration = LoaderConfiguration(workersOf: deployment)
            ?? LoaderConfiguration(statsFile: EdxPlatformConventions.statsFileName, bundleDirName: deployment.workersLoader.bundleDirectoryName.value)
        let manifestPresent = staticRoot.map { fileSystem.fileExists(PathComponents.join($0, StaticFilesManifest.fileName)) } ?? false
        let staticFiles = StaticFilesConfiguration(
            staticURL: deployment.staticURL?.value, staticRoot: staticRoot,
            storage: manifestPresent ? .manifest(strict: true) : .plain)
        let report = WorkerURLResolution.resolve(
            bundleName: bundleName, loader: semantics, configuration: configuration, staticFiles: staticFiles,
            lmsRootURL: deployment.lmsRootURL?.value, fileSystem: fileSystem)
        diagnostics.emit(contentsOf: report.diagnostics)
        let loaderName: String
        if let loader {
            loaderName = "django-webpack-loader \(loader)"
        } else if let readingFormat {
            loaderName = "\(semantics), which reads the \(readingFormat) (assumed: no django-webpack-loader found)"
        } else {
            loaderName = "\(semantics) (assumed: no django-webpack-loader found)"
        }
        var text = ["Worker \(bundleName) (\(loaderName)):"]
        var served: String?
        switch report.delivery.served {
        case .url(let url):
            served = url
            if report.delivery.isLookupFailureFallback {
                text.append("  lookup fails: upstream would serve \(url.isEmpty ? "\"\"" : url) (LMS_ROOT_URL itself), and the exam cannot start")
            } else {
                text.append("  JS 1.0 (template backend_js_bundle):           \(url)")
                text.append("  JS 2.0 (REST desktop_application_js_url):      \(url)")
            }
        case .serverError(let exception):
            text.append("  the LMS fails with \(exception.typeName) when it looks the bundle up: proctored exam pages give a server error")
        case .requestHangs(let status):
            text.append("  the loader waits forever on a stats file with status '\(status)': exam pages never load")
        }
        let json: JSONValue = .object([
            JSONMember("loader", .string(loaderName)),
            JSONMember("chunkURL", report.delivery.chunkURL.map(JSONValue.string) ?? .null),
            JSONMember("js1BackendJSBundle", report.delivery.backendJSBundle.map(JSONValue.string) ?? .null),
            JSONMember("js2DesktopApplicationJSURL", report.delivery.desktopApplicationJSURL.map(JSONValue.string) ?? .null),
            JSONMember("lookupFailed", .bool(report.delivery.isLookupFailureFallback)),
        ])
        return Outcome(
            text: text, json: json, served: report.delivery.isLookupFailureFallback ? nil : served,
            handedOut: report.delivery.desktopApplicationJSURL)
    }
}
