import ArgumentParser
import Diagnostics
import ProctoringAssets
import ProctoringBackends

struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "Write workers.json exactly as edx-proctoring's make_worker_config would, or say why not.",
        discussion: """
            A drop-in for the side effect of Django's start-up that edx-platform's webpack worker build depends \
            on: $ENV_ROOT/workers.json, byte-identical to edx_proctoring's output (same key order, json.dumps \
            format, mode 0664), written atomically. Where upstream would warn and write nothing (a provider \
            package not installed, a package.json without main, NODE_MODULES_ROOT unset, …) this command stops \
            with a diagnostic and writes nothing.

            Backends come from the `openedx.proctoring` entry points in --site-packages (in the order given; \
            distributions sorted by name; entry points in file order), restricted to the names configured in \
            PROCTORING_BACKENDS, as edx-proctoring instantiates only those.

            Example: proctoring-assets workers --example
            """
    )

    @OptionGroup var deployment: DeploymentOptions
    @OptionGroup var example: ExampleOptions

    @Option(help: ArgumentHelp("Write here instead of $ENV_ROOT/workers.json.", valueName: "file"))
    var output: String?

    @Flag(help: "Succeed without writing anything when no configured backend has a worker (deployments without a JS proctoring provider).")
    var allowEmpty = false

    @Flag(help: "Check everything and print what would be written, but write nothing.")
    var dryRun = false

    @OptionGroup var outputOptions: OutputOptions

    /// Checked first in `run()`, after ArgumentParser has reported unknown options.
    func validateCombination() throws {
        try deployment.validateCombination()
        try example.validateCombination()
        try outputOptions.validateCombination()
        try example.requireDeployment(deployment)
    }

    func run() async throws {
        try validateCombination()
        let report: CommandReport
        var copy: ExampleDeployment?
        do {
            let (inputs, example) = try deployment.arguments(example: self.example).resolve()
            copy = example
            let options = WorkerConfigOptions(outputPath: output, allowEmpty: allowEmpty)
            report = WorkersPipeline().run(inputs, options: options, dryRun: dryRun, example: example)
        } catch {
            report = CommandReport(command: "workers", diagnostics: error.diagnostics)
        }
        let status = outputOptions.emit(self.example.concluding(report, example: copy))
        self.example.finish(copy)
        throw ExitCode(status)
    }
}
