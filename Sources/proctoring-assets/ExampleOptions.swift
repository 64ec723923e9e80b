import ArgumentParser

/// `--example`: run on a copy of the shipped example deployment. Offered by the commands that work on it
/// (build, bundle, workers, settings, resolve).
struct ExampleOptions: ParsableArguments {
    @Flag(help: "Run on a copy of the example deployment shipped with proctoring-assets (printed paths show where).")
    var example = false

    @Option(help: ArgumentHelp("With --example: the folder to copy the example into (new or empty). Default: a new temporary folder.", valueName: "dir"))
    var exampleDir: String?

    func validate() throws {
        if exampleDir != nil && !example {
            throw ValidationError("--example-dir goes with --example")
        }
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
