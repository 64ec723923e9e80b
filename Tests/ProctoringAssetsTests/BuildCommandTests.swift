import Foundation
import Testing
import WorkerRuntime

/// `build --example` end to end: the three files, a bundle that answers the worker protocol, and the real
/// django-webpack-loader resolving our stats file to the URL `resolve` prints.
@Suite(.serialized) struct BuildCommandTests {
    static let bundleName = "example-proctor-worker"

    static func buildExample(_ extraArguments: [String] = [], environment: [String: String] = [:]) throws -> (String, CommandLineRunner.Outcome) {
        let scratch = try CommandLineRunner.temporaryFolder("build") + "/copy"
        let outcome = try CommandLineRunner.run(
            ["build", "--example", "--example-dir", scratch] + extraArguments, environment: environment)
        return (scratch, outcome)
    }

    @Test func writesTheThreeFilesAndTheBundleAnswersTheProtocol() async throws {
        let (scratch, outcome) = try Self.buildExample()
        #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
        let envRoot = scratch + "/openedx"
        for path in [
            envRoot + "/workers.json",
            envRoot + "/edx-platform/common/static/bundles/\(Self.bundleName).js",
            envRoot + "/staticfiles/bundles/\(Self.bundleName).js",
            envRoot + "/staticfiles/webpack-worker-stats.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: path), "missing \(path)")
        }
        #expect(outcome.standardOutput.contains("https://lms.example.edu/static/bundles/\(Self.bundleName).js"))
        let bundle = try String(contentsOfFile: envRoot + "/staticfiles/bundles/\(Self.bundleName).js", encoding: .utf8)
        #expect(!bundle.contains("process.env"))
        #expect(bundle.contains("https://proctor.example.com/api"))

        let harness = try WorkerHarness()
        let script = WorkerExchangeScript(prompts: [.ping, .startExamAttempt, .endExamAttempt])
        let report = try await harness.run(
            bundle: envRoot + "/staticfiles/bundles/\(Self.bundleName).js", script: script, timeout: script.suggestedRunTimeout)
        #expect(report.allSucceeded, "\(report.diagnostics())")
    }

    /// The example's settings as explicit flags, for a copy made earlier.
    static func settingsArguments(_ scratch: String) -> [String] {
        [
            "--settings", "example_site.assets", "--python-path", scratch + "/openedx/site-settings",
            "--python-path", scratch + "/openedx/edx-platform", "--config-yaml", scratch + "/openedx/config/lms.yml",
            "--site-packages", scratch + "/openedx/venv/lib/python3.11/site-packages",
        ]
    }

    @Test(arguments: ["esbuild", "webpack"])
    func theOtherBundlersProduceAWorkingWorkerToo(bundler: String) async throws {
        let (scratch, outcome) = try Self.buildExample(["--bundler", bundler])
        #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("by \(bundler)"))
        let harness = try WorkerHarness()
        let script = WorkerExchangeScript(prompts: [.ping, .startExamAttempt, .endExamAttempt])
        let report = try await harness.run(
            bundle: scratch + "/openedx/staticfiles/bundles/\(Self.bundleName).js", script: script, timeout: script.suggestedRunTimeout)
        #expect(report.allSucceeded, "\(report.diagnostics())")
    }

