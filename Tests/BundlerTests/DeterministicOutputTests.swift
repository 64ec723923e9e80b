@testable import Bundler
import Diagnostics
import Encodings
import FileSystemSupport
import Foundation
import Testing

/// Modules are read, parsed, linked and printed on several threads in whatever order they finish; the bundle
/// and its source map must not depend on that order.
@Suite struct DeterministicOutputTests {
    /// The ~500-module reference workload (babel-polyfill stand-in over Debian's core-js + regenerator-runtime),
    /// built 20 times with a source map: every build gives the bytes of the first.
    @Test func twentyBuildsOfTheWorkloadGiveTheSameBytes() throws {
        let root = WorkerBundleRunTests.workload
        let entry = WorkerBundleRunTests.entry(root, main: root + "/node_modules/fixture-proctor-worker/src/index.js")
        let defines = try DefineSet.parse(jsEnvExtraConfig: WorkerBundleRunTests.workloadConfig).get()
        func build() throws -> WorkerBundle {
            let resolver = ModuleResolver(fileSystem: DiskFileSystem(), options: .webworker(additionalModuleDirectories: ["/usr/share/nodejs"]))
            return try BundleBuilder(resolver: resolver).build(
                entry: entry, options: BundleOptions(mode: .production, sourceMap: true, defines: defines), diagnostics: DiagnosticCollector())
        }
        let first = try build()
        #expect(first.moduleCount > 400)
        let firstMap = try #require(first.sourceMap)
        for round in 2...20 {
            let again = try build()
            #expect(again.bytes == first.bytes, "build \(round) differs from build 1")
            #expect(again.sourceMap == firstMap, "the source map of build \(round) differs from build 1")
            #expect(again.moduleSizes.map(\.outputBytes) == first.moduleSizes.map(\.outputBytes))
        }
    }
}

/// Request positions come from a line table; they must be the ones `TextPosition(of:in:)` counts.
@Suite struct LineStartsTests {
    @Test func positionsMatchTextPosition() {
        let source = Array("a\nbé = require('x');\n\n\u{1F600}  require(\"y\")\r\nlast".utf8)
        let lines = LineStarts(source)
        for offset in 0...(source.count + 2) {
            #expect(lines.position(of: offset) == TextPosition(of: offset, in: source), "offset \(offset)")
        }
        #expect(LineStarts([]).position(of: 0) == TextPosition(line: 1, column: 1))
    }
}
