import Diagnostics
import Foundation
import OrderedJSON

/// Builds the worker bundles with esbuild (Debian's 0.17): one run per entry,
/// `esbuild --bundle --platform=browser --format=iife [--minify] --define:…`.
///
/// webpack's array entry (`["babel-polyfill", "/…/worker.js"]`, run in order) becomes a generated entry
/// module that imports each request in order, given on stdin with the entry's context directory as
/// working directory, so bare and relative requests resolve from there as webpack's `context` makes
/// them. The defines are webpack DefinePlugin's (`DefinePluginCode`): the whole
/// `process.env.JS_ENV_EXTRA_CONFIG` object and each of its keys, plus `process.env.NODE_ENV` unless the
/// mode is `none`. Production minifies, as webpack's Terser does.
///
/// The executable is found by `ExternalToolLocator`: the explicit path, `PROCTORING_ASSETS_ESBUILD`,
/// `PA_TEST_ESBUILD`, then `esbuild` on PATH.
public struct EsbuildBackend: ExternalBundlerBackend {
    public static let installHint = "install esbuild (`apt-get install esbuild` on Debian/Ubuntu)"
    public var toolName: String { "esbuild" }
    public var explicitExecutable: String?
    public var environment: [String: String]

    public init(executable: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicitExecutable = executable
        self.environment = environment
    }

    public var locator: ExternalToolLocator {
        ExternalToolLocator(
            commandName: "esbuild", environmentVariables: ["PROCTORING_ASSETS_ESBUILD", "PA_TEST_ESBUILD"],
            installHint: Self.installHint, environment: environment)
    }

    public func bundle(_ request: ExternalBundleRequest) async -> ExternalBundleResult {
        let executable: String
        switch locator.locate(explicitPath: explicitExecutable) {
        case .success(let path): executable = path
        case .failure(let error): return ExternalBundleResult(writtenFiles: [], diagnostics: error.diagnostics, toolOutput: [])
        }
        let defineArguments: [String]
        switch Self.defineArguments(defines: request.defines, mode: request.mode) {
        case .success(let arguments): defineArguments = arguments
        case .failure(let error): return ExternalBundleResult(writtenFiles: [], diagnostics: error.diagnostics, toolOutput: [])
        }
        let setupProblems = createOutputDirectories(for: request)
        if !setupProblems.isEmpty { return ExternalBundleResult(writtenFiles: [], diagnostics: setupProblems, toolOutput: []) }

        var diagnostics: [Diagnostic] = []
        var outputs: [ExternalToolOutput] = []
        var written: [String] = []
        for entry in request.entries {
            let sourceFileName = Self.entrySourceFileName(entry)
            let arguments = Self.commandArguments(for: entry, request: request, defineArguments: defineArguments)
            let runner = ExternalToolRunner(
                executable: executable, workingDirectory: entry.contextDirectory, environmentChanges: [:])
            let output: ExternalToolOutput
            switch await runner.run(arguments, standardInput: Self.entryModule(entry)) {
            case .success(let ran): output = ran
            case .failure(let error):
                diagnostics += error.diagnostics
                continue
            }
            outputs.append(output)
            var found = EsbuildLogProblems(entry: entry, sourceFileName: sourceFileName).diagnostics(fromLog: output.standardError)
            if !output.exitedSuccessfully && !found.contains(where: { $0.severity == .error }) {
                found.append(Diagnostic(
                    .externalBundlerRunFailed, "esbuild ended with \(output.statusDescription) without reporting an error",
                    fix: "run the command in the notes by hand to see esbuild's full output",
                    notes: ["command: " + output.commandLine.joined(separator: " ")] + output.tailNotes()))
            }
            diagnostics += found
            if output.exitedSuccessfully && !found.contains(where: { $0.severity == .error }) {
                let (files, missing) = collectOutputs(
                    of: ExternalBundleRequest(
                        entries: [entry], defines: request.defines, mode: request.mode,
                        outputDirectory: request.outputDirectory),
                    tool: output)
                written += files
                diagnostics += missing
            }
        }
        // Like webpack in production: one failing entry means no bundles at all.
        if diagnostics.contains(where: { $0.severity == .error }) {
            for file in written { try? FileManager.default.removeItem(atPath: file) }
            written = []
        }
        return ExternalBundleResult(writtenFiles: written, diagnostics: diagnostics, toolOutput: outputs)
    }

    /// esbuild's arguments for one entry (the entry module goes to stdin, run in the entry's context
    /// directory); `defineArguments` from `defineArguments(defines:mode:)`.
    public static func commandArguments(
        for entry: EntryPoint, request: ExternalBundleRequest, defineArguments: [String]
    ) -> [String] {
        var arguments = ["--bundle", "--platform=browser", "--format=iife"]
        if request.mode == .production { arguments.append("--minify") }
        arguments += [
            "--outfile=\(request.outputDirectory)/\(entry.outputRelativePath)", "--sourcefile=\(entrySourceFileName(entry))",
            "--log-level=warning", "--log-limit=0", "--color=false",
        ]
        return arguments + defineArguments
    }

    /// The generated entry module: each request imported in execution order.
    public static func entryModule(_ entry: EntryPoint) -> String {
        entry.requests.map { "import \(JSONWriter.write(.string($0.specifier), style: .javaScriptCompact));" }
            .joined(separator: "\n") + "\n"
    }

    /// The name esbuild gives the generated entry module in its messages.
    static func entrySourceFileName(_ entry: EntryPoint) -> String {
        "workers.json entry \(entry.name)"
    }

    /// `--define:` arguments with DefinePlugin's values. esbuild accepts only JSON or a dotted identifier
    /// as a define value; a value that is other JS code (which webpack would insert) is refused with PA175.
    public static func defineArguments(defines: DefineSet, mode: ExternalBundleMode) -> Result<[String], DiagnosticError> {
        var definitions = DefinePluginCode.definitions(of: defines)
        let unusable = definitions.filter { !isEsbuildDefineValue($0.code) }
        // Report the innermost expressions only: their enclosing objects are unusable because of them.
        let innermost = unusable.filter { outer in
            !unusable.contains { $0.expression.hasPrefix(outer.expression + ".") }
        }
        if !innermost.isEmpty {
            return .failure(DiagnosticError(innermost.map { definition in
                Diagnostic(
                    .externalBundlerConfigInvalid,
                    "esbuild cannot define \(definition.expression) as `\(definition.code)`: esbuild's --define takes only "
                        + "JSON or an identifier path, while webpack would insert this code as is",
                    at: defines.location,
                    fix: "use a JS literal as the value (a string needs inner quotes: \"\\\"text\\\"\"), or build with --bundler webpack or native")
            }))
        }
        if let nodeEnvironment = mode.nodeEnvironmentDefine {
            definitions.append(DefinePluginCode.Definition(
                expression: "process.env.NODE_ENV", code: JSONWriter.write(.string(nodeEnvironment), style: .javaScriptCompact)))
        }
        return .success(definitions.map { "--define:\($0.expression)=\($0.code)" })
    }

    static func isEsbuildDefineValue(_ code: String) -> Bool {
        if (try? JSONParser.parse(code)) != nil { return true }
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { DefinePluginCode.isIdentifierName(String($0)) }
    }
}
