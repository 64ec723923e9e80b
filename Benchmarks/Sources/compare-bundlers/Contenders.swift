import BenchmarkWorkload
import Bundler
import Foundation

/// One bundler as the benchmark runs it: a whole process with its arguments, and where its bundle lands.
struct Contender: Sendable {
    var name: String
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String
    var standardInputFile: String?
    var outputFile: String
    /// Removed before each run (a cached rebuild keeps its cache folder, not its output).
    var outputDirectory: String
}

/// Builds the contenders for one workload, each writing into its own folder under `scratch`.
struct ContenderFactory {
    var workload: any BundlingWorkload
    var scratch: String
    var baseEnvironment: [String: String]

    private func request(_ label: String) throws -> ExternalBundleRequest {
        let entry = EntryPoint(
            name: workload.workerName, requests: workload.entryRequests.map { .init(specifier: $0) },
            contextDirectory: workload.edxPlatform)
        let defines: DefineSet
        switch DefineSet.parse(jsEnvExtraConfig: workload.extraConfig) {
        case .success(let parsed): defines = parsed
        case .failure(let error): throw WorkloadRunError("JS_ENV_EXTRA_CONFIG of the workload: \(error)")
        }
        return ExternalBundleRequest(entries: [entry], defines: defines, mode: .production, outputDirectory: scratch + "/out-\(label)")
    }

    private var buildEnvironment: [String: String] {
        var environment = baseEnvironment
        environment["JS_ENV_EXTRA_CONFIG"] = workload.extraConfig
        environment["NODE_ENV"] = "production"
        return environment
    }

    /// esbuild 0.17: `--bundle --minify` with DefinePlugin-equivalent defines, the workers.json entry on stdin.
    func esbuild(executable: String) throws -> Contender {
        let request = try self.request("esbuild")
        let entry = request.entries[0]
        let defines: [String]
        switch EsbuildBackend.defineArguments(defines: request.defines, mode: .production) {
        case .success(let arguments): defines = arguments
        case .failure(let error): throw WorkloadRunError("\(error)")
        }
        let entryFile = scratch + "/esbuild-entry.js"
        try EsbuildBackend.entryModule(entry).write(toFile: entryFile, atomically: true, encoding: .utf8)
        return Contender(
            name: "esbuild", executable: executable,
            arguments: EsbuildBackend.commandArguments(for: entry, request: request, defineArguments: defines),
            environment: baseEnvironment, workingDirectory: workload.edxPlatform, standardInputFile: entryFile,
            outputFile: request.outputDirectory + "/" + entry.outputRelativePath, outputDirectory: request.outputDirectory)
    }

    /// webpack 5.75 in production mode with the edx-platform worker config shape (the webpack back end's config).
    func webpack(executable: String) throws -> Contender {
        let request = try self.request("webpack")
        let configFile = scratch + "/webpack.worker.config.js"
        try WebpackBackend.configurationText(for: request).write(toFile: configFile, atomically: true, encoding: .utf8)
        return Contender(
            name: "webpack", executable: executable, arguments: ["--config", configFile], environment: buildEnvironment,
            workingDirectory: scratch, standardInputFile: nil,
            outputFile: request.outputDirectory + "/" + request.entries[0].outputRelativePath, outputDirectory: request.outputDirectory)
    }

    /// Ours: `bundle --workers-json … --output-dir …`, as a CI job without Django settings runs it; with
    /// `cache`, the same with `--cache DIR`.
    func ours(executable: String, cache: String? = nil) throws -> Contender {
        let request = try self.request(cache == nil ? "ours" : "ours-cached")
        return Contender(
            name: cache == nil ? "ours" : "ours --cache", executable: executable,
            arguments: ["bundle", "--workers-json", workload.workersJSONPath, "--output-dir", request.outputDirectory]
                + (cache.map { ["--cache", $0] } ?? []),
            environment: buildEnvironment, workingDirectory: scratch, standardInputFile: nil,
            outputFile: request.outputDirectory + "/" + request.entries[0].outputRelativePath, outputDirectory: request.outputDirectory)
    }
}
