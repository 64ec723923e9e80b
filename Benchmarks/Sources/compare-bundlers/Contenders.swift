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
}

/// Builds the three contenders for one workload and output directory.
struct ContenderFactory {
    var workload: ReferenceWorkload
    var scratch: String
    var baseEnvironment: [String: String]

    var request: ExternalBundleRequest {
        let entry = EntryPoint(
            name: ReferenceWorkload.workerName, requests: workload.entryRequests.map { .init(specifier: $0) },
            contextDirectory: workload.edxPlatform)
        return ExternalBundleRequest(
            entries: [entry], extraConfigText: ReferenceWorkload.extraConfig, mode: .production,
            outputDirectory: scratch + "/out-\(UUID().uuidString.prefix(8))")
    }

    /// esbuild 0.17: `--bundle --minify` with DefinePlugin-equivalent defines, the workers.json entry on stdin.
    func esbuild(executable: String) throws -> Contender {
        let request = self.request
        let entry = request.entries[0]
        let defines: [String]
        switch EsbuildBackend.defineArguments(extraConfigText: request.extraConfigText, mode: .production) {
        case .success(let arguments): defines = arguments
        case .failure(let error): throw WorkloadRunError("\(error)")
        }
        let entryFile = scratch + "/esbuild-entry.js"
        try EsbuildBackend.entryModule(entry).write(toFile: entryFile, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: request.outputDirectory, withIntermediateDirectories: true)
        return Contender(
            name: "esbuild", executable: executable,
            arguments: EsbuildBackend.commandArguments(for: entry, request: request, defineArguments: defines),
            environment: baseEnvironment, workingDirectory: workload.edxPlatform, standardInputFile: entryFile,
            outputFile: request.outputDirectory + "/" + entry.outputRelativePath)
    }

    /// webpack 5.75 in production mode with the edx-platform worker config shape (the webpack back end's config).
    func webpack(executable: String) throws -> Contender {
        let request = self.request
        let configFile = scratch + "/webpack.worker.config.js"
        try WebpackBackend.configurationText(for: request).write(toFile: configFile, atomically: true, encoding: .utf8)
        var environment = baseEnvironment
        environment["JS_ENV_EXTRA_CONFIG"] = ReferenceWorkload.extraConfig
        environment["NODE_ENV"] = "production"
        return Contender(
            name: "webpack", executable: executable, arguments: ["--config", configFile], environment: environment,
            workingDirectory: scratch, standardInputFile: nil,
            outputFile: request.outputDirectory + "/" + request.entries[0].outputRelativePath)
    }

    /// Ours, from a command template with `{workers}`, `{entry}`, `{context}`, `{out}`, `{env}`, `{name}`.
    func ours(template: String) -> Contender? {
        let request = self.request
        let values = [
            "{workers}": workload.workersJSONPath, "{entry}": workload.providerMain, "{context}": workload.edxPlatform,
            "{out}": request.outputDirectory, "{env}": ReferenceWorkload.extraConfig, "{name}": ReferenceWorkload.workerName,
        ]
        let words = template.split(separator: " ", omittingEmptySubsequences: true).map { word in
            values.reduce(String(word)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        guard let executable = words.first else { return nil }
        var environment = baseEnvironment
        environment["JS_ENV_EXTRA_CONFIG"] = ReferenceWorkload.extraConfig
        environment["NODE_ENV"] = "production"
        return Contender(
            name: "ours", executable: executable, arguments: Array(words.dropFirst()), environment: environment,
            workingDirectory: scratch, standardInputFile: nil,
            outputFile: request.outputDirectory + "/" + request.entries[0].outputRelativePath)
    }
}
