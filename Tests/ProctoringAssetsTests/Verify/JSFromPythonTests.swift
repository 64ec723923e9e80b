import Foundation
import OrderedJSON
import Testing
import WorkerRuntime

/// `build --js-from-python` on a deployment with only site-packages: the real Proctortrack wheels
/// (1.2.1 and 2.0.1) and edx-proctoring 6.1.4 installed into the example's site-packages, and no
/// node_modules at all. Each built worker passes `verify --smoke`, and the 1.2.1 worker built from the wheel
/// answers the worker harness exactly as the one built from an npm-style node_modules of the same source.
@Suite struct JSFromPythonTests {
    /// The Proctortrack deployment with its node_modules removed and edx-proctoring's files (`edx_proctoring`,
    /// its dist-info) added to site-packages, as `pip install edx-proctoring` puts them.
    static func sitePackagesOnly(_ worker: ProctortrackDeployment.Worker, withEdxProctoring: Bool = true) throws -> ProctortrackDeployment {
        let deployment = try ProctortrackDeployment(worker)
        try FileManager.default.removeItem(atPath: deployment.envRoot + "/edx-platform/node_modules")
        if withEdxProctoring {
            let edx = try #require(ProcessInfo.processInfo.environment["PA_TEST_EDX_PROCTORING"].flatMap { $0.isEmpty ? nil : $0 })
            for entry in try FileManager.default.contentsOfDirectory(atPath: edx) where entry.hasPrefix("edx_proctoring") {
                try FileManager.default.copyItem(atPath: edx + "/" + entry, toPath: deployment.sitePackages + "/" + entry)
            }
        }
        return deployment
    }

