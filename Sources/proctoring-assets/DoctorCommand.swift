import ArgumentParser
import Diagnostics
import Foundation
import ProctoringAssets

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Find why a build loses or breaks the proctoring worker: reads Dockerfiles, Earthfiles, scripts, settings.",
        discussion: """
            Reads the build files you give (Dockerfile, Earthfile, shell scripts, Tutor config.yml, package.json, \
            package-lock.json, requirements files) and, with --settings, the Django settings used at build time, \
            and reports every known failure mode, each with a code, the file:line, why it matters and the fix: \
            webpack run before anything wrote workers.json, a provider package never installed, \
            JS_ENV_EXTRA_CONFIG unset or not JavaScript, errors hidden with 2>/dev/null or || true, a stats \
            file the runtime does not read, and more (`proctoring-assets explain --list`).

            Severity: error for what guarantees a missing or broken worker; warning for what hides errors or is \
            fragile; note for what cannot be decided from the files given.

            Example: proctoring-assets doctor Dockerfile scripts/build-assets.sh --settings lms/envs/assets.not_py
            """
    )

    @Argument(help: ArgumentHelp("Build files to read: Dockerfile, Earthfile, *.sh, config.yml, package.json, requirements*.txt.", valueName: "file"))
    var files: [String] = []

    @OptionGroup var deployment: DeploymentOptions

    @Option(name: .customLong("runtime-settings"), help: ArgumentHelp("The settings module the LMS runs with, when it differs from the build-time --settings (same --python-path).", valueName: "module-or-file"))
    var runtimeSettings: String?

    @OptionGroup var output: OutputOptions

    /// Checked first in `run()`, after ArgumentParser has reported unknown options.
    func validateCombination() throws {
        try deployment.validateCombination()
        try output.validateCombination()
        if files.isEmpty && deployment.settings == nil {
            throw ValidationError("give the build files to read (e.g. Dockerfile Earthfile build.sh), and/or --settings")
        }
        if runtimeSettings != nil && deployment.settings == nil {
            throw ValidationError("--runtime-settings goes with --settings")
        }
    }

    func run() async throws {
        try validateCombination()
        let report: CommandReport
        do {
            let arguments = deployment.arguments()
            let (inputs, _) = try arguments.resolve()
            report = DoctorRun().run(
                files: files, inputs: arguments.namesDeployment || !arguments.sitePackages.isEmpty ? inputs : nil,
                runtimeSettings: runtimeSettings,
                environment: ProcessInfo.processInfo.environment,
                workingDirectory: FileManager.default.currentDirectoryPath)
        } catch {
            report = CommandReport(command: "doctor", diagnostics: error.diagnostics)
        }
        throw ExitCode(output.emit(report))
    }
}
