import Bundler
import Diagnostics
import Foundation
import Testing
import WorkerRuntime

/// Real webpack 5.75 runs (PA_TEST_WEBPACK, from scripts/install-test-tools) over a copy of the example deployment.
@Suite("webpack back end", .serialized)
struct WebpackBackendTests {
    private func backend() throws -> WebpackBackend {
        WebpackBackend(executable: try ExternalTool(environmentVariable: "PA_TEST_WEBPACK").path)
    }

    @Test("bundles the example worker the way edx-platform's worker config does, and it answers the protocol")
    func bundlesExampleWorker() async throws {
        let example = try ExampleDeploymentCopy("webpack-example")
        defer { example.remove() }
        let result = try await backend().bundle(example.request())

        #expect(result.succeeded, "\(ExampleDeploymentCopy.rendered(result.diagnostics))")
        #expect(result.writtenFiles == [example.bundles + "/example-proctor-worker.js"])
        let bundle = try #require(example.directory.read("openedx/edx-platform/common/static/bundles/example-proctor-worker.js"))
        #expect(bundle.contains("\"https://proctor.example.com/api\""))
        #expect(!bundle.contains("JS_ENV_EXTRA_CONFIG"))
        // Production: minified (one line, as Terser writes it).
        #expect(bundle.split(separator: "\n").count <= 2)
        // The polyfill runs before the provider module.
        let polyfill = try #require(bundle.range(of: "_babelPolyfill"))
        let provider = try #require(bundle.range(of: "examAttemptStarted"))
        #expect(polyfill.lowerBound < provider.lowerBound)

        let report = try await ExampleDeploymentCopy.exchange(result.writtenFiles[0])
        #expect(report.allSucceeded, "\(report.exchanges.map(\.outcome))")
        #expect(report.exchanges.map(\.outcome) == [
            .succeeded(replyType: "examAttemptStarted"), .succeeded(replyType: "echo"), .succeeded(replyType: "examAttemptEnded"),
        ])
    }

    @Test("development mode keeps the code readable and defines NODE_ENV as development")
    func developmentMode() async throws {
        let example = try ExampleDeploymentCopy("webpack-dev")
        defer { example.remove() }
        try example.directory.write(
            "openedx/edx-platform/node_modules/example-proctor-worker/static/mode.js",
            "self.mode = process.env.NODE_ENV;\n")
        var entry = example.entry
        entry.requests.append(.init(specifier: "./node_modules/example-proctor-worker/static/mode.js"))
        let result = try await backend().bundle(example.request(entries: [entry], mode: .development))

        #expect(result.succeeded, "\(ExampleDeploymentCopy.rendered(result.diagnostics))")
        let bundle = try #require(example.directory.read("openedx/edx-platform/common/static/bundles/example-proctor-worker.js"))
        #expect(bundle.contains("self.mode = \\\"development\\\"") || bundle.contains("self.mode = \"development\""))
    }

    @Test("a missing module and a syntax error are reported at their file:line:col, and nothing is written")
    func toolErrors() async throws {
        let example = try ExampleDeploymentCopy("webpack-errors")
        defer { example.remove() }
        try example.directory.write("openedx/edx-platform/node_modules/broken/index.js", "import './gone';\nconst a = ;\n")
        var entry = example.entry
        entry.requests.insert(.init(specifier: "not-installed", location: example.workersJSON), at: 1)
        entry.requests.append(.init(specifier: example.edxPlatform + "/node_modules/broken/index.js"))
        let result = try await backend().bundle(example.request(entries: [entry]))

        #expect(!result.succeeded)
        #expect(result.writtenFiles.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: example.bundles + "/example-proctor-worker.js"))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.allSatisfy { $0.code == .externalBundlerError })
        // babel-loader (present in the webpack installation, as in edx-platform) parses node_modules files first.
        let parse = try #require(errors.first { $0.message.contains("Unexpected token") })
        #expect(parse.message == "webpack: Module build failed (babel-loader): SyntaxError: Unexpected token (2:10)")
        #expect(!parse.notes.contains { $0.contains("    at ") })
        #expect(parse.location == .file(example.edxPlatform + "/node_modules/broken/index.js", line: 2, column: 11))
        let missing = try #require(errors.first { $0.message.contains("'not-installed'") })
        #expect(missing.location == example.workersJSON)
        #expect(missing.fix?.contains("install the missing package") == true)
    }

    @Test("an unquoted URL in JS_ENV_EXTRA_CONFIG is a parse error in the provider file that reads it")
    func unquotedURL() async throws {
        let example = try ExampleDeploymentCopy("webpack-unquoted")
        defer { example.remove() }
        let result = try await backend().bundle(
            example.request(extraConfig: #"{"EXAMPLE_PROCTOR_URL": "https://proctor.example.com/api"}"#))

        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.code == .externalBundlerError)
        // After babel-loader the position is one in babel's output, so only the file is kept; the code
        // frame in the notes shows the inserted URL.
        #expect(error.message.hasPrefix("webpack: Unexpected token"))
        #expect(error.location == .file(example.workerMain))
        #expect(error.notes.contains { $0.contains("https://proctor.example.com/api") })
        #expect(result.writtenFiles.isEmpty)
    }

    @Test("a missing webpack is PA170 with the install hint")
    func missingTool() async throws {
        let example = try ExampleDeploymentCopy("webpack-missing")
        defer { example.remove() }
        let explicit = await WebpackBackend(executable: "/nonexistent/bin/webpack").bundle(example.request())
        #expect(explicit.diagnostics.map(\.code) == [.externalBundlerNotFound])
        #expect(explicit.diagnostics.first?.message.contains("/nonexistent/bin/webpack") == true)
        #expect(explicit.diagnostics.first?.fix?.contains("install-webpack.sh") == true)

        let nowhere = await WebpackBackend(environment: ["PATH": example.directory.path]).bundle(example.request())
        #expect(nowhere.diagnostics.map(\.code) == [.externalBundlerNotFound])
        #expect(nowhere.diagnostics.first?.message.contains("PROCTORING_ASSETS_WEBPACK") == true)

        let fromVariable = await WebpackBackend(environment: ["PROCTORING_ASSETS_WEBPACK": "/nonexistent/webpack"])
            .bundle(example.request())
        #expect(fromVariable.diagnostics.first?.location == .environment("PROCTORING_ASSETS_WEBPACK"))
    }
}
