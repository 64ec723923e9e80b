import Diagnostics
import FileSystemSupport
import OrderedJSON
import Testing

@testable import BundleManifest

@Suite("Loader URL resolution and edx_proctoring's worker URL rule")
struct LoaderURLResolverTests {
    static let statsPath = "/openedx/staticfiles/webpack-worker-stats.json"
    static let staticRoot = "/openedx/staticfiles"

    private func fileSystem(stats format: StatsFormat, publicPath: PublicPathOption = .value(""))
        throws -> InMemoryFileSystem
    {
        let description = WorkerStatsDescription(
            bundles: [
                StatsBundle(name: "edx-proctoring-proctortrack", files: ["edx-proctoring-proctortrack.js"]),
                StatsBundle(name: "@edx/mockprock", files: ["@edx/mockprock.js"]),
            ],
            outputDirectory: "/openedx/edx-platform/common/static/bundles", publicPath: publicPath)
        var fileSystem = InMemoryFileSystem()
        fileSystem.addFile(Self.statsPath, try WorkerStatsWriter.render(description, format: format).get())
        return fileSystem
    }

    private func outcome(
        _ loader: LoaderSemantics, _ fileSystem: InMemoryFileSystem, bundle: String = "@edx/mockprock",
        staticURL: String? = "/static/", storage: StaticFilesStorageKind = .plain, ignore: [String]? = nil
    ) -> LoaderOutcome {
        var configuration = LoaderConfiguration.edxPlatformWorkers(staticRoot: Self.staticRoot)
        if let ignore { configuration.ignorePatterns = ignore }
        return LoaderURLResolver(semantics: loader, fileSystem: fileSystem).getFiles(
            bundleName: bundle, loader: configuration,
            staticFiles: StaticFilesConfiguration(staticURL: staticURL, staticRoot: Self.staticRoot, storage: storage))
    }

    @Test("edx-platform WORKERS config points at STATIC_ROOT/webpack-worker-stats.json with bundles/")
    func workersConfiguration() {
        let configuration = LoaderConfiguration.edxPlatformWorkers(staticRoot: "/openedx/staticfiles")
        #expect(configuration.statsFile == Self.statsPath)
        #expect(configuration.bundleDirName == "bundles/")
    }

