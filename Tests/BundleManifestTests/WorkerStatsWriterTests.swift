import Diagnostics
import OrderedJSON
import Testing

@testable import BundleManifest

@Suite("Stats writer: byte formats of webpack-bundle-tracker")
struct WorkerStatsWriterTests {
    let fakeProctor = StatsBundle(name: "fake-proctor", files: ["fake-proctor.js"])
    let mockprock = StatsBundle(name: "@edx/mockprock", files: ["@edx/mockprock.js"])
    let outputDirectory = "/tmp/wptest/out/bundles"

    private func render(_ description: WorkerStatsDescription, _ format: StatsFormat) throws -> String {
        try WorkerStatsWriter.render(description, format: format).get()
    }

    @Test("0.4 format, publicPath \"\": the bytes webpack 5.75 + tracker 0.4.3 wrote, scoped entry second")
    func tracker04WithEmptyPublicPath() throws {
        let description = WorkerStatsDescription(
            bundles: [fakeProctor, mockprock], outputDirectory: outputDirectory, publicPath: .value(""))
        #expect(try render(description, .tracker04) == Fixtures.text("tracker04-publicpath-empty.json"))
    }

    @Test("0.4 format, publicPath unset: no \"auto\" anywhere (same bytes as \"\")")
    func tracker04WithUnsetPublicPath() throws {
        let description = WorkerStatsDescription(bundles: [fakeProctor], outputDirectory: outputDirectory, publicPath: .unset)
        let text = try render(description, .tracker04)
        #expect(
            text
                == #"{"status":"done","chunks":{"fake-proctor":[{"name":"fake-proctor.js","path":"/tmp/wptest/out/bundles/fake-proctor.js"}]}}"#
        )
        #expect(!text.contains("auto"))
    }

    @Test("0.4 format with a publicPath: top-level key second, per-file publicPath between name and path")
    func tracker04WithPublicPath() throws {
        let description = WorkerStatsDescription(
            bundles: [mockprock], outputDirectory: "/openedx/edx-platform/common/static/bundles",
            publicPath: .value("/static/bundles/"))
        #expect(
            try render(description, .tracker04)
                == #"{"status":"done","publicPath":"/static/bundles/","chunks":{"@edx/mockprock":[{"name":"@edx/mockprock.js","publicPath":"/static/bundles/@edx/mockprock.js","path":"/openedx/edx-platform/common/static/bundles/@edx/mockprock.js"}]}}"#
        )
    }

    @Test("0.4 format refuses publicPath \"auto\" (loader 0.7 would serve auto<name>.js)")
    func tracker04RefusesAuto() {
        let description = WorkerStatsDescription(bundles: [fakeProctor], outputDirectory: outputDirectory, publicPath: .value("auto"))
        let result = WorkerStatsWriter.render(description, format: .tracker04)
        #expect(throws: DiagnosticError.self) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.diagnostics.map(\.code) == [.statsPublicPathAuto])
        }
    }

    @Test("1.x format, publicPath \"\": the bytes of tracker 3.2.1")
    func tracker1WithEmptyPublicPath() throws {
        let description = WorkerStatsDescription(bundles: [fakeProctor], outputDirectory: outputDirectory, publicPath: .value(""))
        #expect(try render(description, .tracker1) == Fixtures.text("tracker1-publicpath-empty.json"))
        let unset = WorkerStatsDescription(bundles: [fakeProctor], outputDirectory: outputDirectory, publicPath: .unset)
        #expect(try render(unset, .tracker1) == Fixtures.text("tracker1-publicpath-empty.json"))
    }

    @Test("1.x format with publicPath: asset publicPath third, top-level publicPath after chunks")
    func tracker1WithPublicPath() throws {
        let description = WorkerStatsDescription(
            bundles: [fakeProctor], outputDirectory: outputDirectory, publicPath: .value("/static/bundles/"))
        #expect(try render(description, .tracker1) == Fixtures.text("tracker1-publicpath-static-bundles.json"))
    }

    @Test("1.x format keeps \"auto\" literally (3.x ignores it)")
    func tracker1Auto() throws {
        let description = WorkerStatsDescription(bundles: [fakeProctor], outputDirectory: outputDirectory, publicPath: .value("auto"))
        let document = try WorkerStatsWriter.document(for: description, format: .tracker1).get()
        #expect(document["assets"]?["fake-proctor.js"]?["publicPath"] == "auto")
        #expect(document.objectMembers?.last?.key == "publicPath")
    }

    @Test("1.x format sorts assets and chunks by UTF-16 code units, array-index keys first; 0.4 keeps entry order")
    func sorting() throws {
        let names = ["b-proctor", "a-proctor", "@edx/mockprock", "Zeta", "\u{FF61}x", "\u{1F600}x", "10", "9"]
        let bundles = names.map { StatsBundle(name: $0, files: [$0 + ".js"]) }
        let description = WorkerStatsDescription(bundles: bundles, outputDirectory: outputDirectory)
        let sorted = try WorkerStatsWriter.document(for: description, format: .tracker1).get()
        let expected = ["9", "10", "@edx/mockprock", "Zeta", "a-proctor", "b-proctor", "\u{1F600}x", "\u{FF61}x"]
        #expect(sorted["chunks"]?.objectMembers?.map(\.key) == expected)
        // Asset keys carry ".js", so none of them is an array index.
        #expect(
            sorted["assets"]?.objectMembers?.map(\.key)
                == ["10.js", "9.js", "@edx/mockprock.js", "Zeta.js", "a-proctor.js", "b-proctor.js", "\u{1F600}x.js", "\u{FF61}x.js"])
        let inOrder = try WorkerStatsWriter.document(for: description, format: .tracker04).get()
        #expect(
            inOrder["chunks"]?.objectMembers?.map(\.key)
                == ["9", "10", "b-proctor", "a-proctor", "@edx/mockprock", "Zeta", "\u{FF61}x", "\u{1F600}x"])
    }

    @Test("1.x integrity: `<alg>-<base64>` joined by spaces, placed after path")
    func integrity() throws {
        let value = StatsIntegrity.value(of: Array("abc".utf8), algorithms: [.sha384])
        #expect(value == "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn")
        let all = StatsIntegrity.value(of: Array("abc".utf8))
        #expect(all.split(separator: " ").map { $0.split(separator: "-").first ?? "" } == ["sha256", "sha384", "sha512"])
        let description = WorkerStatsDescription(
            bundles: [fakeProctor], outputDirectory: outputDirectory, publicPath: .value("/static/bundles/"),
            integrity: ["fake-proctor.js": value])
        let asset = try WorkerStatsWriter.document(for: description, format: .tracker1).get()["assets"]?["fake-proctor.js"]
        #expect(asset?.objectMembers?.map(\.key) == ["name", "path", "integrity", "publicPath"])
        #expect(asset?["integrity"] == .string(value))
    }

    @Test("Input that no real build produces is refused with PA226")
    func invalidInput() {
        for description in [
            WorkerStatsDescription(bundles: [], outputDirectory: outputDirectory),
            WorkerStatsDescription(bundles: [fakeProctor], outputDirectory: "relative/bundles"),
            WorkerStatsDescription(bundles: [StatsBundle(name: "x", files: [])], outputDirectory: outputDirectory),
            WorkerStatsDescription(bundles: [StatsBundle(name: "x", files: ["/abs/x.js"])], outputDirectory: outputDirectory),
        ] {
            guard case .failure(let error) = WorkerStatsWriter.render(description, format: .tracker1) else {
                Issue.record("expected a failure for \(description)")
                continue
            }
            #expect(error.diagnostics.allSatisfy { $0.code == .statsWriterInputInvalid })
        }
    }
}
