import Diagnostics
import FileSystemSupport
import Foundation
import Testing
import WorkerRuntime

@testable import Bundler
import Encodings
import TestSupport

/// Bundles real provider workers and runs them as Web Workers in node (WorkerHarness): the example
/// deployment's provider, and the ~500-module reference workload (babel-polyfill stand-in over Debian's
/// core-js + regenerator-runtime).
@Suite struct WorkerBundleRunTests {
    static let exampleNodeModules = "/work/main/Examples/deployment/openedx/edx-platform/node_modules"
    static let workload = FixturePaths.bundlerFixtures + "/Workload"
    static let exampleConfig = #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#
    static let workloadConfig = #"{"FIXTURE_PROCTOR_URL": "\"https://proctor.example.com/api\"", "FIXTURE_CONFIG_KEY": "\"key-123\""}"#

    /// A copy of the example deployment's edx-platform node_modules in a temporary directory.
    static func exampleRoot(_ directory: TemporaryDirectory) throws -> String {
        let root = directory.path + "/edx-platform"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/deployment/openedx/edx-platform/node_modules").path
        let from = FileManager.default.fileExists(atPath: source) ? source : exampleNodeModules
        try FileManager.default.copyItem(atPath: from, toPath: root + "/node_modules")
        return root
    }

    static func entry(_ root: String, main: String) -> EntryPoint {
        EntryPoint(
            name: PathComponents.basename(PathComponents.dirname(PathComponents.dirname(main))),
            requests: [.init(specifier: "babel-polyfill"), .init(specifier: main)], contextDirectory: root)
    }

    static func build(_ entry: EntryPoint, config: String?, extraRoots: [String] = [], minify: Bool = true) throws(DiagnosticError)
        -> (WorkerBundle, [Diagnostic])
    {
        let defines = try DefineSet.parse(jsEnvExtraConfig: config).get()
        let resolver = ModuleResolver(fileSystem: DiskFileSystem(), options: .webworker(additionalModuleDirectories: extraRoots))
        let diagnostics = DiagnosticCollector()
        let bundle = try BundleBuilder(resolver: resolver).build(
            entry: entry, options: BundleOptions(mode: .production, minify: minify, defines: defines), diagnostics: diagnostics)
        return (bundle, diagnostics.diagnostics)
    }

    static func runInWorker(_ bundle: WorkerBundle, in directory: TemporaryDirectory) async throws -> WorkerRunReport {
        let path = directory.path + "/" + PathComponents.basename(bundle.fileName)
        try Data(bundle.bytes).write(to: URL(fileURLWithPath: path))
        let harness = try WorkerHarness()
        return try await harness.run(bundle: path, script: WorkerExchangeScript(), timeout: .seconds(60))
    }