    @Test func theV1WorkerFromTheWheelBuildsWithoutNodeModulesAndAnswersAsTheNpmBuildDoes() async throws {
        let fromWheel = try Self.sitePackagesOnly(.v1)
        let built = try fromWheel.buildFromPython(extraConfig: ProctortrackDeployment.extraConfig(.v1))
        let text = built.standardOutput + built.standardError
        #expect(built.status == 0, "\(text)")
        let sitePackages = fromWheel.sitePackages
        #expect(text.contains(
            "JavaScript module edx-proctoring-proctortrack ← edx-proctoring-proctortrack 1.2.1: \(sitePackages)/edx_proctoring_proctortrack/static/proctortrack_custom.js "
                + "(npm name 'edx-proctoring-proctortrack' is the distribution's name (PEP 503 normalised); its RECORD lists the one JavaScript file in a static/ folder of its package)"),
            "\(text)")
        #expect(text.contains("JavaScript module @edx/edx-proctoring ← edx-proctoring 6.1.4: \(sitePackages)/edx_proctoring/static/index.js"), "\(text)")
        #expect(text.contains("babel-polyfill: left out (no node_modules holds it; see PA604)"), "\(text)")
        #expect(text.contains("note[PA604]: babel-polyfill left out of 'edx-proctoring-proctortrack'"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: fromWheel.envRoot + "/edx-platform/node_modules"))

        let fromNpm = try ProctortrackDeployment(.v1)
        try fromNpm.build(extraConfig: ProctortrackDeployment.extraConfig(.v1))

        // workers.json names the node_modules path upstream writes for the installed npm package, byte for byte.
        let wheelWorkers = try String(contentsOfFile: fromWheel.envRoot + "/workers.json", encoding: .utf8)
        let npmWorkers = try String(contentsOfFile: fromNpm.envRoot + "/workers.json", encoding: .utf8)
        #expect(wheelWorkers.replacingOccurrences(of: fromWheel.envRoot, with: "ENV_ROOT")
            == npmWorkers.replacingOccurrences(of: fromNpm.envRoot, with: "ENV_ROOT"))
        #expect(wheelWorkers == #"{"edx-proctoring-proctortrack": ["babel-polyfill", "\#(fromWheel.envRoot)/edx-platform/node_modules/edx-proctoring-proctortrack/edx_proctoring_proctortrack/static/proctortrack_custom.js"]}"#)

        let smoke = try fromWheel.verifySmoke()
        let smokeText = smoke.standardOutput + smoke.standardError
        #expect(smoke.status == 0, "\(smokeText)")
        #expect(smokeText.contains("smoke run passed (typed replies required, success or failure; network off"), "\(smokeText)")

        // The same prompts to both bundles in the worker harness: the same replies, error texts and requests.
        let harness = try WorkerHarness()
        let script = WorkerExchangeScript(
            prompts: [.startExamAttempt, .ping, .endExamAttempt], promptTimeoutMilliseconds: 1000, expectation: .typedReply)
        let wheelReport = try await harness.run(bundle: fromWheel.bundlePath, script: script, timeout: script.suggestedRunTimeout)
        let npmReport = try await harness.run(bundle: fromNpm.bundlePath, script: script, timeout: script.suggestedRunTimeout)
        let wheelReplies = wheelReport.exchanges.map(Self.protocolReply)
        #expect(wheelReport.passed, "\(wheelReport.diagnostics())")
        #expect(wheelReplies.count == 3)
        #expect(wheelReplies == npmReport.exchanges.map(Self.protocolReply))
        // The typed failure of a machine without the desktop application, with the worker's error and request.
        #expect(wheelReplies.first?.contains(#""type":"examAttemptStartFailed""#) == true, "\(wheelReplies)")
        #expect(wheelReplies.first?.contains("Proctortrack app is not running.") == true, "\(wheelReplies)")
        #expect(wheelReplies.first?.contains("https://app.verificient.com:54545/proxy_server/app/proctoring_started/") == true, "\(wheelReplies)")
    }

    @Test func theV2WorkerFromTheWheelBuildsWithoutNodeModulesAndPassesTheSmokeRun() throws {
        let fromWheel = try Self.sitePackagesOnly(.v2)
        let built = try fromWheel.buildFromPython(extraConfig: ProctortrackDeployment.extraConfig(.v2), ["--format", "json"])
        #expect(built.status == 0, "\(built.standardOutput)\n\(built.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(built.standardOutput.utf8)) as? [String: Any])
        let result = try #require(report["result"] as? [String: Any])
        let modules = try #require(result["javaScriptModules"] as? [String: Any])
        #expect(modules["source"] as? String == "python-distributions")
        let polyfill = try #require(modules["babelPolyfill"] as? [String: Any])
        #expect(polyfill["included"] as? Bool == false)
        let mapped = try #require(modules["modules"] as? [[String: Any]])
        #expect(mapped.map { $0["module"] as? String } == ["edx-proctoring-proctortrack-v2", "@edx/edx-proctoring"])
        #expect(mapped.map { $0["distribution"] as? String } == ["edx-proctoring-proctortrack-v2", "edx-proctoring"])
        #expect(mapped.first?["pathInSitePackages"] as? String == "edx_proctoring_proctortrack/static/proctortrack_custom.js")
        let codes = (report["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("PA604"), "\(codes)")
        #expect(try String(contentsOfFile: fromWheel.envRoot + "/workers.json", encoding: .utf8)
            == #"{"edx-proctoring-proctortrack-v2": ["babel-polyfill", "\#(fromWheel.envRoot)/edx-platform/node_modules/edx-proctoring-proctortrack-v2/edx_proctoring_proctortrack/static/proctortrack_custom.js"]}"#)

        let outcome = try fromWheel.verifySmoke()
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 0, "\(text)")
        #expect(text.contains(
            "startExamAttempt (timeout 1000 ms sent) → failed (examAttemptStartFailed), ping (timeout 1000 ms sent) → failed (pingFailed), "
                + "endExamAttempt (timeout 0 ms sent) → failed (examAttemptEndFailed)"), "\(text)")
        #expect(text.contains("GET http://localhost:54545/a7f3e9d2c5b8/ptx/app/status (fetch)"), "\(text)")
    }

    /// Without the flag, the missing npm package is still the error it was, and the build says the wheel has the worker.
    @Test func withoutTheFlagBuildSaysJSFromPythonWouldBuildTheWorker() throws {
        let deployment = try Self.sitePackagesOnly(.v1, withEdxProctoring: false)
        let outcome = try CommandLineRunner.run(
            deployment.buildArguments, environment: deployment.buildEnvironment(ProctortrackDeployment.extraConfig(.v1)))
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 1, "\(text)")
        #expect(text.contains("error[PA051]"), "\(text)")
        #expect(text.contains(
            "note[PA605]: edx-proctoring-proctortrack 1.2.1 ships the worker of 'edx-proctoring-proctortrack' (edx_proctoring_proctortrack/static/proctortrack_custom.js): `--js-from-python` would build it without npm"),
            "\(text)")
    }

    /// edx-proctoring missing from site-packages: @edx/edx-proctoring cannot be mapped, nothing is written;
    /// `--js-module-file` names the file instead.
    @Test func anUnmappableModuleIsAnErrorAndTheOverrideSuppliesIt() throws {
        let deployment = try Self.sitePackagesOnly(.v1, withEdxProctoring: false)
        let failed = try deployment.buildFromPython(extraConfig: ProctortrackDeployment.extraConfig(.v1))
        let text = failed.standardOutput + failed.standardError
        #expect(failed.status == 1, "\(text)")
        #expect(text.contains("error[PA600]: npm module '@edx/edx-proctoring' cannot be taken from an installed Python distribution"), "\(text)")
        #expect(text.contains("searched: no distribution named 'edx-proctoring' (the npm name without its scope, PEP 503 normalised) is installed"), "\(text)")
        #expect(text.contains("distributions that ship JavaScript in a static/ folder: edx-proctoring-proctortrack 1.2.1: edx_proctoring_proctortrack/static/proctortrack_custom.js"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: deployment.envRoot + "/workers.json"))
        #expect(!FileManager.default.fileExists(atPath: deployment.bundlePath))

        let edx = try #require(ProcessInfo.processInfo.environment["PA_TEST_EDX_PROCTORING"])
        let fixed = try deployment.buildFromPython(
            extraConfig: ProctortrackDeployment.extraConfig(.v1),
            ["--js-module-file", "@edx/edx-proctoring=\(edx)/edx_proctoring/static/index.js"])
        let fixedText = fixed.standardOutput + fixed.standardError
        #expect(fixed.status == 0, "\(fixedText)")
        #expect(fixedText.contains("JavaScript module @edx/edx-proctoring ← no distribution: \(edx)/edx_proctoring/static/index.js (given by --js-module-file; outside site-packages, so workers.json names it by its file name)"), "\(fixedText)")
        let bundle = try String(contentsOfFile: deployment.bundlePath, encoding: .utf8)
        #expect(bundle.contains("examAttemptStartFailed") && bundle.contains("smoke-test-key"))
    }

    /// A node_modules holding babel-polyfill (and nothing else): it is bundled first, as upstream does.
    @Test func babelPolyfillFromNodeModulesIsBundledFirst() throws {
        let deployment = try Self.sitePackagesOnly(.v1)
        let polyfill = CommandLineRunner.packageRoot + "/Examples/deployment/openedx/edx-platform/node_modules/babel-polyfill"
        let nodeModules = deployment.envRoot + "/edx-platform/node_modules"
        try FileManager.default.createDirectory(atPath: nodeModules, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: polyfill, toPath: nodeModules + "/babel-polyfill")
        let built = try deployment.buildFromPython(extraConfig: ProctortrackDeployment.extraConfig(.v1), ["--no-minify"])
        let text = built.standardOutput + built.standardError
        #expect(built.status == 0, "\(text)")
        #expect(text.contains("babel-polyfill: \(nodeModules)/babel-polyfill/lib/index.js (from node_modules, bundled first as upstream does)"), "\(text)")
        #expect(!text.contains("PA604"), "\(text)")
        let bundle = try String(contentsOfFile: deployment.bundlePath, encoding: .utf8)
        let polyfillAt = try #require(bundle.range(of: "only one instance of babel-polyfill is allowed"))
        let workerAt = try #require(bundle.range(of: "examAttemptStartFailed"))
        #expect(polyfillAt.lowerBound < workerAt.lowerBound)
    }

    /// `bundle` from an existing workers.json into a folder, with the same mapping, and the usage errors.
    @Test func bundleTakesTheSameModulesAndBadFlagsAreUsageErrors() throws {
        let deployment = try Self.sitePackagesOnly(.v1)
        let output = try CommandLineRunner.temporaryFolder("js-from-python-bundle")
        try #"{"edx-proctoring-proctortrack": ["babel-polyfill", "/nowhere/node_modules/edx-proctoring-proctortrack/edx_proctoring_proctortrack/static/proctortrack_custom.js"]}"#
            .write(toFile: output + "/workers.json", atomically: true, encoding: .utf8)
        let bundled = try CommandLineRunner.run(
            ["bundle", "--workers-json", output + "/workers.json", "--output-dir", output + "/out", "--stats-format", "1",
             "--js-from-python", "--site-packages", deployment.sitePackages],
            environment: ["JS_ENV_EXTRA_CONFIG": ProctortrackDeployment.extraConfig(.v1)])
        let text = bundled.standardOutput + bundled.standardError
        #expect(bundled.status == 0, "\(text)")
        #expect(text.contains("JavaScript module edx-proctoring-proctortrack ← edx-proctoring-proctortrack 1.2.1"), "\(text)")
        let bundle = try String(contentsOfFile: output + "/out/edx-proctoring-proctortrack.js", encoding: .utf8)
        #expect(bundle.contains("smoke-test-key") && bundle.contains("examAttemptStarted"))

        let malformed = try CommandLineRunner.run(deployment.buildArguments + ["--js-from-python", "--js-module-file", "no-equals"])
        #expect(malformed.status == 2, "\(malformed.standardError)")
        #expect(malformed.standardError.contains("PA602: 'no-equals' is not MODULE=PATH"), "\(malformed.standardError)")
        let withEsbuild = try CommandLineRunner.run(deployment.buildArguments + ["--js-from-python", "--bundler", "esbuild"])
        #expect(withEsbuild.status == 2, "\(withEsbuild.standardError)")
        #expect(withEsbuild.standardError.contains("PA606"), "\(withEsbuild.standardError)")
    }

    @Test func doctorSaysJSFromPythonWouldBuildTheWorkerTheBuildNeverInstalls() throws {
        let scratch = try CommandLineRunner.temporaryFolder("doctor-js-from-python")
        try """
            FROM python:3.11
            WORKDIR /openedx/edx-platform
            RUN pip install edx-proctoring-proctortrack==1.2.1
            RUN npm clean-install
            RUN npm run webpack && ./manage.py lms collectstatic --noinput

            """.write(toFile: scratch + "/Dockerfile", atomically: true, encoding: .utf8)
        let v1 = try #require(ProcessInfo.processInfo.environment["PA_TEST_PROCTORTRACK_V1"])
        let outcome = try CommandLineRunner.run(["doctor", "Dockerfile", "--site-packages", v1], currentDirectory: scratch)
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 1, "\(text)")
        #expect(text.contains("error[PA408]: the npm package edx-proctoring-proctortrack"), "\(text)")
        #expect(text.contains("note[PA605]: edx-proctoring-proctortrack 1.2.1 ships the worker of edx-proctoring-proctortrack (edx_proctoring_proctortrack/static/proctortrack_custom.js): `proctoring-assets build --js-from-python` would build it without npm"), "\(text)")
    }

    /// An exchange as JSON without its timing (reply time bucket): prompt sent, outcome, reply, requests, errors.
    static func protocolReply(_ exchange: WorkerExchangeResult) -> String {
        guard case .object(let members) = exchange.jsonValue else { return "" }
        return JSONWriter.write(.object(members.filter { $0.key != "replyTime" }), style: .javaScriptCompact)
    }
}

extension ProctortrackDeployment {
    var sitePackages: String { envRoot + "/venv/lib/python3.11/site-packages" }

    var buildArguments: [String] {
        [
            "build", "--settings", "example_site.assets", "--python-path", envRoot + "/site-settings",
            "--python-path", envRoot + "/edx-platform", "--config-yaml", envRoot + "/config/lms.yml",
            "--site-packages", sitePackages,
        ]
    }

    func buildEnvironment(_ extraConfig: String) -> [String: String] {
        ["LMS_CFG": envRoot + "/config/lms.yml", "JS_ENV_EXTRA_CONFIG": extraConfig]
    }

    /// `build --js-from-python`, as an operator without npm runs it.
    func buildFromPython(extraConfig: String, _ extra: [String] = []) throws -> CommandLineRunner.Outcome {
        try CommandLineRunner.run(buildArguments + ["--js-from-python"] + extra, environment: buildEnvironment(extraConfig))
    }
}