    @Test("Each loader on its own format: STATIC_URL + bundles/ + quoted name; CDN STATIC_URL stays absolute")
    func nativeFormats() throws {
        for loader in LoaderSemantics.allCases {
            let files = try fileSystem(stats: loader.statsFormat)
            #expect(outcome(loader, files) == .files([ResolvedChunk(name: "@edx/mockprock.js", url: "/static/bundles/%40edx/mockprock.js")]))
            #expect(
                outcome(loader, files, bundle: "edx-proctoring-proctortrack", staticURL: "https://cdn.example.com/static/")
                    == .files([
                        ResolvedChunk(
                            name: "edx-proctoring-proctortrack.js",
                            url: "https://cdn.example.com/static/bundles/edx-proctoring-proctortrack.js")
                    ]))
        }
    }

    @Test("A publicPath in the stats file is the URL")
    func publicPath() throws {
        for loader in LoaderSemantics.allCases {
            let files = try fileSystem(stats: loader.statsFormat, publicPath: .value("/static/bundles/"))
            #expect(outcome(loader, files).chunkURLs == ["/static/bundles/@edx/mockprock.js"])
        }
    }

    @Test("Cross-format reads fail with the exception the real loader raises")
    func crossFormat() throws {
        let newFile = try fileSystem(stats: .tracker1)
        let oldFile = try fileSystem(stats: .tracker04)
        #expect(outcome(.loader07, newFile).exceptionType == "TypeError")
        #expect(outcome(.loader07, newFile, ignore: []).exceptionType == "AttributeError")
        #expect(outcome(.loader3, oldFile).exceptionType == "TypeError")
        #expect(outcome(.loader3, oldFile, ignore: []).exceptionType == "KeyError")
        #expect(outcome(.loader3, oldFile, bundle: "other").exceptionType == "WebpackBundleLookupError")
        if case .raises(let exception) = outcome(.loader3, oldFile) {
            #expect(exception.code == .statsFormatMismatch)
            #expect(!exception.isCaughtByEdxProctoring)
        }
    }

    @Test("Hashed storage: the manifest's name, unquoted; a missing entry is ValueError")
    func hashedStorage() throws {
        var files = try fileSystem(stats: .tracker1)
        var manifest = StaticFilesManifest()
        manifest.record("bundles/@edx/mockprock.js", hashedName: "bundles/@edx/mockprock.0123456789ab.js")
        files.addFile(PathComponents.join(Self.staticRoot, "staticfiles.json"), manifest.rendered())
        #expect(outcome(.loader3, files, storage: .manifest(strict: true)).chunkURLs == ["/static/bundles/@edx/mockprock.0123456789ab.js"])
        let missing = outcome(.loader3, files, bundle: "edx-proctoring-proctortrack", storage: .manifest(strict: true))
        #expect(missing.exceptionType == "ValueError")
        if case .raises(let exception) = missing { #expect(exception.code == .staticFilesManifestEntryMissing) }
    }

    @Test("IGNORE uses re.match: anchored at the start only")
    func ignorePatterns() throws {
        let files = try fileSystem(stats: .tracker1)
        #expect(outcome(.loader3, files, ignore: ["@edx"]) == .files([]))
        #expect(outcome(.loader3, files, ignore: ["mockprock"]).chunkURLs == ["/static/bundles/%40edx/mockprock.js"])
        #expect(outcome(.loader3, files, ignore: ["("]).exceptionType == "error")
    }

    @Test("DEBUG with a compiling stats file and no TIMEOUT hangs the request")
    func debugPolling() {
        var files = InMemoryFileSystem()
        files.addFile(Self.statsPath, #"{"status":"compiling"}"#)
        let resolver = LoaderURLResolver(semantics: .loader07, fileSystem: files)
        let result = resolver.getFiles(
            bundleName: "x", loader: .edxPlatformWorkers(staticRoot: Self.staticRoot),
            staticFiles: StaticFilesConfiguration(staticURL: "/static/", debug: true))
        #expect(result == .pollsForever(status: "compiling"))
        #expect(EdxProctoringWorkerURL.delivery(for: result, lmsRootURL: "https://lms").served == .requestHangs(status: "compiling"))
    }

    @Test("edx_proctoring: relative chunk URL gets LMS_ROOT_URL, absolute one is kept")
    func edxProctoringURL() {
        let relative = EdxProctoringWorkerURL.delivery(
            for: .files([ResolvedChunk(name: "x.js", url: "/static/bundles/x.js")]), lmsRootURL: "https://lms.example.com")
        #expect(relative.desktopApplicationJSURL == "https://lms.example.com/static/bundles/x.js")
        #expect(relative.backendJSBundle == relative.desktopApplicationJSURL)
        #expect(!relative.isLookupFailureFallback)
        let absolute = EdxProctoringWorkerURL.delivery(
            for: .files([ResolvedChunk(name: "x.js", url: "https://cdn.example.com/x.js")]), lmsRootURL: "https://lms.example.com")
        #expect(absolute.desktopApplicationJSURL == "https://cdn.example.com/x.js")
        let protocolRelative = EdxProctoringWorkerURL.delivery(
            for: .files([ResolvedChunk(name: "x.js", url: "//cdn.example.com/x.js")]), lmsRootURL: "https://lms.example.com")
        #expect(protocolRelative.desktopApplicationJSURL == "https://lms.example.com//cdn.example.com/x.js")
        #expect(
            EdxProctoringWorkerURL.diagnostics(
                for: protocolRelative, bundleName: "x", loader: .loader3, lmsRootURL: "https://lms.example.com"
            ).map(\.code) == [.workerURLRelative])
        let auto = EdxProctoringWorkerURL.delivery(
            for: .files([ResolvedChunk(name: "x.js", url: "autox.js")]), lmsRootURL: "https://lms.example.com")
        #expect(auto.desktopApplicationJSURL == "https://lms.example.comautox.js")
        #expect(
            EdxProctoringWorkerURL.diagnostics(for: auto, bundleName: "x", loader: .loader07, lmsRootURL: "https://lms.example.com")
                .map(\.code) == [.workerURLRelative])
        #expect(
            EdxProctoringWorkerURL.diagnostics(for: relative, bundleName: "x", loader: .loader3, lmsRootURL: "https://lms.example.com")
                .isEmpty)
        let noRoot = EdxProctoringWorkerURL.delivery(
            for: .files([ResolvedChunk(name: "x.js", url: "/static/x.js")]), lmsRootURL: nil)
        #expect(noRoot.desktopApplicationJSURL == "/static/x.js")
        #expect(
            EdxProctoringWorkerURL.diagnostics(for: noRoot, bundleName: "x", loader: .loader3, lmsRootURL: nil).map(\.code)
                == [.workerURLRelative])
    }

    @Test("edx_proctoring: a caught lookup failure serves LMS_ROOT_URL itself, an uncaught one is a server error")
    func edxProctoringFailures() throws {
        let lookup = UpstreamException("WebpackBundleLookupError", "Cannot resolve bundle x.", code: .bundleNotInStats)
        let caught = EdxProctoringWorkerURL.delivery(for: .raises(lookup), lmsRootURL: "https://lms.example.com")
        #expect(caught.desktopApplicationJSURL == "https://lms.example.com")
        #expect(EdxProctoringWorkerURL.lookupFailureValue(lmsRootURL: "https://lms.example.com") == "https://lms.example.com")
        #expect(caught.isLookupFailureFallback)
        let findings = EdxProctoringWorkerURL.diagnostics(
            for: caught, bundleName: "x", loader: .loader07, lmsRootURL: "https://lms.example.com",
            location: .file(Self.statsPath))
        #expect(findings.map(\.code) == [.bundleNotInStats, .workerURLFallsBackToLMSRoot])
        #expect(findings.last?.message.contains("upstream would serve <https://lms.example.com>") == true)
        #expect(findings.first?.message.contains("webpack_loader.exceptions.WebpackBundleLookupError") == true)

        let empty = EdxProctoringWorkerURL.delivery(for: .files([]), lmsRootURL: "https://lms.example.com")
        #expect(empty.desktopApplicationJSURL == "https://lms.example.com")
        #expect(
            EdxProctoringWorkerURL.diagnostics(for: empty, bundleName: "x", loader: .loader3, lmsRootURL: "https://lms.example.com")
                .map(\.code) == [.bundleFilesAllIgnored, .workerURLFallsBackToLMSRoot])

        let typeError = UpstreamException("TypeError", "string indices must be integers, not 'str'", code: .statsFormatMismatch)
        let crashed = EdxProctoringWorkerURL.delivery(for: .raises(typeError), lmsRootURL: "https://lms.example.com")
        #expect(crashed.served == .serverError(typeError))
        #expect(crashed.desktopApplicationJSURL == nil)
        let crashFindings = EdxProctoringWorkerURL.diagnostics(
            for: crashed, bundleName: "x", loader: .loader07, lmsRootURL: "https://lms.example.com")
        #expect(crashFindings.map(\.code) == [.statsFormatMismatch])
        #expect(crashFindings.first?.message.contains("server error") == true)
    }

    @Test("Python urljoin / quote / unquote details")
    func pythonURL() {
        #expect(PythonURL.join("/static/", "bundles/x.js") == "/static/bundles/x.js")
        #expect(PythonURL.join("https://cdn.example.com/static/", "bundles/x.js") == "https://cdn.example.com/static/bundles/x.js")
        #expect(PythonURL.join("/static/", "a/../b.js") == "/static/b.js")
        #expect(PythonURL.join("/static/", "a//b.js") == "/static/a/b.js")
        #expect(PythonURL.join("https://cdn.example.com", "x.js") == "https://cdn.example.com/x.js")
        #expect(PythonURL.join("/static/", "") == "/static/")
        #expect(PythonURL.filepathToURI("bundles/@edx/a b+ü.js") == "bundles/%40edx/a%20b%2B%C3%BC.js")
        #expect(PythonURL.unquote("bundles/%40edx/a%20b%2B%C3%BC.js%2") == "bundles/@edx/a b+ü.js%2")
        #expect(PythonURL.split("https://lms.example.com/x").scheme == "https")
        #expect(PythonURL.split("/static/x").scheme.isEmpty)
        #expect(PythonURL.split("autofake-proctor.js").scheme.isEmpty)
        #expect(PythonURL.addScriptPrefix("static/") == "/static/")
    }
}

