import ArgumentParser
import DeploymentSettings
import Diagnostics
import Foundation
import ProctoringAssets
import ProctoringBackends

struct BundleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Bundle the workers of an existing workers.json (the worker half of `npm run webpack`).",
        discussion: """
            Reads workers.json ($ENV_ROOT/workers.json, or --workers-json) and writes each worker bundle and the \
            stats file exactly as `build` does, without touching workers.json. Use it where something else \
            already wrote workers.json (a Django start with the proctoring settings).

            Example: proctoring-assets bundle --settings lms.envs.production --python-path /openedx/edx-platform
            """
    )

    @OptionGroup var deployment: DeploymentOptions
    @OptionGroup var example: ExampleOptions

    @Option(name: .customLong("workers-json"), help: ArgumentHelp("The workers.json to bundle. Default: $ENV_ROOT/workers.json.", valueName: "file"))
    var workersJSON: String?

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Write the bundles (and the stats file) into this folder instead of the places the settings name; no settings needed.", valueName: "dir"))
    var outputDirectory: String?

    @Option(help: ArgumentHelp("With --output-dir: webpack's context, where bare requests such as babel-polyfill resolve from. Default: edx-platform next to workers.json.", valueName: "dir"))
    var context: String?

    @OptionGroup var bundleOutput: BundleOutputOptions
    @OptionGroup var output: OutputOptions

    /// Checked first in `run()`, after ArgumentParser has reported unknown options.
    func validateCombination() throws {
        try deployment.validateCombination()
        try example.validateCombination()
        try bundleOutput.validateCombination()
        try output.validateCombination()
        if outputDirectory != nil {
            if workersJSON == nil { throw ValidationError("--output-dir needs --workers-json") }
            if example.example { throw ValidationError("--output-dir bundles a given workers.json; leave out --example") }
        } else {
            if context != nil { throw ValidationError("--context goes with --output-dir") }
            try example.requireDeployment(deployment)
        }
    }

    func run() async throws {
        try validateCombination()
        OneShotAllocatorTuning.apply()
        if let outputDirectory, let workersJSON {
            let arguments = deployment.arguments()
            let report = await BuildPipeline().runIntoFolder(
                workersJSON: workersJSON, outputDirectory: outputDirectory, contextDirectory: context,
                sitePackages: arguments.sitePackages, buildEnvironment: BuildEnvironment(environment: arguments.environment),
                workingDirectory: arguments.workingDirectory, options: bundleOutput.buildOptions(workers: WorkerConfigOptions()))
            throw ExitCode(output.emit(report))
        }
        let report: CommandReport
        var copy: ExampleDeployment?
        do {
            let (inputs, example) = try deployment.arguments(example: self.example).resolve()
            copy = example
            var source = workersJSON
            if source == nil, let example { source = example.envRoot + "/workers.json" }
            let options = bundleOutput.buildOptions(workers: WorkerConfigOptions(workingDirectory: inputs.settings.workingDirectory))
            report = await BuildPipeline().run(inputs, options: options, example: example, workersSource: .existing(path: source))
        } catch {
            report = CommandReport(command: "bundle", diagnostics: error.diagnostics)
        }
        let status = output.emit(self.example.concluding(report, example: copy))
        self.example.finish(copy)
        throw ExitCode(status)
    }
}
