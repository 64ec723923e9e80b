import Bundler
import Encodings
import Testing

@testable import ProctoringAssets

/// A build-cache entry keeps its bundles' SHA-384 values (the report of a reuse hashes nothing), and its
/// checksum still catches any damaged byte, in the bundles, in those values or anywhere else.
struct BuildCacheEntryTests {
    /// Sorted as a recording gives them: paths sharing prefixes (one ending inside a two-byte character),
    /// answers that are the path itself and answers that are not.
    static let inputs: [(input: BuildInput, answer: String)] = [
        (BuildInput(query: .readFile, path: "/tree/caf\u{E9}.js"), "sha256-a"),
        (BuildInput(query: .readFile, path: "/tree/caf\u{E8}.js"), "sha256-b"),
        (BuildInput(query: .readFile, path: "/tree/worker.js"), "sha256-x"),
        (BuildInput(query: .entryKind, path: "/tree/worker"), "none"),
        (BuildInput(query: .entryKind, path: "/tree/worker.js"), "file"),
        (BuildInput(query: .listDirectory, path: "/tree"), "error /tree: permission denied"),
        (BuildInput(query: .realPath, path: "/"), "path /"),
        (BuildInput(query: .realPath, path: "/tree"), "path /tree"),
        (BuildInput(query: .realPath, path: "/tree/link.js"), "path /tree/worker.js"),
        (BuildInput(query: .realPath, path: "/tree/worker.js"), "path /tree/worker.js"),
    ]

    static func entry() -> BuildCacheEntry {
        let bundle = BuiltWorker(
            entryName: "@edx/example", fileName: "example.js", bytes: Array((0..<3_000).map { UInt8(truncatingIfNeeded: $0 * 7) }),
            sourceMap: Array(#"{"version":3,"sources":["worker.js"]}"#.utf8), detail: "2 modules")
        let other = BuiltWorker(entryName: "@edx/other", fileName: "other.js", bytes: Array("var a=1;".utf8), sourceMap: nil, detail: "1 module")
        return BuildCacheEntry(
            key: "key", inputs: inputs, bundles: [bundle, other],
            mode: .production, minified: true, diagnostics: [])
    }

    @Test func theStoredValuesAreTheBundlesSHA384() throws {
        let entry = Self.entry()
        let decoded = try BuildCacheEntry.decode(entry.encoded(), codes: DiagnosticCatalog.code).get()
        let expected = [entry.bundles[0].bytes, entry.bundles[0].sourceMap ?? [], entry.bundles[1].bytes]
        #expect(decoded.integrities.map(\.bytes) == expected)
        #expect(decoded.integrities.map(\.value) == expected.map(SubresourceIntegrity.sha384))
        #expect(decoded.bundles.map(\.bytes) == entry.bundles.map(\.bytes))
        #expect(decoded.inputs.map(\.input) == Self.inputs.map(\.input))
        #expect(decoded.inputs.map(\.answer) == Self.inputs.map(\.answer))
    }

    @Test func everyDamagedByteIsCaught() {
        let bytes = Self.entry().encoded()
        for position in stride(from: 0, to: bytes.count, by: 1) {
            var damaged = bytes
            damaged[position] ^= 0x01
            guard case .failure = BuildCacheEntry.decode(damaged, codes: DiagnosticCatalog.code) else {
                Issue.record("byte \(position) of \(bytes.count) flipped and not caught")
                return
            }
        }
    }
}
