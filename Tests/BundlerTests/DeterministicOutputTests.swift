import Bundler
import Diagnostics
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
