import ArgumentParser
import Diagnostics
import ProctoringAssets

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Print the proctoring-related settings of a deployment, each with where it came from.",
        discussion: """
            Reads the Django settings module statically (no Django, no imports executed): ENV_ROOT, \
            NODE_MODULES_ROOT, STATIC_ROOT, STATIC_URL, LMS_ROOT_URL, PROCTORING_BACKENDS and WEBPACK_LOADER, \
            each with the file:line, environment variable, YAML key or flag that set it. Values the tool cannot \
            evaluate statically are shown as unknown, with the line and the reason.

            Example: proctoring-assets settings --settings lms.envs.production --python-path /openedx/edx-platform \
            --config-yaml /openedx/config/lms.yml
            """
    )

    @OptionGroup var deployment: DeploymentOptions
    @OptionGroup var example: ExampleOptions
    @OptionGroup var output: OutputOptions

    /// Checked first in `run()`, after ArgumentParser has reported unknown options.
    func validateCombination() throws {
        try deployment.validateCombination()
        try example.validateCombination()
        try output.validateCombination()
        try example.requireDeployment(deployment)
    }

    func run() async throws {
        try validateCombination()
        let report: CommandReport
        var copy: ExampleDeployment?
        do {
            let (inputs, example) = try deployment.arguments(example: self.example).resolve()
            copy = example
            report = SettingsInspection().run(inputs, example: example)
        } catch {
            report = CommandReport(command: "settings", diagnostics: error.diagnostics)
        }
        let status = output.emit(self.example.concluding(report, example: copy))
        self.example.finish(copy)
        throw ExitCode(status)
    }
}
