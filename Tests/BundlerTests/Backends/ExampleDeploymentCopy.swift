import Bundler
import Diagnostics
import Foundation
import TestSupport
import Testing
import WorkerRuntime

/// A private copy of Examples/deployment, with the example worker's workers.json entry and the
/// JS_ENV_EXTRA_CONFIG the example deployment uses.
struct ExampleDeploymentCopy {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/deployment").path
    static let extraConfig = #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#

    let directory: TemporaryDirectory
    var edxPlatform: String { directory.path + "/openedx/edx-platform" }
    var workerMain: String { edxPlatform + "/node_modules/example-proctor-worker/static/worker.js" }
    var bundles: String { edxPlatform + "/common/static/bundles" }
    let workersJSON = SourceLocation.configurationKey("example-proctor-worker", file: "/openedx/workers.json", line: 2)

    init(_ label: String) throws {
        directory = try TemporaryDirectory(label)
        for item in try FileManager.default.contentsOfDirectory(atPath: Self.examples) {
            try FileManager.default.copyItem(atPath: Self.examples + "/" + item, toPath: directory.path + "/" + item)
        }
    }

    var entry: EntryPoint {
        EntryPoint(
            name: "example-proctor-worker",
            requests: [
                .init(specifier: "babel-polyfill", location: workersJSON),
                .init(specifier: workerMain, location: workersJSON),
            ],
            contextDirectory: edxPlatform)
    }

    func request(
        entries: [EntryPoint]? = nil, extraConfig: String? = ExampleDeploymentCopy.extraConfig,
        mode: ExternalBundleMode = .production
    ) -> ExternalBundleRequest {
        ExternalBundleRequest(
            entries: entries ?? [entry], defines: DefineSet.parsedForTest(extraConfig), mode: mode, outputDirectory: bundles)
    }

    func remove() { directory.remove() }

    /// Runs the bundle in node's worker harness with the default prompts (start, ping, end).
    static func exchange(_ bundle: String) async throws -> WorkerRunReport {
        let node = try ExternalTool(environmentVariable: "PA_TEST_NODE")
        let script = WorkerExchangeScript()
        return try await WorkerHarness(nodePath: node.path).run(bundle: bundle, script: script, timeout: script.suggestedRunTimeout)
    }

    static func rendered(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.flatMap { TextReportRenderer(color: false).render($0) }.joined(separator: "\n")
    }
}
