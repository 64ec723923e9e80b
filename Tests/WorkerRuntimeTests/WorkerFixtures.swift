import Foundation
import Testing
@testable import WorkerRuntime

/// Builds worker bundles from the fixtures in Tests/Fixtures/WorkerRuntime into a temporary directory.
///
/// Provider fixtures hold only the provider's code; like a bundler, `bundle(provider:)` puts our own
/// handler-wrapper.js in front of it in one classic script. Load-failure fixtures are whole bundles.
struct WorkerFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/WorkerRuntime")

    /// Only a safety limit for `WorkerHarness.run`: generous because the test machine may be busy.
    static let runLimit: Duration = .seconds(120)

    let outputDirectory: URL

    init() throws {
        outputDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("worker-runtime-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: outputDirectory)
    }

    /// handler-wrapper.js + `<provider>.js`, written as `<provider>.js`; returns its path.
    func bundle(provider: String) throws -> String {
        let wrapper = try String(contentsOf: Self.directory.appendingPathComponent("handler-wrapper.js"), encoding: .utf8)
        let code = try String(contentsOf: Self.directory.appendingPathComponent("\(provider).js"), encoding: .utf8)
        let path = outputDirectory.appendingPathComponent("\(provider).js")
        try (wrapper + "\n" + code).write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// A fixture that is a whole bundle by itself, copied as is; returns its path.
    func standalone(_ name: String) throws -> String {
        let path = outputDirectory.appendingPathComponent("\(name).js")
        try FileManager.default.copyItem(at: Self.directory.appendingPathComponent("\(name).js"), to: path)
        return path.path
    }

    /// The harness with node from PA_TEST_NODE (see scripts/install-test-tools); fails the test without it.
    static func harness() throws -> WorkerHarness {
        let environment = ProcessInfo.processInfo.environment
        let node = try #require(
            environment["PA_TEST_NODE"].flatMap { $0.isEmpty ? nil : $0 },
            "PA_TEST_NODE is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        return try WorkerHarness(nodePath: node)
    }
}
