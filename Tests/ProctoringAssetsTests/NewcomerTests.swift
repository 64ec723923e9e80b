import Foundation
import TestSupport
import Testing

/// What a new user meets in the first hour: each of these was wrong once.
@Suite struct NewcomerTests {
    @Test("a mistyped flag is reported first, with a suggestion, not hidden behind a check of the others")
    func mistypedFlagsComeFirst() throws {
        let example = try CommandLineRunner.run(["build", "--exmaple"])
        #expect(example.status == 2)
        #expect(example.standardError.contains("Unknown option '--exmaple'"), "\(example.standardError)")
        #expect(example.standardError.contains("--example"))
        let settings = try CommandLineRunner.run(["build", "--setings", "lms.envs.production", "--python-path", "/tmp"])
        #expect(settings.standardError.contains("Unknown option '--setings'"), "\(settings.standardError)")
        // A real combination problem still gets its own message and the command's usage.
        let nothing = try CommandLineRunner.run(["build"], environment: ["DJANGO_SETTINGS_MODULE": ""])
        #expect(nothing.status == 2)
        #expect(nothing.standardError.contains("name the deployment"))
        #expect(nothing.standardError.contains("proctoring-assets build --help"))
    }

    @Test("results on standard output, diagnostics on standard error")
    func streams() throws {
        let folder = try CommandLineRunner.temporaryFolder("streams")
        let outcome = try CommandLineRunner.run(["verify", folder])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("error[PA320]"))
        #expect(!outcome.standardOutput.contains("PA320"))
        #expect(outcome.standardOutput.hasPrefix("Checked \(folder)"))
        #expect(outcome.standardOutput.contains("Verdict: \(folder) FAILS verification: 1 error"))
    }

    @Test("resolve --example works on a fresh copy, names the loader once and says why it assumed one")
    func resolveExample() throws {
        let outcome = try CommandLineRunner.run(["resolve", "--example"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("https://lms.example.edu/static/bundles/example-proctor-worker.js"))
        #expect(!outcome.standardOutput.contains("django-webpack-loader django-webpack-loader"))
        let scratch = try CommandLineRunner.temporaryFolder("resolve-assumed") + "/copy"
        _ = try CommandLineRunner.run(["build", "--example", "--example-dir", scratch])
        let assumed = try CommandLineRunner.run(
            ["resolve", "--settings", "example_site.assets", "--python-path", scratch + "/openedx/site-settings",
             "--python-path", scratch + "/openedx/edx-platform", "--config-yaml", scratch + "/openedx/config/lms.yml",
             "--site-packages", scratch, "--verbose"])
        #expect(assumed.standardOutput.contains("django-webpack-loader 3.x (assumed: no django-webpack-loader found)"), "\(assumed.standardOutput)")
        #expect(assumed.standardError.contains("note[PA231]"), "\(assumed.standardError)")
    }

    @Test("messages say each thing once and count right")
    func messages() throws {
        let folder = try CommandLineRunner.temporaryFolder("messages")
        let missing = try CommandLineRunner.run(["doctor", "Dockerfile"], currentDirectory: folder)
        let line = try #require(missing.standardError.split(separator: "\n").first { $0.contains("PA430") })
        #expect(line.components(separatedBy: "Dockerfile").count == 3, "the path once as location, once in the message: \(line)")
        #expect(line.hasSuffix("cannot read Dockerfile: no such file or directory"))

        let scratch = try CommandLineRunner.temporaryFolder("one-file") + "/copy"
        _ = try CommandLineRunner.run(["workers", "--example", "--example-dir", scratch])
        let output = try CommandLineRunner.temporaryFolder("one-file-output")
        let bundled = try CommandLineRunner.run(
            ["bundle", "--workers-json", scratch + "/openedx/workers.json", "--output-dir", output],
            environment: ["JS_ENV_EXTRA_CONFIG": ReadmeExamplesTests.exampleConfig])
        #expect(bundled.standardOutput.contains("Wrote 1 file:"), "\(bundled.standardOutput)\n\(bundled.standardError)")
    }

    @Test("--extract-to with a folder is refused")
    func extractToFolder() throws {
        let folder = try CommandLineRunner.temporaryFolder("extract-folder")
        let outcome = try CommandLineRunner.run(["verify", folder, "--extract-to", folder + "/out"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("--extract-to extracts an archive"))
    }

    @Test("the example shows JS_ENV_EXTRA_CONFIG and where it came from; its temporary copy is removed unless kept")
    func exampleIsTidyAndTeaches() throws {
        let temporary = try CommandLineRunner.temporaryFolder("example-tmp")
        let outcome = try CommandLineRunner.run(["build", "--example"], environment: ["TMPDIR": temporary, "JS_ENV_EXTRA_CONFIG": ""])
        // An empty variable is a value (not JSON): unset it instead for the default.
        #expect(outcome.status != 0)
        let unset = try CommandLineRunner.runWithout(["JS_ENV_EXTRA_CONFIG"], ["build", "--example"], environment: ["TMPDIR": temporary])
        #expect(unset.status == 0, "\(unset.standardError)")
        #expect(unset.standardOutput.contains("JS_ENV_EXTRA_CONFIG = {\"EXAMPLE_PROCTOR_URL\""))
        #expect(unset.standardOutput.contains("the example deployment's value (JS_ENV_EXTRA_CONFIG is not set)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "the temporary copy stays behind")
        let kept = try CommandLineRunner.runWithout(["JS_ENV_EXTRA_CONFIG"], ["settings", "--example", "--keep"], environment: ["TMPDIR": temporary])
        #expect(kept.standardOutput.contains("The example copy stays at \(temporary)/proctoring-assets-example-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).count == 1)
    }

    @Test("DJANGO_SETTINGS_MODULE and LMS_CFG are read when the flags are absent, and said to be")
    func environmentAnOperatorAlreadyHas() throws {
        let scratch = try CommandLineRunner.temporaryFolder("django-env") + "/copy"
        _ = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        let outcome = try CommandLineRunner.run(
            ["settings", "--python-path", scratch + "/openedx/site-settings", "--python-path", scratch + "/openedx/edx-platform"],
            environment: ["DJANGO_SETTINGS_MODULE": "example_site.assets", "LMS_CFG": scratch + "/openedx/config/lms.yml"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("settings module example_site.assets from env DJANGO_SETTINGS_MODULE"))
        #expect(outcome.standardOutput.contains("from env LMS_CFG"))
        #expect(outcome.standardOutput.contains("example_proctor"), "PROCTORING_BACKENDS comes from the YAML layer")
    }

    @Test("the test command's installer says what to install when it cannot (not root), instead of failing in apt-get")
    func installerWithoutRoot() throws {
        let stubs = try CommandLineRunner.temporaryFolder("apt-stubs")
        // dpkg-query reports every package as missing.
        try "#!/bin/sh\nexit 1\n".write(toFile: stubs + "/dpkg-query", atomically: true, encoding: .utf8)
        #expect(chmod(stubs + "/dpkg-query", 0o755) == 0)
        #expect(chmod(stubs, 0o755) == 0)
        let environment = ["PATH": stubs + ":/usr/bin:/bin", "HOME": "/tmp"]
        let outcome = try ExternalProcess.run(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/bash", CommandLineRunner.packageRoot + "/scripts/install-test-tools"],
            environment: environment)
        #expect(outcome.status == 1, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("installing them needs root"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("nodejs"))
    }

    @Test("a settings module with a syntax error is an input error: exit 2, as the README says")
    func syntaxErrorIsAnInputError() throws {
        let folder = try CommandLineRunner.temporaryFolder("syntax")
        try "ENV_ROOT = (\n".write(toFile: folder + "/broken.py", atomically: true, encoding: .utf8)
        let outcome = try CommandLineRunner.run(["settings", "--settings", folder + "/broken.py"])
        #expect(outcome.status == 2, "\(outcome.standardError)")
        let missing = try CommandLineRunner.run(["settings", "--settings", "no.such.module", "--python-path", folder])
        #expect(missing.status == 2, "\(missing.standardError)")
    }
}

/// Issue 9.3: an explicit stats format is trusted when no loader can be found; it is refused only when a
/// loader was found and reads the other format.
@Suite struct ExplicitStatsFormatTests {
    @Test(arguments: ["0.4", "1"])
    func anExplicitFormatIsTrustedWithoutALoader(format: String) throws {
        let scratch = try CommandLineRunner.temporaryFolder("explicit-format") + "/copy"
        _ = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        // Site-packages with the provider but without django-webpack-loader.
        let sitePackages = scratch + "/openedx/venv/lib/python3.11/site-packages"
        try FileManager.default.removeItem(atPath: sitePackages + "/django_webpack_loader-3.2.4.dist-info")
        var arguments = ["build"] + BuildCommandTests.settingsArguments(scratch)
        let auto = try CommandLineRunner.run(arguments, environment: ["JS_ENV_EXTRA_CONFIG": ReadmeExamplesTests.exampleConfig])
        #expect(auto.status == 1)
        #expect(auto.standardError.contains("error[PA219]"), "\(auto.standardError)")
        arguments += ["--stats-format", format, "--verbose"]
        let explicit = try CommandLineRunner.run(arguments, environment: ["JS_ENV_EXTRA_CONFIG": ReadmeExamplesTests.exampleConfig])
        #expect(explicit.status == 0, "\(explicit.standardError)")
        #expect(explicit.standardError.contains("note[PA230]"))
        #expect(explicit.standardOutput.contains("the LMS will serve every worker"), "\(explicit.standardOutput)")
    }

    @Test func anExplicitFormatTheInstalledLoaderCannotReadIsRefused() throws {
        let scratch = try CommandLineRunner.temporaryFolder("explicit-mismatch") + "/copy"
        _ = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        let outcome = try CommandLineRunner.run(
            ["build"] + BuildCommandTests.settingsArguments(scratch) + ["--stats-format", "0.4"],
            environment: ["JS_ENV_EXTRA_CONFIG": ReadmeExamplesTests.exampleConfig])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("error[PA223]"), "\(outcome.standardError)")
    }
}
