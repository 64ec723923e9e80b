import Diagnostics
import Foundation
import Testing

@testable import Verification

@Suite("verify rules over correct and broken builds")
struct VerifyRuleTests {
    static func loader(_ version: String) -> [String: Any] {
        ["name": "openedx/venv/lib/python3.11/site-packages/django_webpack_loader-\(version).dist-info/METADATA",
         "text": "Name: django-webpack-loader\nVersion: \(version)\n"]
    }

    @Test("a correct build has no error in any layout, archive form or tracker format", arguments: [
        (VerifyBuild.Tracker.v04, VerifyBuild.Shape.imageRoot, false),
        (.v04, .imageRoot, true), (.v1, .imageRoot, false), (.v1, .imageRoot, true),
        (.v04, .staticRoot, false), (.v04, .staticRoot, true), (.v1, .staticRoot, false), (.v1, .staticRoot, true),
    ])
    func correctBuild(tracker: VerifyBuild.Tracker, shape: VerifyBuild.Shape, asArchive: Bool) throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild(tracker: tracker, shape: shape)
        if shape == .imageRoot { build.extraEntries = [Self.loader(tracker == .v04 ? "0.7.0" : "3.2.3")] }
        let path = asArchive ? try build.archive(in: workspace) : try build.folder(in: workspace)
        let (outcome, diagnostics) = try verify(path)

