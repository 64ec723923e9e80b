import Foundation
import Testing

/// The flag line an operator writes for `build` works, with the same meaning, on every command that reads a
/// deployment: one option group, no "Unknown option" on any of them.
@Suite struct SharedDeploymentOptionsTests {
    @Test func everyCommandTakesTheBuildFlagLine() throws {
        let scratch = try CommandLineRunner.temporaryFolder("flag-line") + "/copy"
        let copied = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        #expect(copied.status == 0, "\(copied.standardError)")
        let flagLine = BuildCommandTests.settingsArguments(scratch) + [
            "--env-root", scratch + "/openedx", "--node-modules-root", scratch + "/openedx/edx-platform/node_modules",
            "--static-root", scratch + "/openedx/staticfiles", "--lms-root-url", "https://lms.example.com",
            "--backend", "example=example-proctor-worker",
        ]
        let environment = ["JS_ENV_EXTRA_CONFIG": #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#]
        // build first, so that bundle, resolve and verify have something to read.
        let commands: [[String]] = [
            ["build"], ["settings"], ["workers", "--dry-run"], ["bundle", "--dry-run"], ["resolve"],
            ["verify", scratch], ["doctor", scratch + "/openedx/config/lms.yml"],
        ]
        for command in commands {
            let outcome = try CommandLineRunner.run(command + flagLine, environment: environment)
            #expect(!outcome.standardError.contains("Unknown option"), "\(command[0]): \(outcome.standardError)")
            #expect(outcome.status != 64, "\(command[0]) refused the flag line: \(outcome.standardError)")
            #expect(outcome.status == 0, "\(command[0]) exited \(outcome.status): \(outcome.standardOutput)\n\(outcome.standardError)")
        }
    }

    @Test("--example is offered only where it works")
    func exampleOnlyWhereItWorks() throws {
        for command in [["verify", "/tmp"], ["doctor", "Dockerfile"]] {
            let outcome = try CommandLineRunner.run(command + ["--example"])
            #expect(outcome.standardError.contains("Unknown option '--example'"), "\(command[0]): \(outcome.standardError)")
            let help = try CommandLineRunner.run([command[0], "--help"])
            #expect(!help.standardOutput.contains("--example"), "\(command[0]) --help offers --example")
        }
    }
}
