import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation
import TestSupport
import Testing

@testable import ProctoringBackends

/// Runs edx_proctoring 6.1.4's real `make_worker_config` (through the ready() loop over stevedore entry
/// points) and our planner + writer on the same trees, and compares the files byte for byte, with their mode.
@Suite("workers.json parity with edx_proctoring.apps.make_worker_config", .serialized)
struct UpstreamParityTests {
    enum Expectation: Sendable {
        /// Upstream writes a file; ours must be byte-identical with the same mode.
        case identical
        /// Upstream writes nothing (and warns with this text); we refuse with this code.
        case refused(code: String, upstreamWarning: String?)
    }

    struct Layout: Sendable, CustomStringConvertible {
        var name: String
        /// The folder that holds node_modules and ENV_ROOT, to put spaces and non-ASCII in every path.
        var rootFolder: String
        /// Keys of PROCTORING_BACKENDS, in dict order (upstream order is entry-point order regardless).
        var configured: [String]
        var expectation: Expectation
        /// Put an old workers.json with mode 0600 in ENV_ROOT first.
        var preexistingFile = false

        var description: String { name }
    }

    static let layouts: [Layout] = [
        Layout(name: "one backend", rootFolder: "one", configured: ["alpha"], expectation: .identical),
        Layout(name: "several backends, entry-point order not dict order, old file replaced", rootFolder: "several",
            configured: ["inherited", "dotmain", "scoped", "alpha", "plain"], expectation: .identical, preexistingFile: true),
        Layout(name: "scoped npm name", rootFolder: "scoped", configured: ["scoped"], expectation: .identical),
        Layout(name: "main with ./ prefix", rootFolder: "dot", configured: ["dotmain"], expectation: .identical),
        Layout(name: "absolute main", rootFolder: "absolute", configured: ["absmain"], expectation: .identical),
        Layout(name: "non-ASCII paths", rootFolder: "Ünïcødé-ñ 😀", configured: ["unicode", "alpha"], expectation: .identical),
        Layout(name: "spaces in paths", rootFolder: "my edx platform/with spaces", configured: ["scoped", "alpha"], expectation: .identical),
        Layout(name: "inherited npm_module", rootFolder: "inherited", configured: ["inherited"], expectation: .identical),
        Layout(name: "backend without npm_module next to one with", rootFolder: "mixed", configured: ["plain", "alpha"], expectation: .identical),
        Layout(name: "missing npm package: skipped upstream", rootFolder: "missing", configured: ["missing"],
            expectation: .refused(code: "PA051", upstreamWarning: "defined an npm module,but it is not installed at")),
        Layout(name: "package.json without main: skipped upstream", rootFolder: "nomain", configured: ["nomain"],
            expectation: .refused(code: "PA055", upstreamWarning: "does not contain a `main` entry")),
        Layout(name: "backend without npm_module only", rootFolder: "plain", configured: ["plain"],
            expectation: .refused(code: "PA058", upstreamWarning: nil)),
        Layout(name: "no configured backend installed", rootFolder: "none", configured: ["ghost"],
            expectation: .refused(code: "PA050", upstreamWarning: nil)),
    ]

    static var parityDirectory: String { fixturesDirectory() + "/Parity" }

    @Test(arguments: layouts)
    func sameBytesAndModeAsUpstream(_ layout: Layout) throws {
        guard let python = Environment.python else {
            Issue.record("PA_TEST_PYTHON is not set: run eval \"$(scripts/install-test-tools)\" (a venv with Django, stevedore and edx-proctoring 6.1.4)")
            return
        }
        let scratch = try makeScratchDirectory("parity")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let root = scratch + "/" + layout.rootFolder
        let nodeModules = root + "/node_modules"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.parityDirectory + "/node_modules", toPath: nodeModules)
        // An absolute "main" must name a real file, so it is written here.
        let absoluteMain = root + "/vendor wörker/main.js"
        try FileManager.default.createDirectory(atPath: root + "/vendor wörker", withIntermediateDirectories: true)
        try Data("self.y = 3;\n".utf8).write(to: URL(fileURLWithPath: absoluteMain))
        try Data(#"{"name": "parity-absmain", "main": "\#(absoluteMain)"}"#.utf8).write(
            to: URL(fileURLWithPath: nodeModules + "/parity-absmain/package.json"))