    @Test(arguments: [("1", "3.2.4"), ("0.4", "0.7.0")])
    func theRealLoaderResolvesOurStatsToTheURLResolvePrints(statsFormat: String, loader: String) throws {
        let scratch = try CommandLineRunner.temporaryFolder("loader-\(loader)") + "/copy"
        let copied = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        #expect(copied.status == 0)
        // The example records loader 3.2.4; for the 0.7 case the LMS runs 0.7.0 instead.
        let sitePackages = scratch + "/openedx/venv/lib/python3.11/site-packages"
        try FileManager.default.removeItem(atPath: sitePackages + "/django_webpack_loader-3.2.4.dist-info")
        try FileManager.default.createDirectory(
            atPath: sitePackages + "/django_webpack_loader-\(loader).dist-info", withIntermediateDirectories: true)
        try "Metadata-Version: 2.1\nName: django-webpack-loader\nVersion: \(loader)\n".write(
            toFile: sitePackages + "/django_webpack_loader-\(loader).dist-info/METADATA", atomically: true, encoding: .utf8)
        let environment = ["LMS_CFG": scratch + "/openedx/config/lms.yml", "JS_ENV_EXTRA_CONFIG": #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#]
        let built = try CommandLineRunner.run(
            ["build"] + Self.settingsArguments(scratch) + ["--stats-format", statsFormat], environment: environment)
        #expect(built.status == 0, "\(built.standardOutput)\n\(built.standardError)")
        let resolved = try CommandLineRunner.run(
            ["resolve"] + Self.settingsArguments(scratch) + ["--format", "json"], environment: environment)
        #expect(resolved.status == 0, "\(resolved.standardOutput)\n\(resolved.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(resolved.standardOutput.utf8)) as? [String: Any]
        let workers = (object?["result"] as? [String: Any])?["workers"] as? [String: Any]
        let ours = (workers?[Self.bundleName] as? [String: Any])?["js2DesktopApplicationJSURL"] as? String

        let loaderFolder = try #require(
            ProcessInfo.processInfo.environment[loader == "0.7.0" ? "PA_TEST_WEBPACK_LOADER_0_7" : "PA_TEST_WEBPACK_LOADER_3"],
            "run the tests through scripts/test (it installs both django-webpack-loader versions)")
        let script = """
            import sys
            sys.path.insert(0, sys.argv[1])
            from django.conf import settings
            settings.configure(
                DEBUG=False, STATIC_URL='/static/', STATIC_ROOT=sys.argv[2],
                INSTALLED_APPS=['django.contrib.staticfiles', 'webpack_loader'],
                WEBPACK_LOADER={'WORKERS': {'BUNDLE_DIR_NAME': 'bundles/', 'STATS_FILE': sys.argv[2] + '/webpack-worker-stats.json'}})
            import django
            django.setup()
            from webpack_loader.utils import get_files
            print('https://lms.example.edu' + get_files(sys.argv[3], config='WORKERS')[0]['url'])
            """
        let upstream = try UpstreamPython.run(script, arguments: [loaderFolder, scratch + "/openedx/staticfiles", Self.bundleName])
        #expect(ours == upstream.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(ours == "https://lms.example.edu/static/bundles/\(Self.bundleName).js")
    }

