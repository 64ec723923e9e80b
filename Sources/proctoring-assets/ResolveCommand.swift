import ArgumentParser
import BundleManifest
import Diagnostics
import ProctoringAssets
import ProctoringBackends

struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print the worker URL the LMS will serve, for JS 1.0 (templates) and JS 2.0 (REST), or why it will not.",
        discussion: """
            Reads the stats file as django-webpack-loader does (0.7 or 3.x semantics, from the loader installed \
            in --site-packages or --loader-version) and applies edx_proctoring's rule: a relative chunk URL is \
            prefixed with LMS_ROOT_URL. When the lookup fails, upstream serves LMS_ROOT_URL itself as the worker \
            URL and the exam cannot start; this command says so and exits 1.

            Example: proctoring-assets resolve --example
            """
    )

    @OptionGroup var deployment: DeploymentOptions
    @OptionGroup var example: ExampleOptions

    @Option(name: .customLong("workers-json"), help: ArgumentHelp("The workers.json naming the bundles. Default: $ENV_ROOT/workers.json, else the configured backends.", valueName: "file"))
    var workersJSON: String?

    @Option(name: .customLong("loader-version"), help: ArgumentHelp("The django-webpack-loader version the LMS runs (e.g. 0.7.0 or 3.2.3). Default: read from --site-packages.", valueName: "version"))
    var loaderVersion: String?

    @OptionGroup var output: OutputOptions

    /// Checked first in `run()`, after ArgumentParser has reported unknown options.
    func validateCombination() throws {
        try deployment.validateCombination()
        try example.validateCombination()
        try output.validateCombination()
        try example.requireDeployment(deployment)
        if let loaderVersion, DjangoWebpackLoaderVersion(loaderVersion) == nil {
            throw ValidationError("--loader-version takes a version such as 0.7.0 or 3.2.3, got '\(loaderVersion)'")
        }
    }

    func run() async throws {
        try validateCombination()
        let report: CommandReport
        var copy: ExampleDeployment?
        do {
            let (inputs, example) = try deployment.arguments(example: self.example).resolve()
            copy = example
            var built: CommandReport?
            if example != nil {
                // A fresh copy of the example has no build yet, and resolve reads what build writes.
                built = await BuildPipeline().run(
                    inputs, options: BuildOptions(workers: WorkerConfigOptions(workingDirectory: inputs.settings.workingDirectory)))
            }
            if let built, built.exitStatus != 0 {
                report = built
            } else {
                var resolved = ResolveRun().run(
                    inputs, workersJSON: workersJSON, loaderVersion: loaderVersion.flatMap(DjangoWebpackLoaderVersion.init),
                    example: example)
                if built != nil { resolved.summaryLines.insert("Built the example copy first (resolve reads what build writes).", at: 1) }
                report = resolved
            }
        } catch {
            report = CommandReport(command: "resolve", diagnostics: error.diagnostics)
        }
        let status = output.emit(self.example.concluding(report, example: copy))
        self.example.finish(copy)
        throw ExitCode(status)
    }
}