        let upstreamEnv = root + "/upstream env"
        let ourEnv = root + "/our env"
        for folder in [upstreamEnv, ourEnv] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if layout.preexistingFile {
                _ = FileManager.default.createFile(
                    atPath: folder + "/workers.json", contents: Data(#"{"old": "x"}"#.utf8), attributes: [.posixPermissions: 0o600])
            }
        }

        let upstream = try runUpstream(python: python, nodeModules: nodeModules, envRoot: upstreamEnv, layout: layout, scratch: scratch)

        let diagnostics = DiagnosticCollector()
        let settings = ResolvedSettings(values: [
            "NODE_MODULES_ROOT": SettingValue(value: .string(nodeModules), provenance: Provenance(kind: .flag, location: .flag("--node-modules-root"))),
            "ENV_ROOT": SettingValue(value: .string(ourEnv), provenance: Provenance(kind: .flag, location: .flag("--env-root"))),
            "PROCTORING_BACKENDS": SettingValue(value: backendsDict(layout.configured), provenance: Provenance(kind: .flag, location: .flag("--test"))),
        ])
        var thrown: DiagnosticError?
        do {
            let backends = try BackendDiscovery(fileSystem: DiskFileSystem()).discover(
                sitePackages: [Self.parityDirectory + "/site-packages"], overrides: [], diagnostics: diagnostics)
            let plan = try WorkerConfigPlanner(fileSystem: DiskFileSystem()).plan(
                settings: settings, backends: backends, options: WorkerConfigOptions(), diagnostics: diagnostics)
            try WorkerConfigWriter().write(plan)
        } catch {
            thrown = error
        }

        let upstreamFile = upstreamEnv + "/workers.json"
        let ourFile = ourEnv + "/workers.json"
        switch layout.expectation {
        case .identical:
            #expect(thrown == nil, "\(rendered(thrown?.diagnostics ?? []))")
            #expect(upstream.returned, "upstream returned False: \(upstream.warnings)")
            #expect(upstream.warnings.isEmpty, "\(upstream.warnings)")
            let upstreamBytes = try #require(FileManager.default.contents(atPath: upstreamFile))
            let ourBytes = try #require(FileManager.default.contents(atPath: ourFile))
            #expect(String(decoding: ourBytes, as: UTF8.self) == String(decoding: upstreamBytes, as: UTF8.self))
            #expect(ourBytes == upstreamBytes)
            #expect(try mode(ourFile) == mode(upstreamFile))
            #expect(try mode(ourFile) == 0o664)
        case .refused(let code, let upstreamWarning):
            #expect(!upstream.returned)
            #expect(!FileManager.default.fileExists(atPath: upstreamFile), "upstream wrote a file")
            #expect(!FileManager.default.fileExists(atPath: ourFile), "we wrote a file")
            #expect(thrown.map { codes($0.diagnostics) } == [code], "\(rendered(diagnostics.diagnostics))")
            if let upstreamWarning {
                #expect(upstream.warnings.contains { $0.contains(upstreamWarning) }, "\(upstream.warnings)")
            }
        }
    }

    struct UpstreamResult: Decodable {
        var returned: Bool
        var warnings: [String]
        var backends: [String]
    }

    private func runUpstream(python: String, nodeModules: String, envRoot: String, layout: Layout, scratch: String) throws -> UpstreamResult {
        let backendsJSON = "{" + (["\"DEFAULT\": \"\(layout.configured[0])\""] + layout.configured.map { "\"\($0)\": {}" }).joined(separator: ", ") + "}"
        let arguments = [
            Self.parityDirectory + "/run_make_worker_config.py", Self.parityDirectory + "/site-packages", nodeModules, envRoot, backendsJSON,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["XDG_CACHE_HOME"] = scratch + "/cache"  // stevedore's entry-point cache
        let run = try ExternalProcess.run(python, arguments, environment: environment)
        let stdout = run.standardOutputData
        guard run.status == 0 else {
            Issue.record("upstream script failed (\(run.status)): \(run.standardError)")
            return UpstreamResult(returned: false, warnings: [], backends: [])
        }
        return try JSONDecoder().decode(UpstreamResult.self, from: stdout)
    }

    private func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }
}
