import Foundation
import Testing

@testable import Bundler

/// esbuild-style snapshots: each `Snapshots/<name>.case` is bundled from an in-memory tree and compared
/// with `<name>.expected` (readable output plus diagnostics). `PA_RECORD_SNAPSHOTS=1` writes them anew.
@Suite struct BundleSnapshotTests {
    static let cases = (try? BundleCase.load(directory: FixturePaths.snapshots)) ?? []

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases.map(\.name))
    func snapshot(name: String) throws {
        let bundleCase = try #require(Self.cases.first { $0.name == name })
        let actual = bundleCase.snapshot(fileSystem: bundleCase.fileSystem)
        let expectedPath = FixturePaths.snapshots + "/" + name + ".expected"
        if ProcessInfo.processInfo.environment["PA_RECORD_SNAPSHOTS"] == "1" {
            try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(actual == expected, "snapshot \(name) differs; re-record with PA_RECORD_SNAPSHOTS=1 if the change is intended")
    }
}
