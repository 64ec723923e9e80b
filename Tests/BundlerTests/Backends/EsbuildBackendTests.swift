import Bundler
import Diagnostics
import Foundation
import Testing
import WorkerRuntime

/// Real esbuild 0.17 runs (PA_TEST_ESBUILD) over a copy of the example deployment.
@Suite("esbuild back end")
struct EsbuildBackendTests {
    private func backend() throws -> EsbuildBackend {
        EsbuildBackend(executable: try ExternalTool(environmentVariable: "PA_TEST_ESBUILD").path)
    }

    @Test("bundles the example worker with DefinePlugin's values, and it answers the protocol")
    func bundlesExampleWorker() async throws {
        let example = try ExampleDeploymentCopy("esbuild-example")
        defer { example.remove() }
        let result = try await backend().bundle(example.request())

        #expect(result.succeeded, "\(ExampleDeploymentCopy.rendered(result.diagnostics))")
        #expect(result.writtenFiles == [example.bundles + "/example-proctor-worker.js"])
        let bundle = try #require(example.directory.read("openedx/edx-platform/common/static/bundles/example-proctor-worker.js"))
        #expect(bundle.contains("https://proctor.example.com/api"))
        #expect(!bundle.contains("JS_ENV_EXTRA_CONFIG"))
        let polyfill = try #require(bundle.range(of: "_babelPolyfill"))
        let provider = try #require(bundle.range(of: "examAttemptStarted"))
        #expect(polyfill.lowerBound < provider.lowerBound)

        let report = try await ExampleDeploymentCopy.exchange(result.writtenFiles[0])
        #expect(report.exchanges.map(\.outcome) == [
            .succeeded(replyType: "examAttemptStarted"), .succeeded(replyType: "echo"), .succeeded(replyType: "examAttemptEnded"),
        ])
    }

    @Test("scoped names become sub-folders, and the whole config object and unknown keys behave as in webpack")
    func scopedNameAndObjectDefine() async throws {
        let example = try ExampleDeploymentCopy("esbuild-scoped")
        defer { example.remove() }
        try example.directory.write(
            "openedx/edx-platform/node_modules/probe/index.js",
            "self.all = process.env.JS_ENV_EXTRA_CONFIG; self.missing = process.env.JS_ENV_EXTRA_CONFIG.NOT_THERE;\n"
                + "self.kind = typeof process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL;\n")
        let entry = EntryPoint(name: "@edx/probe", requests: [.init(specifier: "probe")], contextDirectory: example.edxPlatform)
        let result = try await backend().bundle(example.request(entries: [entry], mode: .development))

        #expect(result.succeeded, "\(ExampleDeploymentCopy.rendered(result.diagnostics))")
        #expect(result.writtenFiles == [example.bundles + "/@edx/probe.js"])
        let node = try ExternalTool(environmentVariable: "PA_TEST_NODE")
        let run = try node.run(
            ["-e", "globalThis.self = globalThis; require(process.argv[1]); console.log(JSON.stringify([self.all, self.missing === undefined, self.kind]))",
             result.writtenFiles[0]],
            in: example.directory.path)
        #expect(run.standardOutput == #"[{"EXAMPLE_PROCTOR_URL":"https://proctor.example.com/api"},true,"string"]"# + "\n", "\(run.standardError)")
    }

    @Test("a missing module and a syntax error are reported at their file:line:col, and nothing is written")
    func toolErrors() async throws {
        let example = try ExampleDeploymentCopy("esbuild-errors")
        defer { example.remove() }
        try example.directory.write("openedx/edx-platform/node_modules/broken/index.js", "import './gone.js';\nconst a = ;\n")
        var entry = example.entry
        entry.requests.insert(.init(specifier: "not-installed", location: example.workersJSON), at: 1)
        let broken = EntryPoint(name: "broken", requests: [.init(specifier: "broken")], contextDirectory: example.edxPlatform)
        let result = try await backend().bundle(example.request(entries: [entry, broken]))

        #expect(!result.succeeded)
        #expect(result.writtenFiles.isEmpty)
        #expect(example.directory.entries("openedx/edx-platform/common/static/bundles").isEmpty)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.allSatisfy { $0.code == .externalBundlerError })
        let missing = try #require(errors.first { $0.message.contains("\"not-installed\"") })
        #expect(missing.location == example.workersJSON)
        let syntax = try #require(errors.first { $0.message.contains("Unexpected") })
        #expect(syntax.location == .file(example.edxPlatform + "/node_modules/broken/index.js", line: 2, column: 11))
        #expect(syntax.notes.contains { $0.contains("const a = ;") })
    }

    @Test("a value esbuild's --define cannot take is refused naming the key")
    func unusableDefines() async throws {
        let example = try ExampleDeploymentCopy("esbuild-defines")
        defer { example.remove() }
        let unquoted = try await backend().bundle(
            example.request(extraConfig: #"{"EXAMPLE_PROCTOR_URL": "https://proctor.example.com/api", "OK": "\"x\""}"#))
        #expect(unquoted.diagnostics.map(\.code) == [.externalBundlerConfigInvalid])
        #expect(unquoted.diagnostics.first?.message.contains("process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL") == true)
        #expect(unquoted.toolOutput.isEmpty)
    }

    @Test("a missing esbuild is PA170 with the install hint")
    func missingTool() async throws {
        let example = try ExampleDeploymentCopy("esbuild-missing")
        defer { example.remove() }
        let result = await EsbuildBackend(environment: ["PATH": example.directory.path]).bundle(example.request())
        #expect(result.diagnostics.map(\.code) == [.externalBundlerNotFound])
        #expect(result.diagnostics.first?.fix?.contains("apt-get install esbuild") == true)
        #expect(ExampleDeploymentCopy.rendered(result.diagnostics).contains("error[PA170]"))
    }
}
