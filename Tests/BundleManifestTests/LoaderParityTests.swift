import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import TestSupport
import Testing

@testable import BundleManifest

/// Runs the real django-webpack-loader (0.7.0 and 3.2.4 from PyPI) under the real Django on stats files written
/// by our writer and manifests written by our collector, and checks that `LoaderURLResolver` predicts every URL
/// and every exception type. One Python process per loader version.
@Suite("Parity with the real django-webpack-loader", .serialized)
struct LoaderParityTests {
    /// A stats file for a case: written by our writer in a format, or literal text.
    enum StatsSource {
        case written(WorkerStatsDescription, StatsFormat)
        case text(String)
        case absent
    }

    struct Case {
        var id: String
        var stats: StatsSource
        var bundle: String
        var staticURL: String? = "/static/"
        var storage: StaticFilesStorageKind = .plain
        var bundleDirName = "bundles/"
        var ignore = LoaderConfiguration.defaultIgnorePatterns
        var debug = false
        /// Files to run through our StaticFilesCollector (names relative to STATIC_ROOT) before the lookup.
        var collect: [String] = []
        var lmsRootURL: String? = "https://lms.example.com"
    }

    static let outputDirectory = "/openedx/edx-platform/common/static/bundles"

    static func description(_ bundles: [(String, [String])], publicPath: PublicPathOption = .value(""))
        -> WorkerStatsDescription
    {
        WorkerStatsDescription(
            bundles: bundles.map { StatsBundle(name: $0.0, files: $0.1) }, outputDirectory: outputDirectory,
            publicPath: publicPath)
    }

