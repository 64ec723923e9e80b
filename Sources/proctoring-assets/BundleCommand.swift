import ArgumentParser
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

    @OptionGroup var bundleOutput: BundleOutputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try deployment.requireDeployment()
    }

    func run() async throws {
        let report: CommandReport
        do {
            let (inputs, example) = try deployment.inputs()
            var source = workersJSON
            if source == nil, let example { source = example.envRoot + "/workers.json" }
            let options = BuildOptions(
                workers: WorkerConfigOptions(workingDirectory: inputs.settings.workingDirectory),
                statsFormat: bundleOutput.statsFormatOption, minify: bundleOutput.minify,
                sourceMap: bundleOutput.sourceMap, dryRun: bundleOutput.dryRun)
            report = BuildPipeline().run(inputs, options: options, example: example, workersSource: .existing(path: source))
        } catch {
            report = CommandReport(command: "bundle", diagnostics: error.diagnostics)
        }
        throw ExitCode(output.emit(report))
    }
}