        #expect(diagnostics.errorCodes.isEmpty, "\(diagnostics)")
        #expect(!diagnostics.allCodes.contains("PA211"))
        #expect(outcome.bundles.map(\.name) == [VerifyBuild.worker])
        #expect(outcome.bundles.first?.scriptIsSound == true)
        #expect(outcome.bundles.first?.url == "/static/bundles/example-proctor-worker.js")
        #expect(outcome.bundles.first?.script?.digest?.size == VerifyBuild.goodScript.utf8.count)
        #expect(outcome.statsFile?.digest != nil)
        if shape == .imageRoot {
            #expect(outcome.workersConfig?.digest?.size == build.workersJSON?.utf8.count)
            #expect(outcome.loader == (tracker == .v04 ? .loader07 : .loader3))
        } else {
            #expect(outcome.workersConfig == nil)
            #expect(diagnostics.allCodes.contains("PA322"))
        }
    }

    @Test("an image without workers.json is an error (PA330), located at ENV_ROOT/workers.json in the archive")
    func noWorkersJSON() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild()
        build.workersJSON = nil
        let path = try build.archive(in: workspace)
        let (_, diagnostics) = try verify(path)
        #expect(diagnostics.errorCodes == ["PA330"])
        let finding = try #require(diagnostics.first("PA330"))
        #expect(finding.location?.file == path)
        #expect(finding.location?.source == "entry openedx/workers.json")
        #expect(finding.fix != nil)
    }

    @Test("a stale workers.json names a package that is no longer installed (PA342) and has no chunk (PA331)")
    func staleWorkersJSON() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild()
        build.workersJSON = #"{"example-proctor-worker": ["babel-polyfill", "/openedx/edx-platform/node_modules/example-proctor-worker/static/worker.js"], "edx-proctoring-proctortrack": ["babel-polyfill", "/openedx/edx-platform/node_modules/edx-proctoring-proctortrack/edx_proctoring_proctortrack/static/proctortrack_custom.js"]}"#
        let folder = try build.folder(in: workspace)
        let (outcome, diagnostics) = try verify(folder)
        #expect(diagnostics.errorCodes.sorted() == ["PA331", "PA342"])
        let stale = try #require(diagnostics.first("PA342"))
        #expect(stale.message.contains("edx-proctoring-proctortrack is not installed"))
        #expect(stale.location?.file?.hasSuffix("/openedx/workers.json") == true)
        #expect(stale.location?.line == 1)
        #expect(outcome.bundles.map(\.name) == ["example-proctor-worker", "edx-proctoring-proctortrack"])
    }

    @Test("the same removed package without node_modules in the input is only a note (PA343)")
    func nodeModulesNotInInput() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild()
        build.installPackage = false
        build.extraEntries = []
        let folder = try build.folder(in: workspace)
        try FileManager.default.removeItem(atPath: folder + "/openedx/edx-platform/node_modules")
        let (_, diagnostics) = try verify(folder)
        #expect(diagnostics.errorCodes.isEmpty)
        #expect(diagnostics.first("PA343")?.severity == .note)
    }

    @Test("stats without the worker's chunk: PA331 at the workers.json entry", arguments: [VerifyBuild.Tracker.v04, .v1])
    func statsWithoutChunk(tracker: VerifyBuild.Tracker) throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild(tracker: tracker)
        build.chunkListed = false
        let (outcome, diagnostics) = try verify(try build.archive(in: workspace))
        #expect(diagnostics.errorCodes == ["PA331"])
        #expect(outcome.bundles.first?.urlIsFallback == true)
    }

    @Test("a bundle with process.env.JS_ENV_EXTRA_CONFIG left in: PA335 at the bundle's line and column")
    func defineNotApplied() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild()
        build.script = VerifyBuild.goodScript.replacingOccurrences(
            of: #""https://proctor.example.com/api""#, with: "process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL")
        let folder = try build.folder(in: workspace)
        let (outcome, diagnostics) = try verify(folder)
        #expect(diagnostics.errorCodes == ["PA335"])
        let finding = try #require(diagnostics.first("PA335"))
        #expect(finding.location?.line == 3)
        #expect(finding.location?.column == 21)
        #expect(finding.message.contains("process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL"))
        #expect(outcome.bundles.first?.scriptIsSound == false)

        // In an archive the entry, line and column are named in the location's source.
        let archived = try verify(try build.archive(in: workspace))
        #expect(archived.diagnostics.first("PA335")?.location?.source
            == "entry openedx/staticfiles/bundles/example-proctor-worker.js:3:21")
    }

    @Test("other free uses of process are a warning, typeof guards are fine")
    func otherProcessUses() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild()
        build.script = "var mode = process.env.NODE_ENV;\n" + VerifyBuild.goodScript
        let (_, diagnostics) = try verify(try build.folder(in: workspace))
        #expect(diagnostics.errorCodes.isEmpty)
        #expect(diagnostics.first("PA336")?.severity == .warning)
        #expect(diagnostics.first("PA336")?.location?.line == 1)
    }

    @Test("a bundle with a syntax error: PA334 with the bundle's line and column")
    func syntaxError() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild()
        build.script = VerifyBuild.goodScript + "var broken = {;\n"
        let (_, diagnostics) = try verify(try build.folder(in: workspace))
        #expect(diagnostics.errorCodes == ["PA334"])
        let finding = try #require(diagnostics.first("PA334"))
        #expect(finding.location?.line == 15)
        #expect(finding.location?.column == 15)
    }

    @Test("an unquoted value: a free identifier (PA337) or a bare URL (PA337) where the code reads a URL")
    func unquotedValues() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var identifier = VerifyBuild()
        identifier.script = VerifyBuild.goodScript.replacingOccurrences(of: #""https://proctor.example.com/api""#, with: "abc")
        let first = try verify(try identifier.folder(in: workspace, named: "identifier"))
        #expect(first.diagnostics.errorCodes == ["PA337"])
        #expect(first.diagnostics.first("PA337")?.message.contains("`SERVICE_URL` is set to the bare identifier `abc`") == true)

        var bareURL = VerifyBuild()
        bareURL.script = VerifyBuild.goodScript.replacingOccurrences(
            of: #""https://proctor.example.com/api""#, with: "https://proctor.example.com/api")
        let second = try verify(try bareURL.folder(in: workspace, named: "bare"))
        #expect(second.diagnostics.errorCodes == ["PA337"])
        #expect(second.diagnostics.first("PA337")?.location?.line == 3)

        // Whole-object form (the v2 Proctortrack worker reads the object).
        var object = VerifyBuild()
        object.script = "const raw = ({\"PROCTORTRACK_CDN_URL\":abc,\"PROCTORTRACK_CONFIG_KEY\":42});\n" + VerifyBuild.goodScript
        let third = try verify(try object.folder(in: workspace, named: "object"))
        #expect(third.diagnostics.errorCodes == ["PA337"])

        // A string where a URL is expected but that is no URL is a warning.
        var empty = VerifyBuild()
        empty.script = VerifyBuild.goodScript.replacingOccurrences(of: #""https://proctor.example.com/api""#, with: #""""#)
        let fourth = try verify(try empty.folder(in: workspace, named: "empty"))
        #expect(fourth.diagnostics.errorCodes.isEmpty)
        #expect(fourth.diagnostics.first("PA338")?.severity == .warning)

        // Names that merely start with URL are not read as URL settings (core-js: URL_SEARCH_PARAMS).
        var unrelated = VerifyBuild()
        unrelated.script = "var URL_SEARCH_PARAMS = \"URLSearchParams\";\n" + VerifyBuild.goodScript
        #expect(try verify(try unrelated.folder(in: workspace, named: "unrelated")).diagnostics.first("PA338") == nil)
    }

    @Test("an empty or missing chunk file: PA333 and PA332")
    func chunkFiles() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var empty = VerifyBuild()
        empty.script = ""
        #expect(try verify(try empty.folder(in: workspace, named: "empty")).diagnostics.errorCodes == ["PA333"])

        let missing = try VerifyBuild().folder(in: workspace, named: "missing")
        try FileManager.default.removeItem(atPath: missing + "/openedx/staticfiles/bundles/example-proctor-worker.js")
        let result = try verify(missing)
        #expect(result.diagnostics.errorCodes == ["PA332"])
        #expect(result.diagnostics.first("PA332")?.notes.first?.contains("/build/edx-platform/") == true)
    }

    @Test("the stats format must match the loader installed in the image (PA211)")
    func formatMismatch() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild(tracker: .v04)
        build.extraEntries = [Self.loader("3.2.3")]
        let (_, diagnostics) = try verify(try build.archive(in: workspace))
        #expect(diagnostics.errorCodes.contains("PA211"))
    }

    @Test("a recorded integrity is checked (PA340)")
    func integrity() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let plain = try VerifyBuild(tracker: .v1).folder(in: workspace, named: "plain")
        let input = try VerificationInput.open(path: plain, diagnostics: DiagnosticCollector())
        let digest = try input.fileDigest(input.layout.chunkFilePath("example-proctor-worker.js") ?? "")
        var good = VerifyBuild(tracker: .v1)
        good.integrity = "sha384-" + HexToBase64.convert(digest.sha384)
        #expect(try verify(try good.archive(in: workspace, named: "good.tgz")).diagnostics.errorCodes.isEmpty)

        var bad = good
        bad.integrity = "sha384-AAAA"
        #expect(try verify(try bad.archive(in: workspace, named: "bad.tgz")).diagnostics.errorCodes == ["PA340"])
    }

    @Test("a source map named by the bundle must exist and be a v3 map (PA339)")
    func sourceMaps() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var build = VerifyBuild()
        build.script = VerifyBuild.goodScript + "//# sourceMappingURL=example-proctor-worker.js.map\n"
        let missing = try verify(try build.folder(in: workspace, named: "missing"))
        #expect(missing.diagnostics.first("PA339")?.message.contains("does not exist") == true)

        build.extraEntries = [[
            "name": "openedx/staticfiles/bundles/example-proctor-worker.js.map",
            "text": #"{"version":3,"sources":["worker.js"],"mappings":"AAAA"}"#,
        ]]
        #expect(try verify(try build.folder(in: workspace, named: "valid")).diagnostics.first("PA339") == nil)

        build.extraEntries = [["name": "openedx/staticfiles/bundles/example-proctor-worker.js.map", "text": #"{"version":2}"#]]
        let invalid = try verify(try build.folder(in: workspace, named: "invalid"))
        #expect(invalid.diagnostics.filter { $0.code.identifier == "PA339" }.count == 3)
    }

    @Test("entries must lie inside NODE_MODULES_ROOT when the settings give it (PA341)")
    func nodeModulesRoot() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let folder = try VerifyBuild().folder(in: workspace)
        let inside = VerifyRuleOptions(nodeModulesRoot: "/openedx/edx-platform/node_modules")
        #expect(try verify(folder, options: inside).diagnostics.errorCodes.isEmpty)
        let elsewhere = VerifyRuleOptions(nodeModulesRoot: "/openedx/node_modules", nodeModulesRootLocation: .flag("--node-modules-root"))
        let result = try verify(folder, options: elsewhere)
        #expect(result.diagnostics.errorCodes == ["PA341"])
        #expect(result.diagnostics.first("PA341")?.notes == ["NODE_MODULES_ROOT is set at flag --node-modules-root"])
    }

    @Test("the served URL follows the settings: STATIC_URL, LMS_ROOT_URL and BUNDLE_DIR_NAME")
    func servedURL() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let folder = try VerifyBuild().folder(in: workspace)
        let options = VerifyRuleOptions(staticURL: "/static/", lmsRootURL: "https://lms.example.com")
        let (outcome, _) = try verify(folder, options: options)
        #expect(outcome.bundles.first?.url == "https://lms.example.com/static/bundles/example-proctor-worker.js")
    }

    @Test("every verify code is in the PA330–PA399 range, unique, and explained")
    func catalog() {
        let identifiers = VerifyCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for code in VerifyCatalog.codes {
            let number = Int(code.identifier.dropFirst(2)) ?? 0
            #expect((330...399).contains(number), "\(code.identifier)")
            #expect(code.explanation.count > 80, "\(code.identifier)")
        }
    }
}
