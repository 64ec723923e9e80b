import Diagnostics
import FileSystemSupport
import Testing

@testable import BundleManifest

@Suite("Stats reader: both formats, validation with positions")
struct WorkerStatsReaderTests {
    private func read(_ text: String) -> WorkerStatsReadResult {
        WorkerStatsReader.parse(bytes: Array(text.utf8), path: "/s/webpack-worker-stats.json")
    }

    private func locations(_ result: WorkerStatsReadResult) -> [String] {
        result.diagnostics.map { "\($0.code.identifier) \($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
    }

    @Test("Reads the 0.4 format written by webpack, scoped bundle included")
    func readsTracker04() throws {
        let result = read(try Fixtures.text("tracker04-publicpath-empty.json"))
        #expect(result.diagnostics.isEmpty)
        let stats = try #require(result.stats)
        #expect(stats.format == .tracker04)
        #expect(stats.isDone)
        #expect(stats.bundles.map(\.name) == ["fake-proctor", "@edx/mockprock"])
        #expect(stats.bundle(named: "@edx/mockprock")?.files.first?.path == "/tmp/wptest/out/bundles/@edx/mockprock.js")
    }

    @Test("Reads the 1.x format and joins chunk names with their asset entries")
    func readsTracker1() throws {
        let result = read(try Fixtures.text("tracker1-publicpath-static-bundles.json"))
        #expect(result.diagnostics.isEmpty)
        let stats = try #require(result.stats)
        #expect(stats.format == .tracker1)
        #expect(stats.publicPath == "/static/bundles/")
        #expect(stats.bundle(named: "fake-proctor")?.files == [
            WorkerStats.File(
                name: "fake-proctor.js", publicPath: "/static/bundles/fake-proctor.js",
                path: "/tmp/wptest/out/bundles/fake-proctor.js")
        ])
    }

    @Test("Our writer's output reads back without findings in both formats")
    func roundTrip() throws {
        let description = WorkerStatsDescription(
            bundles: [StatsBundle(name: "@edx/mockprock", files: ["@edx/mockprock.js"])],
            outputDirectory: "/openedx/edx-platform/common/static/bundles", publicPath: .value("/static/bundles/"))
        for format in StatsFormat.allCases {
            let result = read(try WorkerStatsWriter.render(description, format: format).get())
            #expect(result.diagnostics.isEmpty)
            #expect(result.stats?.format == format)
            #expect(result.stats?.bundle(named: "@edx/mockprock")?.files.first?.name == "@edx/mockprock.js")
        }
    }

    @Test("Invalid JSON: PA202 at the parser's line and column")
    func invalidJSON() {
        let result = read("{\n  \"status\": \"done\",\n  \"chunks\": {\n}")
        #expect(locations(result) == ["PA202 4:2"])
        #expect(result.stats == nil)
    }

    @Test("Chunk naming a file without an asset entry: PA209 at the list element")
    func missingAsset() {
        let text = """
            {
              "status": "done",
              "assets": {},
              "chunks": {
                "fake-proctor": [
                  "fake-proctor.js"
                ]
              }
            }
            """
        #expect(locations(read(text)) == ["PA209 6:7"])
    }

    @Test("Mixed formats: a file object in a 1.x file is PA208 at its position")
    func mixedFormat() {
        let text = #"{"status":"done","assets":{"a.js":{"name":"a.js","path":"/b/a.js"}},"chunks":{"a":["a.js",{"name":"a.js"}]}}"#
        #expect(locations(read(text)) == ["PA208 1:91"])
    }

    @Test("0.4 file built by webpack 5 without publicPath \"\": PA212 at the top-level publicPath")
    func autoPublicPath() {
        let text = #"{"status":"done","publicPath":"auto","chunks":{"fake-proctor":[{"name":"fake-proctor.js","publicPath":"autofake-proctor.js","path":"/tmp/wptest/out/bundles/fake-proctor.js"}]}}"#
        #expect(locations(read(text)) == ["PA212 1:31"])
    }

    @Test("Unfinished and failed builds: PA205 / PA206 at the status value")
    func statuses() {
        #expect(locations(read(#"{"status":"compiling"}"#)) == ["PA205 1:11"])
        #expect(locations(read("{\n  \"status\": \"compile\",\n  \"assets\": {},\n  \"chunks\": {}\n}")) == ["PA205 2:13"])
        let failed = read(#"{"status":"error","error":"ModuleNotFoundError","message":"Module not found: Error: Can't resolve '/nonexistent/x.js' in '/tmp/wptest'"}"#)
        #expect(locations(failed) == ["PA206 1:11"])
        #expect(failed.diagnostics.first?.message.contains("ModuleNotFoundError") == true)
    }

    @Test("Structural errors: not an object, no status, chunks not an object, asset without name")
    func structure() {
        #expect(locations(read("[]")) == ["PA203 1:1"])
        #expect(locations(read(#"{"chunks":{}}"#)) == ["PA204 1:1"])
        #expect(locations(read(#"{"status":"done","chunks":[]}"#)) == ["PA207 1:27"])
        #expect(locations(read(#"{"status":"done","assets":{"a.js":{"path":"/x/a.js"}},"chunks":{"a":["a.js"]}}"#))
            == ["PA210 1:35", "PA209 1:70"])
    }

    @Test("A build-machine path that does not end with the name is a warning")
    func pathMismatch() {
        let result = read(#"{"status":"done","chunks":{"a":[{"name":"a.js","path":"/build/other.js"}]}}"#)
        #expect(locations(result) == ["PA228 1:55"])
        #expect(result.diagnostics.first?.severity == .warning)
    }

    @Test("Deployed location follows BUNDLE_DIR_NAME + name, not the build machine's path")
    func deployedPath() {
        #expect(
            WorkerStats.deployedPath(
                of: "@edx/mockprock.js", staticRoot: "/openedx/staticfiles", bundleDirName: "bundles/", semantics: .loader3)
                == "/openedx/staticfiles/bundles/@edx/mockprock.js")
        #expect(
            WorkerStats.deployedPath(of: "x.js", staticRoot: "/s", bundleDirName: "bundles", semantics: .loader07)
                == "/s/bundlesx.js")
    }

    @Test("Missing file: PA200 naming the IOError the loader raises")
    func missingFile() {
        let result = WorkerStatsReader.read(path: "/nowhere/webpack-worker-stats.json", fileSystem: InMemoryFileSystem())
        #expect(result.diagnostics.map(\.code) == [.statsFileNotFound])
        #expect(result.diagnostics.first?.notes.first?.contains("IOError") == true)
    }
}
