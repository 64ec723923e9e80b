import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import ProctoringBackends

/// Discovery and planning over Examples/deployment (settings written out by hand here, as the
/// DeploymentSettings evaluator would resolve them).
@Suite("example deployment")
struct ExampleDeploymentTests {
    static var openedx: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/deployment/openedx").path
    }

    @Test func plansTheExampleWorker() throws {
        let root = Self.openedx
        let diagnostics = DiagnosticCollector()
        let backends = try BackendDiscovery(fileSystem: DiskFileSystem()).discover(
            sitePackages: [root + "/venv/lib/python3.11/site-packages"], overrides: [], diagnostics: diagnostics)
        #expect(backends.map(\.name) == ["example_proctor"])
        #expect(backends.first?.npmModule == "example-proctor-worker")
        let yaml = root + "/config/lms.yml"
        let settings = ResolvedSettings(values: [
            "ENV_ROOT": SettingValue(value: .path(root), provenance: Provenance(kind: .settingsFile, location: .file(root + "/edx-platform/lms/envs/common.py"))),
            "NODE_MODULES_ROOT": SettingValue(value: .path(root + "/edx-platform/node_modules"), provenance: Provenance(kind: .settingsFile, location: .file(root + "/edx-platform/lms/envs/common.py"))),
            "PROCTORING_BACKENDS": SettingValue(
                value: .dict([
                    PythonDictEntry(key: .string("DEFAULT"), value: .string("example_proctor")),
                    PythonDictEntry(key: .string("example_proctor"), value: .dict([PythonDictEntry(key: .string("ping_interval"), value: .int("60"))])),
                    PythonDictEntry(key: .string("null"), value: .dict([])),
                ]),
                provenance: Provenance(kind: .yaml, location: .configurationKey("PROCTORING_BACKENDS", file: yaml, line: 3))),
        ])
        let plan = try WorkerConfigPlanner(fileSystem: DiskFileSystem()).plan(
            settings: settings, backends: backends, options: WorkerConfigOptions(), diagnostics: diagnostics)
        #expect(plan.outputPath == root + "/workers.json")
        #expect(String(decoding: plan.pythonJSONBytes, as: UTF8.self)
            == #"{"example-proctor-worker": ["babel-polyfill", "\#(root)/edx-platform/node_modules/example-proctor-worker/static/worker.js"]}"#)
        // 'null' is edx-proctoring's own backend, and edx-proctoring is not in the example's site-packages.
        #expect(codes(diagnostics.diagnostics) == ["PA072"])
    }
}
