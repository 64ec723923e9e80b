import ArgumentParser
import DeploymentSettings
import Diagnostics
import ProctoringAssets

@main
struct ProctoringAssetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proctoring-assets",
        abstract: "Build, check and explain the JavaScript worker bundles of Open edX proctoring providers.",
        discussion: """
            The worker bundle of a proctoring provider reaches the learner's browser through a long chain \
            (Django settings -> workers.json -> webpack -> stats file -> worker URL), and upstream every link \
            of it fails silently. proctoring-assets runs that chain itself and stops with a diagnostic \
            (a stable PA code, the file:line or variable, and the fix) wherever upstream would skip, warn or \
            fall back.

            Exit status: 0 ok; 1 findings of severity error; 2 usage or input error (a file that cannot be \
            read, a syntax error, a bad flag); 3 internal error.
            """,
        version: BuildInfo.versionDescription,
        subcommands: [
            BuildCommand.self, SettingsCommand.self, WorkersCommand.self, BundleCommand.self, ResolveCommand.self, ServeCommand.self,
            VerifyCommand.self, DoctorCommand.self, ExplainCommand.self, ConfigureCommand.self,
        ]
    )

    /// Runs the command line with the documented exit statuses (ArgumentParser's own usage status, 64,
    /// becomes 2).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        StartUpWarmUp.start(arguments, root: Self.self, evaluatesSettings: Self.evaluatesSettings(arguments[...]))
        var parsed: (any ParsableCommand)?
        do {
            var command = try parseAsRoot()
            parsed = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let error as ValidationError {
            // A combination of options refused when the command ran: usage of that command, exit 2.
            let name = parsed.flatMap { type(of: $0).configuration.commandName }.map { "proctoring-assets \($0)" } ?? "proctoring-assets"
            StandardStreams.writeError(
                "Error: \(error.message)\nUsage: \(name) <options>\n  See '\(name) --help' for more information.\n")
            Foundation.exit(ExitStatus.usageOrInput)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                self.exit(withError: error)
            }
            if status == .failure {
                // Not a usage error and not a report: something the tool did not expect.
                StandardStreams.writeError(
                    "error[\(DiagnosticCode.internalError.identifier)]: internal error: \(error)\n"
                        + "  fix: please report this with the command line you ran\n")
                Foundation.exit(ExitStatus.internalError)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { StandardStreams.writeError(message + "\n") }
            Foundation.exit(status == .validationFailure || status.rawValue == 64 ? ExitStatus.usageOrInput : status.rawValue)
        }
    }
}

extension ProctoringAssetsCommand {
    /// Whether the command line names a command that reads the deployment's settings (and with them, most
    /// often, the YAML layer): then the YAML resolver is prepared on another processor while ArgumentParser
    /// parses the command line (see `StartUpWarmUp`). Only a guess from the first argument: a wrong
    /// guess costs ≈ 2 ms of the other processor's time, never a different result.
    static func evaluatesSettings(_ arguments: ArraySlice<String>) -> Bool {
        switch arguments.first {
        case "build", "settings", "workers", "resolve", "doctor": return true
        case "bundle": return !arguments.contains("--output-dir")
        default: return false
        }
    }
}

import Foundation
