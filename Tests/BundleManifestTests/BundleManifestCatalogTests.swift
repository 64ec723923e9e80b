import Diagnostics
import Testing

@testable import BundleManifest

@Suite("BundleManifest diagnostic codes")
struct BundleManifestCatalogTests {
    @Test("Codes are unique, inside PA200–PA239, and explained")
    func catalog() {
        let identifiers = BundleManifestCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for code in BundleManifestCatalog.codes {
            let number = Int(code.identifier.dropFirst(2)) ?? 0
            #expect(code.identifier.hasPrefix("PA") && (200...239).contains(number), "\(code.identifier) out of range")
            #expect(code.explanation.count > 80, "\(code.identifier) needs a real explanation")
        }
    }

    @Test("A stats file that cannot be written is PA229 and leaves nothing behind")
    func unwritableStatsFile() {
        let description = WorkerStatsDescription(
            bundles: [StatsBundle(name: "x", files: ["x.js"])], outputDirectory: "/openedx/edx-platform/common/static/bundles")
        guard case .failure(let error) = WorkerStatsWriter.write(description, format: .tracker1, to: "/dev/null/stats/webpack-worker-stats.json")
        else {
            Issue.record("writing under /dev/null must fail")
            return
        }
        #expect(error.diagnostics.map(\.code) == [.statsFileNotWritable])
    }
}