    static func cases(for loader: LoaderSemantics) -> [Case] {
        let native = loader.statsFormat
        let other: StatsFormat = native == .tracker04 ? .tracker1 : .tracker04
        let proctortrack = description([("edx-proctoring-proctortrack", ["edx-proctoring-proctortrack.js"])])
        let mockprock = description([("@edx/mockprock", ["@edx/mockprock.js"])])
        let both = description([
            ("edx-proctoring-proctortrack", ["edx-proctoring-proctortrack.js"]), ("@edx/mockprock", ["@edx/mockprock.js"]),
        ])
        var cases: [Case] = [
            Case(id: "plain", stats: .written(proctortrack, native), bundle: "edx-proctoring-proctortrack"),
            Case(
                id: "plain-no-lms-root-url", stats: .written(proctortrack, native), bundle: "edx-proctoring-proctortrack",
                lmsRootURL: nil),
            Case(
                id: "missing-bundle-no-lms-root-url", stats: .written(proctortrack, native), bundle: "@edx/mockprock",
                lmsRootURL: nil),
            Case(
                id: "protocol-relative-static-url", stats: .written(mockprock, native), bundle: "@edx/mockprock",
                staticURL: "//cdn.example.com/static/"),
            Case(
                id: "cdn", stats: .written(proctortrack, native), bundle: "edx-proctoring-proctortrack",
                staticURL: "https://cdn.example.com/static/"),
            Case(
                id: "public-path",
                stats: .written(
                    description(
                        [("edx-proctoring-proctortrack", ["edx-proctoring-proctortrack.js"])],
                        publicPath: .value("https://cdn.example.com/bundles/")), native),
                bundle: "edx-proctoring-proctortrack"),
            Case(id: "public-path-unset", stats: .written(description([("@edx/mockprock", ["@edx/mockprock.js"])], publicPath: .unset), native), bundle: "@edx/mockprock"),
            Case(id: "scoped", stats: .written(both, native), bundle: "@edx/mockprock"),
            Case(
                id: "hashed-scoped", stats: .written(both, native), bundle: "@edx/mockprock",
                storage: .manifest(strict: true),
                collect: ["bundles/edx-proctoring-proctortrack.js", "bundles/@edx/mockprock.js"]),
            Case(
                id: "hashed-plain", stats: .written(proctortrack, native), bundle: "edx-proctoring-proctortrack",
                staticURL: "https://cdn.example.com/static/", storage: .manifest(strict: true),
                collect: ["bundles/edx-proctoring-proctortrack.js"]),
            Case(
                id: "hashed-missing-entry", stats: .written(both, native), bundle: "@edx/mockprock",
                storage: .manifest(strict: true), collect: ["bundles/edx-proctoring-proctortrack.js"]),
            Case(
                id: "hashed-debug", stats: .written(mockprock, native), bundle: "@edx/mockprock",
                storage: .manifest(strict: true), debug: true),
            Case(
                id: "unicode-name", stats: .written(description([("proctor ü", ["proctor ü.js"])]), native),
                bundle: "proctor ü"),
            Case(
                id: "unicode-name-hashed", stats: .written(description([("proctor ü", ["proctor ü.js"])]), native),
                bundle: "proctor ü", storage: .manifest(strict: true), collect: ["bundles/proctor ü.js"]),
            Case(
                id: "default-ignore-drops-map",
                stats: .written(description([("@edx/mockprock", ["@edx/mockprock.js.map", "@edx/mockprock.js"])]), native),
                bundle: "@edx/mockprock"),
            Case(
                id: "ignore-all", stats: .written(proctortrack, native), bundle: "edx-proctoring-proctortrack",
                ignore: [#".+\.js"#]),
            Case(id: "ignore-scoped", stats: .written(mockprock, native), bundle: "@edx/mockprock", ignore: ["@edx/"]),
            Case(id: "ignore-not-anchored-at-end", stats: .written(mockprock, native), bundle: "@edx/mockprock", ignore: ["mock"]),
            Case(id: "missing-bundle", stats: .written(proctortrack, native), bundle: "@edx/mockprock"),
            Case(id: "relative-static-url", stats: .written(mockprock, native), bundle: "@edx/mockprock", staticURL: "static/"),
            Case(id: "static-url-no-slash", stats: .written(mockprock, native), bundle: "@edx/mockprock", staticURL: "/static"),
            Case(id: "static-url-empty", stats: .written(mockprock, native), bundle: "@edx/mockprock", staticURL: ""),
            Case(id: "static-url-none", stats: .written(mockprock, native), bundle: "@edx/mockprock", staticURL: nil),
            Case(
                id: "bundle-dir-no-slash", stats: .written(proctortrack, native), bundle: "edx-proctoring-proctortrack",
                bundleDirName: "bundles"),
            Case(
                id: "bundle-dir-dots", stats: .written(mockprock, native), bundle: "@edx/mockprock",
                bundleDirName: "./x/../bundles/"),
            Case(
                id: "cross-format", stats: .written(proctortrack, other), bundle: "edx-proctoring-proctortrack"),
            Case(
                id: "cross-format-no-ignore", stats: .written(proctortrack, other), bundle: "edx-proctoring-proctortrack",
                ignore: []),
            Case(id: "cross-format-missing-bundle", stats: .written(proctortrack, other), bundle: "@edx/mockprock"),
            Case(id: "stats-missing", stats: .absent, bundle: "@edx/mockprock"),
            Case(id: "stats-not-json", stats: .text(#"{"status":"done","chunks":{"#), bundle: "@edx/mockprock"),
            Case(
                id: "status-error",
                stats: .text(
                    #"{"status":"error","error":"ModuleNotFoundError","message":"Module not found: Error: Can't resolve '/nonexistent/x.js' in '/tmp/wptest'"}"#),
                bundle: "@edx/mockprock"),
            Case(id: "status-compiling-04", stats: .text(#"{"status":"compiling"}"#), bundle: "@edx/mockprock"),
            Case(
                id: "status-compile-1", stats: .text("{\n  \"status\": \"compile\",\n  \"assets\": {},\n  \"chunks\": {}\n}"),
                bundle: "@edx/mockprock"),
            Case(
                id: "webpack5-auto-04",
                stats: .text(
                    #"{"status":"done","publicPath":"auto","chunks":{"fake-proctor":[{"name":"fake-proctor.js","publicPath":"autofake-proctor.js","path":"/tmp/wptest/out/bundles/fake-proctor.js"}]}}"#),
                bundle: "fake-proctor"),
        ]
        if native == .tracker1 {
            cases.append(
                Case(
                    id: "auto-public-path-1",
                    stats: .written(description([("@edx/mockprock", ["@edx/mockprock.js"])], publicPath: .value("auto")), .tracker1),
                    bundle: "@edx/mockprock"))
        }
        return cases
    }

    struct Environment {
        var python: String
        var loaderDirectory: String
    }

    static func environment(loaderVariable: String) throws -> Environment {
        let variables = ProcessInfo.processInfo.environment
        let python = try #require(
            variables["PA_TEST_PYTHON"],
            "PA_TEST_PYTHON is not set: run `eval \"$(scripts/install-test-tools)\"` (a venv with Django) first")
        let loader = try #require(
            variables[loaderVariable],
            "\(loaderVariable) is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        #expect(FileManager.default.fileExists(atPath: PathComponents.join(loader, "webpack_loader")),
                "\(loaderVariable)=\(loader) has no webpack_loader package")
        return Environment(python: python, loaderDirectory: loader)
    }

    /// Prepares every case on disk; returns the JSON the probe reads.
    static func prepare(_ cases: [Case], in root: String) throws -> JSONValue {
        var entries: [JSONValue] = []
        let diagnostics = DiagnosticCollector()
        for testCase in cases {
            let directory = PathComponents.join(root, testCase.id.replacingOccurrences(of: " ", with: "_"))
            let staticRoot = PathComponents.join(directory, "static")
            try FileManager.default.createDirectory(atPath: staticRoot, withIntermediateDirectories: true)
            let statsFile = PathComponents.join(directory, "webpack-worker-stats.json")
            switch testCase.stats {
            case .written(let description, let format):
                _ = try WorkerStatsWriter.write(description, format: format, to: statsFile).get()
            case .text(let text):
                try AtomicFileWriter().write(text, to: statsFile)
            case .absent:
                break
            }
            for name in testCase.collect {
                let content = Array("self.onmessage = function () {}; // \(name)\n".utf8)
                _ = try StaticFilesCollector(fileSystem: DiskFileSystem())
                    .collect(staticRoot: staticRoot, name: name, content: content, diagnostics: diagnostics).get()
            }
            entries.append([
                "id": .string(testCase.id), "stats_file": .string(statsFile),
                "bundle_dir_name": .string(testCase.bundleDirName),
                "ignore": .array(testCase.ignore.map { .string($0) }), "bundle": .string(testCase.bundle),
                "static_url": testCase.staticURL.map { .string($0) } ?? .null, "static_root": .string(staticRoot),
                "storage": testCase.storage == .plain ? "plain" : "manifest", "debug": .bool(testCase.debug),
                "lms_root_url": testCase.lmsRootURL.map { .string($0) } ?? .null,
            ])
        }
        return .array(entries)
    }

    static func runProbe(_ environment: Environment, casesFile: String) throws -> [String: JSONValue] {
        var variables = ProcessInfo.processInfo.environment
        variables["PYTHONPATH"] = environment.loaderDirectory
        variables["PYTHONDONTWRITEBYTECODE"] = "1"
        variables.removeValue(forKey: "DJANGO_SETTINGS_MODULE")
        let run = try ExternalProcess.run(
            environment.python, [PathComponents.join(Fixtures.directory, "loader_parity.py"), casesFile], environment: variables)
        let stdout = run.standardOutputData
        try #require(run.status == 0, "the parity probe failed: \(run.standardError)")
        var results: [String: JSONValue] = [:]
        for line in String(decoding: stdout, as: UTF8.self).split(separator: "\n") {
            let value = try JSONParser.parse(String(line))
            if let id = value["id"]?.stringValue { results[id] = value }
        }
        return results
    }

    static func check(loader: LoaderSemantics, loaderVariable: String) throws {
        let environment = try environment(loaderVariable: loaderVariable)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pa-parity-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cases = cases(for: loader)
        let casesFile = PathComponents.join(root, "cases.json")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try AtomicFileWriter().write(JSONWriter.write(try prepare(cases, in: root), style: .python), to: casesFile)
        let results = try runProbe(environment, casesFile: casesFile)

        let resolver = LoaderURLResolver(semantics: loader, fileSystem: DiskFileSystem())
        for testCase in cases {
            let directory = PathComponents.join(root, testCase.id)
            let outcome = resolver.getFiles(
                bundleName: testCase.bundle,
                loader: LoaderConfiguration(
                    statsFile: PathComponents.join(directory, "webpack-worker-stats.json"),
                    bundleDirName: testCase.bundleDirName, ignorePatterns: testCase.ignore),
                staticFiles: StaticFilesConfiguration(
                    staticURL: testCase.staticURL, staticRoot: PathComponents.join(directory, "static"),
                    storage: testCase.storage, debug: testCase.debug))
            let real = try #require(results[testCase.id], "no result from the probe for \(testCase.id)")
            switch outcome {
            case .files(let chunks):
                #expect(
                    real["urls"] == .array(chunks.map { .string($0.url) }),
                    "\(loader) case \(testCase.id): we predict \(chunks.map(\.url)), the real loader gave \(JSONWriter.write(real, style: .python))")
            case .raises(let exception):
                #expect(
                    real["error_type"]?.stringValue == exception.typeName,
                    "\(loader) case \(testCase.id): we predict \(exception), the real loader gave \(JSONWriter.write(real, style: .python))")
                if exception.typeName == "WebpackBundleLookupError" || exception.typeName == "ValueError" {
                    #expect(real["message"]?.stringValue == exception.message, "\(loader) case \(testCase.id): message")
                }
            case .pollsForever:
                Issue.record("\(loader) case \(testCase.id): a case that hangs must not be sent to the probe")
            }
            // What the real edx_proctoring get_javascript() makes of the same lookup (JS 1.0 and JS 2.0 value).
            let delivery = EdxProctoringWorkerURL.delivery(for: outcome, lmsRootURL: testCase.lmsRootURL)
            switch delivery.served {
            case .url(let url):
                #expect(real["edx_url"] == .string(url), "\(loader) case \(testCase.id): get_javascript() gave \(JSONWriter.write(real, style: .python))")
            case .serverError(let exception):
                #expect(real["edx_error_type"] == .string(exception.typeName), "\(loader) case \(testCase.id): get_javascript() gave \(JSONWriter.write(real, style: .python))")
            case .requestHangs:
                Issue.record("\(loader) case \(testCase.id): a case that hangs must not be sent to the probe")
            }
        }
    }

    @Test("django-webpack-loader 0.7.0 gives the URLs and exceptions we predict")
    func loader07() throws {
        try Self.check(loader: .loader07, loaderVariable: "PA_TEST_WEBPACK_LOADER_0_7")
    }

    @Test("django-webpack-loader 3.2.4 gives the URLs and exceptions we predict")
    func loader3() throws {
        try Self.check(loader: .loader3, loaderVariable: "PA_TEST_WEBPACK_LOADER_3")
    }
}
