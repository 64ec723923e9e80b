import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import Testing

@testable import Bundler
import TestSupport

/// The combined source map points stack traces back at the modules' own lines (checked with node's
/// `--enable-source-maps`, which reads the map the bundle names in `sourceMappingURL`).
@Suite struct BundleSourceMapTests {
    static let files = [
        "/app/index.js": """
            import { explode } from "./deep/thrower.js";
            const helper = require("./helper.js");
            helper.log("before");
            explode();
            """,
        "/app/helper.js": """
            exports.log = function (text) {
              console.log(text);
            };
            """,
        "/app/deep/thrower.js": """
            export function explode() {
              const value = 1;
              throw new Error("boom " + value);
            }
            """,
    ]

    func build(minify: Bool) throws -> WorkerBundle {
        let fileSystem = InMemoryFileSystem(files: Self.files)
        let entry = EntryPoint(name: "mapped", requests: [.init(specifier: "./index.js")], contextDirectory: "/app")
        return try BundleBuilder(resolver: ModuleResolver(fileSystem: fileSystem)).build(
            entry: entry, options: BundleOptions(minify: minify, sourceMap: true, defines: .parse(jsEnvExtraConfig: "{}").get()),
            diagnostics: DiagnosticCollector())
    }

    @Test func mapNamesEveryModuleRelativeToTheContext() throws {
        let bundle = try build(minify: false)
        let map = try JSONParser.parse(bytes: try #require(bundle.sourceMap))
        #expect(map["version"] == .number("3"))
        #expect(map["file"] == "mapped.js")
        #expect(map["sources"] == ["index.js", "deep/thrower.js", "helper.js"])
        #expect(map["sourcesContent"]?.arrayValue?.count == 3)
        #expect(bundle.text.hasSuffix("//# sourceMappingURL=mapped.js.map\n"))
    }

    @Test(arguments: [false, true])
    func nodeReportsTheOriginalLine(minify: Bool) throws {
        let node = try ExternalTool(environmentVariable: "PA_TEST_NODE")
        let bundle = try build(minify: minify)
        let directory = try TemporaryDirectory("sourcemap")
        defer { directory.remove() }
        try Data(bundle.bytes).write(to: URL(fileURLWithPath: directory.path + "/mapped.js"))
        try Data(try #require(bundle.sourceMap)).write(to: URL(fileURLWithPath: directory.path + "/mapped.js.map"))
        let run = try node.run(["--enable-source-maps", directory.path + "/mapped.js"], in: directory.path)
        #expect(run.standardOutput == "before\n")
        #expect(run.standardError.contains("Error: boom 1"))
        // `new Error` is at line 3, column 9 of deep/thrower.js; the call at line 4 of index.js. (The runtime's own
        // frames end in a one-field segment, "no source"; node 18 ignores those and names the previous module.)
        let frames = run.standardError.split(separator: "\n").filter { $0.contains("    at ") }
        #expect(frames.first?.hasSuffix(directory.path + "/deep/thrower.js:3:9)") == true, "\(run.standardError)")
        #expect(frames.dropFirst().first?.hasSuffix(directory.path + "/index.js:4:1)") == true, "\(run.standardError)")
    }

    @Test func vlqRoundTrips() {
        var combiner = SourceMapCombiner()
        combiner.add(
            moduleMap: #"{"version":3,"sources":["x"],"names":[],"mappings":"AAAA,IAAI;AACA,gBAAgB"}"#, sourceName: "a.js", content: "",
            line: 2, column: 5)
        combiner.addUnmapped(line: 3, column: 20)
        #expect(combiner.encode() == ";;KAAA,IAAI;AACA,gBAAgB,I")
        #expect(SourceMapCombiner.decode("AAAA,IAAI;AACA").map(\.generatedColumn) == [0, 4, 0])
    }
}
