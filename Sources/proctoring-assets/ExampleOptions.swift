import ArgumentParser
import Diagnostics
import ProctoringAssets

/// `--example`: run on a copy of the shipped example deployment. Offered by the commands that work on it
/// (build, bundle, workers, settings, resolve).
struct ExampleOptions: ParsableArguments {
    @Flag(help: "Run on a copy of the example deployment shipped with proctoring-assets (printed paths show where).")
    var example = false

    @Option(help: ArgumentHelp("With --example: the folder to copy the example into (new or empty), kept afterwards. Default: a new temporary folder, removed at the end.", valueName: "dir"))
    var exampleDir: String?

    @Flag(help: "With --example: keep the temporary copy of the example (its path is printed).")
    var keep = false

    /// Checked when the command runs, after ArgumentParser has reported unknown options (a check in
    /// `validate()` would hide a mistyped flag behind a message about the flags it did recognise).
    func validateCombination() throws {
        if exampleDir != nil && !example {
            throw ValidationError("--example-dir goes with --example")
        }
        if keep && !example {
            throw ValidationError("--keep goes with --example")
        }
    }

    /// Says what becomes of the example copy at the end of the run: a temporary copy is removed unless
    /// --keep was given. Call `finish(_:)` after the report is printed.
    func concluding(_ report: CommandReport, example deployment: ExampleDeployment?) -> CommandReport {
        guard let deployment else { return report }
        var report = report
        if exampleDir != nil || keep {
            report.summaryLines.append("The example copy stays at \(deployment.root).")
        } else {
            report.summaryLines.append("The example copy at \(deployment.root) is removed now (--keep or --example-dir DIR keeps it).")
        }
        return report
    }

    /// Removes a temporary example copy that was not asked to be kept.
    func finish(_ deployment: ExampleDeployment?) {
        guard let deployment, exampleDir == nil, !keep else { return }
        deployment.remove()
    }

    /// For commands that cannot run without a deployment: the example, or one named by the options.
    func requireDeployment(_ deployment: DeploymentOptions) throws {
        if example && deployment.settings != nil {
            throw ValidationError("--example brings its own settings; leave out --settings")
        }
        if !example && !deployment.arguments().namesDeployment {
            throw ValidationError("name the deployment: --settings MODULE (with --python-path), or --example, or at least --env-root/--node-modules-root")
        }
    }
}