    @Test func exampleProviderAnswersTheWorkerProtocol() async throws {
        let directory = try TemporaryDirectory("example")
        defer { directory.remove() }
        let root = try Self.exampleRoot(directory)
        let entry = Self.entry(root, main: root + "/node_modules/example-proctor-worker/static/worker.js")
        let (bundle, warnings) = try Self.build(entry, config: Self.exampleConfig)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(bundle.moduleCount == 3)
        #expect(bundle.text.contains("\"https://proctor.example.com/api\""))
        #expect(!bundle.text.contains("process"))
        #expect(bundle.integrity == SubresourceIntegrity.sha384(bundle.bytes))

        let report = try await Self.runInWorker(bundle, in: directory)
        #expect(report.exchanges.map(\.outcome) == [
            .succeeded(replyType: "examAttemptStarted"), .succeeded(replyType: "echo"), .succeeded(replyType: "examAttemptEnded"),
        ])
        #expect(report.allSucceeded)
    }

    @Test func workloadOfFiveHundredModulesAnswersTheWorkerProtocol() async throws {
        let directory = try TemporaryDirectory("workload")
        defer { directory.remove() }
        let root = Self.workload
        let entry = Self.entry(root, main: root + "/node_modules/fixture-proctor-worker/src/index.js")
        let clock = ContinuousClock()
        let start = clock.now
        let (bundle, warnings) = try Self.build(entry, config: Self.workloadConfig, extraRoots: ["/usr/share/nodejs"])
        let elapsed = clock.now - start
        print("workload bundle (debug build): \(bundle.moduleCount) modules, \(bundle.bytes.count) bytes, \(elapsed)")
        #expect(warnings.filter { $0.severity == .error }.isEmpty)
        for warning in warnings { print("workload warning: " + TextReportRenderer(color: false).render(warning).joined(separator: " | ")) }
        #expect((450...650).contains(bundle.moduleCount), "module count \(bundle.moduleCount)")
        #expect((150_000...400_000).contains(bundle.bytes.count), "minified size \(bundle.bytes.count)")
        #expect(bundle.moduleSizes.count == bundle.moduleCount)
        #expect(bundle.moduleSizes.map(\.outputBytes).reduce(0, +) < bundle.bytes.count)
        // Deterministic: the same input gives the same bytes.
        let (again, _) = try Self.build(entry, config: Self.workloadConfig, extraRoots: ["/usr/share/nodejs"])
        #expect(again.bytes == bundle.bytes)

        let report = try await Self.runInWorker(bundle, in: directory)
        #expect(report.exchanges.map(\.outcome) == [
            .succeeded(replyType: "examAttemptStarted"), .succeeded(replyType: "echo"), .succeeded(replyType: "examAttemptEnded"),
        ])
    }

    /// The real worker side of edx-proctoring (`edx_proctoring/static/index.js` from the wheel the test tools
    /// install) under an upstream-style provider, with the core-js babel-polyfill stand-in in front.
    @Test func upstreamHandlerWrapperBundledByUsAnswersTheWorkerProtocol() async throws {
        let python = try #require(ProcessInfo.processInfo.environment["PA_TEST_PYTHON"], "PA_TEST_PYTHON is not set: run scripts/install-test-tools")
        let lib = URL(fileURLWithPath: python).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib").path
        let upstream = try #require(
            try FileManager.default.contentsOfDirectory(atPath: lib).sorted().map { "\(lib)/\($0)/site-packages/edx_proctoring/static/index.js" }
                .first { FileManager.default.fileExists(atPath: $0) },
            "edx_proctoring/static/index.js not found under \(lib): run scripts/install-test-tools")
        let directory = try TemporaryDirectory("upstream")
        defer { directory.remove() }
        let root = directory.path + "/edx-platform"
        try FileManager.default.createDirectory(atPath: root + "/node_modules", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.workload + "/node_modules/babel-polyfill", toPath: root + "/node_modules/babel-polyfill")
        try directory.write("edx-platform/node_modules/@edx/edx-proctoring/package.json", #"{"name": "@edx/edx-proctoring", "main": "edx_proctoring/static/index.js"}"#)
        try directory.write(
            "edx-platform/node_modules/@edx/edx-proctoring/edx_proctoring/static/index.js", try String(contentsOfFile: upstream, encoding: .utf8))
        let provider = FixturePaths.bundlerFixtures + "/../WorkerRuntime/upstream-provider/index.js"
        try directory.write("edx-platform/node_modules/upstream-provider/src/index.js", try String(contentsOfFile: provider, encoding: .utf8))
        try directory.write("edx-platform/node_modules/upstream-provider/package.json", #"{"name": "upstream-provider", "main": "src/index.js"}"#)

        let entry = Self.entry(root, main: root + "/node_modules/upstream-provider/src/index.js")
        let (bundle, warnings) = try Self.build(entry, config: "{}", extraRoots: ["/usr/share/nodejs"])
        #expect(warnings.filter { $0.severity == .error }.isEmpty)
        #expect(bundle.moduleCount > 400)
        let report = try await Self.runInWorker(bundle, in: directory)
        #expect(report.exchanges.map(\.outcome) == [
            .succeeded(replyType: "examAttemptStarted"), .succeeded(replyType: "echo"), .succeeded(replyType: "examAttemptEnded"),
        ])
    }

    // MARK: - Bad JS_ENV_EXTRA_CONFIG on the example provider

    func refusal(_ config: String?) throws -> [String] {
        let directory = try TemporaryDirectory("refusal")
        defer { directory.remove() }
        let root = try Self.exampleRoot(directory)
        let worker = root + "/node_modules/example-proctor-worker/static/worker.js"
        let outcome: Result<WorkerBundle, DiagnosticError> = Result { () throws(DiagnosticError) -> WorkerBundle in
            try Self.build(Self.entry(root, main: worker), config: config).0
        }
        guard case .failure(let error) = outcome else { return ["built"] }
        let prefix = directory.path
        return error.diagnostics.map { diagnostic in
            TextReportRenderer(color: false).render(diagnostic).joined(separator: "\n").replacingOccurrences(of: prefix, with: "<tmp>")
        }
    }

    @Test func unquotedURLIsRefused() throws {
        #expect(try refusal(#"{"EXAMPLE_PROCTOR_URL": "https://proctor.example.com/api"}"#) == [
            """
            <tmp>/edx-platform/node_modules/example-proctor-worker/static/worker.js:6:21: error[PA182]: JS_ENV_EXTRA_CONFIG key 'EXAMPLE_PROCTOR_URL' has the value https://proctor.example.com/api, which is not a JavaScript expression (unexpected token ':', expected ')' at column 6); process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL is read here and webpack would fail with a parse error
              fix: values are JavaScript code: quote a string inside the JSON string, "EXAMPLE_PROCTOR_URL": "\\"https://proctor.example.com/api\\""
            """
        ])
    }

    @Test func missingKeyIsRefused() throws {
        #expect(try refusal("{}") == [
            """
            <tmp>/edx-platform/node_modules/example-proctor-worker/static/worker.js:6:21: error[PA183]: process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL is read here but JS_ENV_EXTRA_CONFIG has no key 'EXAMPLE_PROCTOR_URL'; it would be undefined at run time
              fix: add the key with its value quoted as JavaScript code: JS_ENV_EXTRA_CONFIG='{…, "EXAMPLE_PROCTOR_URL": "\\"…\\""}'
            """
        ])
    }

    @Test func unsetVariableIsRefused() throws {
        #expect(try refusal(nil) == [
            """
            <tmp>/edx-platform/node_modules/example-proctor-worker/static/worker.js:6:21: error[PA180]: process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL is read here but JS_ENV_EXTRA_CONFIG is not set
              fix: set JS_ENV_EXTRA_CONFIG to a JSON object with the key, its value quoted as JavaScript code: JS_ENV_EXTRA_CONFIG='{"EXAMPLE_PROCTOR_URL": "\\"…\\""}'
            """
        ])
    }

    @Test func invalidJSONIsRefused() throws {
        #expect(try refusal(#"{EXAMPLE_PROCTOR_URL: "x"}"#) == [
            """
            env JS_ENV_EXTRA_CONFIG: error[PA181]: JS_ENV_EXTRA_CONFIG is not valid JSON: expected a string key in double quotes at line 1, column 2
              fix: write a JSON object whose values are JavaScript code, e.g. JS_ENV_EXTRA_CONFIG='{"KEY": "\\"https://proctor.example.com\\""}'
              note: webpack's worker config would throw on JSON.parse and silently build no worker bundle
            """
        ])
    }

    @Test func nonObjectIsRefused() throws {
        #expect(try refusal(#""https://proctor.example.com/api""#) == [
            """
            env JS_ENV_EXTRA_CONFIG: error[PA184]: JS_ENV_EXTRA_CONFIG must be a JSON object, found a string
              fix: wrap the values in an object: JS_ENV_EXTRA_CONFIG='{"KEY": "\\"value\\""}' (use '{}' when no provider needs a key)
            """
        ])
    }
}
