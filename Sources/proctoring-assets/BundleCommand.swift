import ArgumentParser
import Foundation
import Diagnostics
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

    @Option(name: .customLong("workers-json"), help: ArgumentHelp("The workers.json to bundle. Default: $ENV_ROOT/workers.json.", valueName: "file"))
    var workersJSON: String?

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Write the bundles (and the stats file) into this folder instead of the places the settings name; no settings needed.", valueName: "dir"))
    var outputDirectory: String?

    @Option(help: ArgumentHelp("With --output-dir: webpack's context, where bare requests such as babel-polyfill resolve from. Default: edx-platform next to workers.json.", valueName: "dir"))
    var context: String?

    @OptionGroup var bundleOutput: BundleOutputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if outputDirectory != nil {
            if workersJSON == nil { throw ValidationError("--output-dir needs --workers-json") }
            if deployment.example { throw ValidationError("--output-dir bundles a given workers.json; leave out --example") }
        } else {
            if context != nil { throw ValidationError("--context goes with --output-dir") }
            try deployment.requireDeployment()
        }
    }

    func run() async throws {
        if let outputDirectory, let workersJSON {
            let options = BuildOptions(
                workers: WorkerConfigOptions(), statsFormat: bundleOutput.statsFormatOption, minify: bundleOutput.minify,
                sourceMap: bundleOutput.sourceMap, dryRun: bundleOutput.dryRun, bundler: bundleOutput.bundler)
            let report = await StandaloneBundleRun().run(
                workersJSON: workersJSON, outputDirectory: outputDirectory, contextDirectory: context,
                sitePackages: deployment.sitePackages, environment: ProcessInfo.processInfo.environment,
                workingDirectory: FileManager.default.currentDirectoryPath, options: options)
            throw ExitCode(output.emit(report))
        }
        let report: CommandReport
        do {
            let (inputs, example) = try deployment.inputs()
            var source = workersJSON
            if source == nil, let example { source = example.envRoot + "/workers.json" }
            let options = BuildOptions(
                workers: WorkerConfigOptions(workingDirectory: inputs.settings.workingDirectory),
                statsFormat: bundleOutput.statsFormatOption, minify: bundleOutput.minify,
                sourceMap: bundleOutput.sourceMap, dryRun: bundleOutput.dryRun, bundler: bundleOutput.bundler)
            report = await BuildPipeline().run(inputs, options: options, example: example, workersSource: .existing(path: source))
        } catch {
            report = CommandReport(command: "bundle", diagnostics: error.diagnostics)
        }
        throw ExitCode(output.emit(report))
    }
}
