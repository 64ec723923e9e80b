import ArgumentParser
import Diagnostics
import ProctoringAssets
import ProctoringBackends

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Settings -> workers.json -> worker bundles -> stats file -> URL check: the whole job, for your Dockerfile.",
        discussion: """
            Replaces the worker half of edx-platform's asset build (Django start-up writing workers.json, then \
            `npm run webpack`) with one command that either writes every file or fails with the exact reason:
              - $ENV_ROOT/workers.json, byte-identical to edx_proctoring's;
              - each bundle at <edx-platform>/common/static/bundles/<npm_module>.js (where webpack writes it) and at \
            STATIC_ROOT/bundles/<npm_module>.js (where the LMS serves it), with JS_ENV_EXTRA_CONFIG substituted as \
            webpack's DefinePlugin does and checked first;
              - the stats file at WEBPACK_LOADER['WORKERS']['STATS_FILE'] in the format the installed \
            django-webpack-loader reads;
              - with hashed static storage (STATIC_ROOT/staticfiles.json), the hashed copy and the manifest entry.
            The files are staged and committed together: on any error nothing is written. The build ends by \
            reading the stats file back as the LMS does and printing the worker URL for JS 1.0 and JS 2.0.

            JS_ENV_EXTRA_CONFIG and NODE_ENV are read from the environment, as webpack does.

            With --js-from-python no npm package is needed: each worker's npm module and @edx/edx-proctoring \
            are taken from files of the Python distributions in --site-packages (the mapping is printed); \
            workers.json stays as edx_proctoring writes it.

            Example: proctoring-assets build --settings lms.envs.tutor.assets --python-path /openedx/edx-platform \
            --site-packages /openedx/venv/lib/python3.11/site-packages
            """
    )

    @OptionGroup var deployment: DeploymentOptions
    @OptionGroup var example: ExampleOptions
    @OptionGroup var bundleOutput: BundleOutputOptions

    @Flag(help: "Succeed without writing anything when no configured backend has a worker.")
    var allowEmpty = false

    @OptionGroup var output: OutputOptions

    /// Checked first in `run()`, after ArgumentParser has reported unknown options.
    func validateCombination() throws {
        try deployment.validateCombination()
        try example.validateCombination()
        try bundleOutput.validateCombination()
        try output.validateCombination()
        try example.requireDeployment(deployment)
    }

    func run() async throws {
        try validateCombination()
        OneShotAllocatorTuning.apply()
        let report: CommandReport
        var copy: ExampleDeployment?
        do {
            let (inputs, example) = try deployment.arguments(example: self.example).resolve()
            copy = example
            let options = bundleOutput.buildOptions(
                workers: WorkerConfigOptions(allowEmpty: allowEmpty, workingDirectory: inputs.settings.workingDirectory))
            report = await BuildPipeline().run(inputs, options: options, example: example)
        } catch {
            report = CommandReport(command: "build", diagnostics: error.diagnostics)
        }
        let status = output.emit(self.example.concluding(report, example: copy))
        self.example.finish(copy)
        throw ExitCode(status)
    }
}