    @Test(arguments: [
        (#"{"EXAMPLE_PROCTOR_URL": "https://proctor.example.com/api"}"#, "unquoted URL"),
        (#"{"EXAMPLE_PROCTOR_URL": "\"https://x\"""#, "invalid JSON"),
        (#"{}"#, "missing key"),
    ])
    func badJSEnvExtraConfigIsRefusedAndNothingIsWritten(value: String, label: String) throws {
        let (scratch, outcome) = try Self.buildExample(environment: ["JS_ENV_EXTRA_CONFIG": value])
        // A finding (exit 1), as doctor reports the same value in a build file.
        #expect(outcome.status == 1, "\(label): \(outcome.standardOutput)\n\(outcome.standardError)")
        #expect(outcome.standardError.contains("error[PA1"), "\(label): \(outcome.standardError)")
        #expect(outcome.standardError.contains("EXAMPLE_PROCTOR_URL") || label == "invalid JSON", "\(outcome.standardError)")
        for path in ["/openedx/workers.json", "/openedx/staticfiles/webpack-worker-stats.json", "/openedx/staticfiles/bundles"] {
            #expect(!FileManager.default.fileExists(atPath: scratch + path), "\(label): \(path) was written")
        }
    }

    @Test("one mistake, one code: every back end and doctor report a bad JS_ENV_EXTRA_CONFIG the same way", arguments: [
        (#"{"EXAMPLE_PROCTOR_URL": "\"https://x\"""#, "PA181"),
        (#"["x"]"#, "PA184"),
        (#"{"EXAMPLE_PROCTOR_URL": "https://proctor.example.com/api"}"#, "PA182"),
        (#"{"EXAMPLE_PROCTOR_URL": "proctorHost"}"#, "PA187"),
    ])
    func oneDefineModelForEveryConsumer(value: String, code: String) throws {
        for bundler in ["native", "webpack", "esbuild"] {
            let scratch = try CommandLineRunner.temporaryFolder("define-\(bundler)") + "/copy"
            let outcome = try CommandLineRunner.run(
                ["build", "--example", "--example-dir", scratch, "--bundler", bundler, "--format", "json"],
                environment: ["JS_ENV_EXTRA_CONFIG": value])
            #expect(try Self.reportedCodes(outcome.standardOutput).contains(code), "\(bundler): \(outcome.standardOutput)")
        }
        let folder = try CommandLineRunner.temporaryFolder("define-doctor")
        let script = folder + "/build.sh"
        try "export JS_ENV_EXTRA_CONFIG='\(value)'\nnpm run webpack\n".write(toFile: script, atomically: true, encoding: .utf8)
        let doctor = try CommandLineRunner.run(["doctor", script, "--format", "json"])
        #expect(try Self.reportedCodes(doctor.standardOutput).contains(code), "doctor: \(doctor.standardOutput)")
    }

    /// The diagnostic codes of a `--format json` report.
    static func reportedCodes(_ json: String) throws -> [String] {
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let diagnostics = report?["diagnostics"] as? [[String: Any]] ?? []
        return diagnostics.compactMap { $0["code"] as? String }
    }

    @Test func hashedStaticStorageGetsTheHashedCopyAndTheManifestEntryDjangoReads() throws {
        let scratch = try CommandLineRunner.temporaryFolder("hashed") + "/copy"
        #expect(try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch]).status == 0)
        let staticRoot = scratch + "/openedx/staticfiles"
        try FileManager.default.createDirectory(atPath: staticRoot + "/css", withIntermediateDirectories: true)
        try #"{"paths": {"css/lms.css": "css/lms.0123456789ab.css"}, "version": "1.1", "hash": "abc"}"#
            .write(toFile: staticRoot + "/staticfiles.json", atomically: true, encoding: .utf8)
        let environment = [
            "LMS_CFG": scratch + "/openedx/config/lms.yml",
            "JS_ENV_EXTRA_CONFIG": #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#,
        ]
        let built = try CommandLineRunner.run(["build"] + Self.settingsArguments(scratch), environment: environment)
        #expect(built.status == 0, "\(built.standardOutput)\n\(built.standardError)")
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: staticRoot + "/staticfiles.json"))) as? [String: Any]
        let paths = manifest?["paths"] as? [String: String] ?? [:]
        #expect(paths["css/lms.css"] == "css/lms.0123456789ab.css")
        let hashed = try #require(paths["bundles/\(Self.bundleName).js"])
        #expect(FileManager.default.fileExists(atPath: staticRoot + "/" + hashed))

        let script = """
            import sys
            from django.conf import settings
            settings.configure(
                DEBUG=False, STATIC_URL='/static/', STATIC_ROOT=sys.argv[1],
                STORAGES={'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}})
            import django
            django.setup()
            from django.contrib.staticfiles.storage import staticfiles_storage
            print('https://lms.example.edu' + staticfiles_storage.url(sys.argv[2]))
            """
        let django = try UpstreamPython.run(script, arguments: [staticRoot, "bundles/\(Self.bundleName).js"])
        let resolved = try CommandLineRunner.run(["resolve"] + Self.settingsArguments(scratch) + ["--format", "json"], environment: environment)
        let object = try JSONSerialization.jsonObject(with: Data(resolved.standardOutput.utf8)) as? [String: Any]
        let workers = (object?["result"] as? [String: Any])?["workers"] as? [String: Any]
        let ours = (workers?[Self.bundleName] as? [String: Any])?["js2DesktopApplicationJSURL"] as? String
        #expect(ours == django.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(ours == "https://lms.example.edu/static/" + hashed)
    }

    @Test func resolveSaysWhatUpstreamServesWhenTheBundleIsMissing() throws {
        let scratch = try CommandLineRunner.temporaryFolder("resolve-missing") + "/copy"
        let workers = try CommandLineRunner.run(["workers", "--example", "--example-dir", scratch])
        #expect(workers.status == 0)
        let resolved = try CommandLineRunner.run(
            ["resolve"] + Self.settingsArguments(scratch), environment: ["LMS_CFG": scratch + "/openedx/config/lms.yml"])
        #expect(resolved.status == 1, "\(resolved.standardOutput)")
        #expect(resolved.standardOutput.contains("upstream would serve https://lms.example.edu"))
    }
}
