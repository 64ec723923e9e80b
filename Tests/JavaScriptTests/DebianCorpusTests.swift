import Foundation
import Testing

@testable import JavaScript

/// Round trip over every .js file of Debian's core-js and regenerator-runtime (installed by scripts/install-test-tools).
@Suite struct DebianCorpusTests {
    static var nodejsRoot: String {
        ProcessInfo.processInfo.environment["PA_TEST_NODEJS_ROOT"] ?? "/usr/share/nodejs"
    }

    static func javaScriptFiles(under directory: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else {
            throw RoundTrip.Failure(
                description: "\(directory) is missing: run `eval \"$(scripts/install-test-tools)\"` (Debian packages node-core-js, node-regenerator-runtime)")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".js") {
            files.append(directory + "/" + path)
        }
        return files.sorted()
    }

    @Test func coreJSRoundTrips() throws {
        let files = try DebianCorpusTests.javaScriptFiles(under: DebianCorpusTests.nodejsRoot + "/core-js")
        #expect(files.count > 2000)
        var failures: [String] = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            do {
                try RoundTrip.check(bytes, fileName: file, goal: .commonJS)
                try RoundTrip.check(bytes, fileName: file, goal: .commonJS, options: .minifiedWhitespace)
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) files failed; first: \(failures.first ?? "")")
    }

    @Test func regeneratorRuntimeRoundTrips() throws {
        let files = try DebianCorpusTests.javaScriptFiles(under: DebianCorpusTests.nodejsRoot + "/regenerator-runtime")
        #expect(!files.isEmpty)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            try RoundTrip.check(bytes, fileName: file, goal: .commonJS)
            try RoundTrip.check(bytes, fileName: file, goal: .commonJS, options: .minifiedWhitespace)
        }
    }
}