extension LoaderOutcome {
    var chunkURLs: [String]? {
        if case .files(let chunks) = self { return chunks.map(\.url) }
        return nil
    }

    var exceptionType: String? {
        if case .raises(let exception) = self { return exception.typeName }
        return nil
    }
}

@Suite("Whole chain: stats file to the URL the browser gets")
struct WorkerURLResolutionTests {
    @Test("Loader 0.7 on a 1.x-format file: one PA211 at the file's start naming TypeError, server error served")
    func crossFormatReport() throws {
        var files = InMemoryFileSystem()
        let description = WorkerStatsDescription(
            bundles: [StatsBundle(name: "@edx/mockprock", files: ["@edx/mockprock.js"])],
            outputDirectory: "/openedx/edx-platform/common/static/bundles")
        files.addFile("/s/webpack-worker-stats.json", try WorkerStatsWriter.render(description, format: .tracker1).get())
        let report = WorkerURLResolution.resolve(
            bundleName: "@edx/mockprock", loader: .loader07,
            configuration: LoaderConfiguration(statsFile: "/s/webpack-worker-stats.json", bundleDirName: "bundles/"),
            staticFiles: StaticFilesConfiguration(staticURL: "/static/"), lmsRootURL: "https://lms.example.com",
            fileSystem: files)
        #expect(report.diagnostics.map(\.code) == [.statsFormatMismatch])
        let finding = try #require(report.diagnostics.first)
        #expect(finding.location == .file("/s/webpack-worker-stats.json", line: 1, column: 1))
        #expect(finding.message.contains("TypeError"))
        #expect(report.delivery.desktopApplicationJSURL == nil)
    }

