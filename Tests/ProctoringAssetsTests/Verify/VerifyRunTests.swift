import DeploymentSettings
import Diagnostics
import Foundation
import OrderedJSON
import ProctoringAssets
import Testing

@Suite("verify through the facade: a real esbuild build, smoke runs, broken variants, bad input")
struct VerifyRunTests {
    /// A deployment of flags only, as `verify PATH` without deployment options sees it.
    static func deployment(
        settings: String? = nil, workingDirectory: String = "/", envRoot: String? = nil, staticRoot: String? = nil
    ) -> DeploymentArguments {
        DeploymentArguments(
            settings: settings, overrides: SettingsOverrides(envRoot: envRoot, staticRoot: staticRoot),
            environment: ProcessInfo.processInfo.environment, workingDirectory: workingDirectory)
    }

    static func run(_ path: String, smoke: Bool = false, options: VerifyOptions = VerifyOptions(deployment: deployment())) async -> CommandReport {
        var options = options
        options.smoke = smoke
        return await VerifyRun().run(path: path, options: options)
    }

    static func errorCodes(_ report: CommandReport) -> [String] {
        report.diagnostics.filter { $0.severity == .error }.map(\.code.identifier)
    }

    @Test("a correct build exits 0, --smoke passes, and the result lists the files with sizes and hashes",
          arguments: VerifyBuildFixture.Tracker.allCases, [false, true])
    func correctBuild(tracker: VerifyBuildFixture.Tracker, staticRootOnly: Bool) async throws {
        let fixture = try VerifyBuildFixture(tracker: tracker)
        defer { fixture.remove() }
        for path in [staticRootOnly ? fixture.staticRoot : fixture.imageRoot, try fixture.archive(staticRootOnly: staticRootOnly)] {
            let report = await Self.run(path, smoke: true)
            #expect(report.exitStatus == ExitStatus.ok, "\(path): \(report.diagnostics)")
            let result = report.result
            let files = result["files"]?.arrayValue ?? []
            let roles = files.compactMap { $0["role"]?.stringValue }
            #expect(roles == (staticRootOnly ? ["stats", "bundle"] : ["workers.json", "stats", "bundle"]))
            for file in files {
                #expect(file["size"]?.numberText.flatMap { Int($0) }.map { $0 > 0 } == true)
                #expect(file["sha384"]?.stringValue?.count == 96)
                #expect(file["integrity"]?.stringValue?.hasPrefix("sha384-") == true)
            }
            let bundleSize = try FileManager.default.attributesOfItem(atPath: fixture.bundlePath)[.size] as? Int
            #expect(files.last?["size"]?.numberText == bundleSize.map(String.init))
            #expect(result["layout"]?["kind"]?.stringValue == (staticRootOnly ? "static-root" : "image-root"))
            #expect(result["statsFormat"]?.stringValue == (tracker == .v04 ? "0.4" : "1"))
            let worker = result["workers"]?.arrayValue?.first
            #expect(worker?["url"]?.stringValue == "/static/bundles/example-proctor-worker.js")
            #expect(worker?["smoke"]?["passed"] == .bool(true))
            #expect(report.summaryLines.contains { $0.hasPrefix("  smoke run passed") })
        }
    }

    enum Broken: String, CaseIterable, Sendable {
        case noWorkersJSON, staleWorkersJSON, statsWithoutChunk, defineNotApplied, syntaxError, unquotedURL

        var expectedCode: String {
            switch self {
            case .noWorkersJSON: return "PA330"
            case .staleWorkersJSON: return "PA342"
            case .statsWithoutChunk: return "PA331"
            case .defineNotApplied: return "PA335"
            case .syntaxError: return "PA334"
            case .unquotedURL: return "PA337"
            }
        }

