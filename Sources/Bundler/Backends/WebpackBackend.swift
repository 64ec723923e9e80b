import Diagnostics
import Foundation
import OrderedJSON

/// Builds the worker bundles with a real webpack 5 (as `npm run webpack` does in edx-platform), from a
/// generated configuration equivalent to edx-platform's worker config (see `WebpackWorkerConfig`).
///
/// The executable is found by `ExternalToolLocator`: the explicit path, `PROCTORING_ASSETS_WEBPACK`,
/// `PA_TEST_WEBPACK`, then `webpack` on PATH. `../shared/tools/install-webpack.sh <prefix>` provides one
/// (`<prefix>/bin/webpack`). webpack runs in a private temporary directory (so no project `babel.config.js`
/// or `.babelrc` around the caller applies), with `JS_ENV_EXTRA_CONFIG` and `NODE_ENV` set.
public struct WebpackBackend: ExternalBundlerBackend {
    public static let installHint =
        "install Debian's webpack side by side with `../shared/tools/install-webpack.sh <prefix>` (or `scripts/install-test-tools`)"
    public var toolName: String { "webpack" }
    public var explicitExecutable: String?
    public var environment: [String: String]

    public init(executable: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicitExecutable = executable
        self.environment = environment
    }

    public var locator: ExternalToolLocator {
        ExternalToolLocator(
            commandName: "webpack", environmentVariables: ["PROCTORING_ASSETS_WEBPACK", "PA_TEST_WEBPACK"],
            installHint: Self.installHint, environment: environment)
    }

    /// The text of the generated `webpack.worker.config.js` for `request` (what `bundle` runs webpack with;
    /// also used by the benchmark to run webpack as a whole process).
    public static func configurationText(for request: ExternalBundleRequest) -> String {
        WebpackWorkerConfig(request: request).text
    }

    public func bundle(_ request: ExternalBundleRequest) async -> ExternalBundleResult {
        let executable: String
        switch locator.locate(explicitPath: explicitExecutable) {
        case .success(let path): executable = path
        case .failure(let error): return ExternalBundleResult(writtenFiles: [], diagnostics: error.diagnostics, toolOutput: [])
        }
        let directory: ExternalRunDirectory
        switch ExternalRunDirectory.create(label: "webpack") {
        case .success(let created): directory = created
        case .failure(let error): return ExternalBundleResult(writtenFiles: [], diagnostics: error.diagnostics, toolOutput: [])
        }
        defer { directory.remove() }

        let configFile: String
        switch directory.write(WebpackWorkerConfig(request: request).text, to: "webpack.worker.config.js") {
        case .success(let file): configFile = file
        case .failure(let error): return ExternalBundleResult(writtenFiles: [], diagnostics: error.diagnostics, toolOutput: [])
        }
        let setupProblems = createOutputDirectories(for: request)
        if !setupProblems.isEmpty { return ExternalBundleResult(writtenFiles: [], diagnostics: setupProblems, toolOutput: []) }

        let statsFile = directory.path + "/stats.json"
        let runner = ExternalToolRunner(
            executable: executable, workingDirectory: directory.path,
            environmentChanges: [
                "JS_ENV_EXTRA_CONFIG": request.defines.text, "NODE_ENV": request.mode.rawValue,
                "NODE_OPTIONS": nil,
            ])
        let output: ExternalToolOutput
        switch await runner.run(["--config", configFile, "--json", statsFile, "--no-color"]) {
        case .success(let ran): output = ran
        case .failure(let error): return ExternalBundleResult(writtenFiles: [], diagnostics: error.diagnostics, toolOutput: [])
        }

        var diagnostics: [Diagnostic] = []
        if let data = FileManager.default.contents(atPath: statsFile),
            let stats = try? JSONParser.parse(bytes: Array(data))
        {
            diagnostics = WebpackStatsProblems(entries: request.entries).diagnostics(fromStats: stats)
        }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        if !output.exitedSuccessfully && !hasErrors {
            diagnostics.append(Diagnostic(
                .externalBundlerRunFailed, "webpack ended with \(output.statusDescription) without reporting an error",
                fix: "run the command in the notes by hand (from an empty directory) to see webpack's full output",
                notes: ["command: " + output.commandLine.joined(separator: " ")] + output.tailNotes()))
        }
        guard output.exitedSuccessfully, !diagnostics.contains(where: { $0.severity == .error }) else {
            return ExternalBundleResult(writtenFiles: [], diagnostics: diagnostics, toolOutput: [output])
        }
        let (files, missing) = collectOutputs(of: request, tool: output)
        return ExternalBundleResult(writtenFiles: files, diagnostics: diagnostics + missing, toolOutput: [output])
    }
}