    @Test("Missing bundle: lookup error and the LMS_ROOT_URL fallback")
    func missingBundleReport() throws {
        var files = InMemoryFileSystem()
        let description = WorkerStatsDescription(
            bundles: [StatsBundle(name: "other", files: ["other.js"])], outputDirectory: "/b")
        files.addFile("/s/webpack-worker-stats.json", try WorkerStatsWriter.render(description, format: .tracker04).get())
        let report = WorkerURLResolution.resolve(
            bundleName: "@edx/mockprock", loader: .loader07,
            configuration: LoaderConfiguration(statsFile: "/s/webpack-worker-stats.json", bundleDirName: "bundles/"),
            staticFiles: StaticFilesConfiguration(staticURL: "/static/"), lmsRootURL: "https://lms.example.com",
            fileSystem: files)
        #expect(report.diagnostics.map(\.code) == [.bundleNotInStats, .workerURLFallsBackToLMSRoot])
        #expect(report.delivery.desktopApplicationJSURL == "https://lms.example.com")
        #expect(report.delivery.swallowedException?.typeName == "WebpackBundleLookupError")
    }

    @Test("Stats file missing: PA200 once, with the IOError note, and the fallback")
    func missingStatsReport() {
        let report = WorkerURLResolution.resolve(
            bundleName: "@edx/mockprock", loader: .loader3,
            configuration: LoaderConfiguration(statsFile: "/s/webpack-worker-stats.json", bundleDirName: "bundles/"),
            staticFiles: StaticFilesConfiguration(staticURL: "/static/"), lmsRootURL: "https://lms.example.com",
            fileSystem: InMemoryFileSystem())
        #expect(report.diagnostics.map(\.code) == [.statsFileNotFound, .workerURLFallsBackToLMSRoot])
        #expect(report.delivery.desktopApplicationJSURL == "https://lms.example.com")
    }
}

@Suite("Static files storage details")
struct StaticFilesStorageTests {
    @Test("A broken staticfiles.json fails even in DEBUG, as the storage loads it when created")
    func brokenManifestInDebug() {
        var files = InMemoryFileSystem()
        files.addFile("/s/staticfiles.json", #"{"paths": {}, "version": "0.9"}"#)
        for debug in [false, true] {
            let builder = StaticFilesURLBuilder(
                configuration: StaticFilesConfiguration(
                    staticURL: "/static/", staticRoot: "/s", storage: .manifest(strict: true), debug: debug),
                fileSystem: files)
            guard case .failure(let exception) = builder.url(of: "bundles/x.js") else {
                Issue.record("expected ValueError with debug \(debug)")
                continue
            }
            #expect(exception.typeName == "ValueError")
            #expect(exception.code == .staticFilesManifestInvalid)
        }
    }

    @Test("Non-strict manifest storage hashes the collected file when the entry is missing")
    func nonStrict() throws {
        var files = InMemoryFileSystem()
        files.addFile("/s/bundles/x.js", "abc")
        let builder = StaticFilesURLBuilder(
            configuration: StaticFilesConfiguration(staticURL: "/static/", staticRoot: "/s", storage: .manifest(strict: false)),
            fileSystem: files)
        #expect(try builder.url(of: "bundles/x.js").get() == "/static/bundles/x.900150983cd2.js")
    }
}