        func apply(to fixture: VerifyBuildFixture) throws {
            switch self {
            case .noWorkersJSON:
                try FileManager.default.removeItem(atPath: fixture.envRoot + "/workers.json")
            case .staleWorkersJSON:
                // The package was removed after workers.json was written; the old bundle is still there.
                try FileManager.default.removeItem(atPath: fixture.envRoot + "/edx-platform/node_modules/example-proctor-worker")
            case .statsWithoutChunk:
                try fixture.write(fixture.staticRoot + "/webpack-worker-stats.json", VerifyBuildFixture.stats(tracker: .v04, listing: false))
            case .defineNotApplied:
                try fixture.bundle(define: nil)
            case .syntaxError:
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: fixture.bundlePath))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("var broken = {;\n".utf8))
                try handle.close()
            case .unquotedURL:
                try fixture.bundle(define: "--define:process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL=abc")
            }
        }
    }

    @Test("each broken variant of an image tarball exits 1 with its code", arguments: Broken.allCases)
    func brokenVariant(_ variant: Broken) async throws {
        let fixture = try VerifyBuildFixture(tracker: .v04)
        defer { fixture.remove() }
        try variant.apply(to: fixture)
        let report = await Self.run(try fixture.archive(staticRootOnly: false), smoke: true)
        #expect(report.exitStatus == ExitStatus.findings, "\(report.diagnostics)")
        #expect(Self.errorCodes(report).contains(variant.expectedCode), "\(Self.errorCodes(report))")
        let finding = report.diagnostics.first { $0.code.identifier == variant.expectedCode }
        #expect(finding?.fix != nil)
        #expect(finding?.location?.file?.hasSuffix("image.tar.gz") == true)
    }

    @Test("a bundle that loads but reads process at run time fails the smoke run with a PA24x code")
    func smokeFailure() async throws {
        let fixture = try VerifyBuildFixture(tracker: .v04)
        defer { fixture.remove() }
        // Valid and substituted, but touches a node global when loaded; the static rules only warn.
        let bundle = try String(contentsOfFile: fixture.bundlePath, encoding: .utf8)
        try fixture.write(fixture.bundlePath, "var mode = process.env.NODE_ENV;\n" + bundle)
        let report = await Self.run(fixture.imageRoot, smoke: true)
        #expect(report.exitStatus == ExitStatus.findings)
        #expect(report.diagnostics.contains { $0.code.identifier.hasPrefix("PA24") && $0.severity == .error })
        #expect(report.diagnostics.contains { $0.code.identifier == "PA336" })
    }

    @Test("bad input exits 2 and extracts nothing", arguments: ["missing", "text", "corrupt", "truncated"])
    func badInput(_ kind: String) async throws {
        let fixture = try VerifyBuildFixture(tracker: .v1)
        defer { fixture.remove() }
        let archive = try fixture.archive(staticRootOnly: false)
        var path = archive
        switch kind {
        case "missing":
            path = fixture.folder + "/nothing-here.tar.gz"
        case "text":
            path = fixture.folder + "/notes.tar.gz"
            try fixture.write(path, "not an archive at all\n")
        case "corrupt":
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: archive)))
            for index in stride(from: 20, to: min(bytes.count, 400), by: 3) { bytes[index] ^= 0x5A }
            path = fixture.folder + "/corrupt.tar.gz"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        default:
            let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
            path = fixture.folder + "/truncated.tar.gz"
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: fixture.folder).sorted()
        let report = await Self.run(path)
        #expect(report.exitStatus == ExitStatus.usageOrInput, "\(report.diagnostics)")
        #expect(report.diagnostics.contains { $0.code.isInputError && $0.location?.file == path })
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder).sorted() == before)
    }

    @Test("--extract-to writes the archive's entries into a new folder, and refuses a folder in use")
    func extractTo() async throws {
        let fixture = try VerifyBuildFixture(tracker: .v1)
        defer { fixture.remove() }
        let archive = try fixture.archive(staticRootOnly: true)
        let destination = fixture.folder + "/extracted"
        let report = await Self.run(archive, options: VerifyOptions(deployment: Self.deployment(), extractTo: destination))
        #expect(report.exitStatus == ExitStatus.ok, "\(report.diagnostics)")
        let extracted = try Data(contentsOf: URL(fileURLWithPath: destination + "/staticfiles/bundles/example-proctor-worker.js"))
        #expect(extracted == (try Data(contentsOf: URL(fileURLWithPath: fixture.bundlePath))))

        let again = await Self.run(archive, options: VerifyOptions(deployment: Self.deployment(), extractTo: destination))
        #expect(again.exitStatus == ExitStatus.usageOrInput)
        #expect(again.diagnostics.contains { $0.code.identifier == "PA314" })
    }

    @Test("--static-root and --env-root name the folders; a folder not in the input is an input error")
    func overrides() async throws {
        let fixture = try VerifyBuildFixture(tracker: .v04)
        defer { fixture.remove() }
        let archive = try fixture.archive(staticRootOnly: false)
        let named = await Self.run(archive, options: VerifyOptions(deployment: Self.deployment(envRoot: "/openedx", staticRoot: "/openedx/staticfiles")))
        #expect(named.exitStatus == ExitStatus.ok, "\(named.diagnostics)")
        let wrong = await Self.run(archive, options: VerifyOptions(deployment: Self.deployment(staticRoot: "/srv/static")))
        #expect(wrong.exitStatus == ExitStatus.usageOrInput)
        #expect(wrong.diagnostics.map(\.code.identifier) == ["PA323"])
    }

    @Test("settings decide STATS_FILE, NODE_MODULES_ROOT and the URL")
    func withSettings() async throws {
        let fixture = try VerifyBuildFixture(tracker: .v04)
        defer { fixture.remove() }
        let settings = fixture.folder + "/verify_settings.py"
        try fixture.write(settings, """
            LMS_ROOT_URL = "https://lms.example.com"
            STATIC_URL = "/static/"
            NODE_MODULES_ROOT = "/openedx/node_modules"
            WEBPACK_LOADER = {"WORKERS": {"BUNDLE_DIR_NAME": "bundles/", "STATS_FILE": "/openedx/staticfiles/webpack-worker-stats.json"}}

            """)
        let deployment = Self.deployment(settings: settings, workingDirectory: fixture.folder)
        let report = await Self.run(fixture.imageRoot, options: VerifyOptions(deployment: deployment))
        #expect(Self.errorCodes(report) == ["PA341"], "\(report.diagnostics)")
        let worker = report.result["workers"]?.arrayValue?.first
        #expect(worker?["url"]?.stringValue == "https://lms.example.com/static/bundles/example-proctor-worker.js")
    }
}

extension JSONValue {
    var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }
}
