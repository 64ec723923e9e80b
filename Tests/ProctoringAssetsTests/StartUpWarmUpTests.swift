import Foundation
import Testing

/// The start-up warm-up (`StartUpWarmUp`: the named subcommand's argument parsing and the YAML resolver, done
/// on the second processor while the main thread parses) never changes what a command prints or how it exits:
/// each command line gives the same status, standard output and standard error with the warm-up and with it
/// turned off (`PROCTORING_ASSETS_NO_WARM_UP`). The command lines cover the paths where the warm-up's own parse
/// of the subcommand ends differently from the main thread's: a normal run, an unknown option, a value
/// refused by the command's `validate()`, help, the completion script (a request of the root command), a
/// nested position (`help settings`), and a command without settings.
@Suite struct StartUpWarmUpTests {
    static let example = CommandLineRunner.packageRoot + "/Examples/deployment/openedx"

    static let commandLines: [[String]] = [
        [
            "settings", "--settings", "example_site.assets", "--python-path", example + "/site-settings",
            "--python-path", example + "/edx-platform", "--config-yaml", example + "/config/lms.yml", "--format", "json",
        ],
        ["settings", "--settings", "example_site.assets", "--python-path", example + "/site-settings", "--verbose"],
        ["settings", "--no-such-option"],
        ["settings", "--format", "yaml"],
        ["serve", "--env-root", example, "--port", "0"],
        ["settings", "--help"],
        ["settings", "--generate-completion-script", "bash"],
        ["help", "settings"],
        ["explain", "PA014"],
        ["--version"],
    ]

    @Test func outputAndStatusAreTheSameWithoutTheWarmUp() throws {
        for arguments in Self.commandLines {
            let warm = try CommandLineRunner.run(arguments)
            let cold = try CommandLineRunner.run(arguments, environment: ["PROCTORING_ASSETS_NO_WARM_UP": "1"])
            let line = arguments.joined(separator: " ")
            #expect(warm.status == cold.status, "\(line): \(warm.status) with the warm-up, \(cold.status) without")
            #expect(warm.standardOutput == cold.standardOutput, "\(line): standard output differs")
            #expect(warm.standardError == cold.standardError, "\(line): standard error differs")
            #expect(!(warm.standardOutput + warm.standardError).isEmpty, "\(line) printed nothing")
        }
    }
}
