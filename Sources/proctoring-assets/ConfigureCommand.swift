import ArgumentParser
import DeploymentSettings
import Diagnostics
import Foundation
import ProctoringAssets

struct ConfigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "configure",
        abstract: "At deploy time: put JS_ENV_EXTRA_CONFIG into the bundles of `build --deploy-time-config`, all files or none.",
        discussion: """
            Build the image once with `build --deploy-time-config`; at container start, run `configure STATIC_ROOT` \
            with this environment's JS_ENV_EXTRA_CONFIG (from the environment, as `build` reads it, or --config FILE). \
            It finds the worker bundles through the stats file, checks the config exactly as `build` does (the same \
            codes: PA181/PA184/PA188 for the whole variable, PA183 for a key the provider reads and the config lacks, \
            PA182/PA187 for a value that is not an expression or reads a name a worker lacks; every value counts, \
            since all are in the bundle's config object), then rewrites the config object at the start of each \
            bundle and everything depending on its bytes: the copy where webpack wrote it, the source map, the hashed \
            copy and staticfiles.json entry (hashed static storage), the stats file's integrity. The files are \
            committed together or not at all; a file whose bytes would not change is not written, so running it \
            twice with the same config writes nothing.

            Example (entrypoint): proctoring-assets configure /openedx/staticfiles && exec "$@"
            """
    )

    @Argument(help: ArgumentHelp("The STATIC_ROOT the image was built with (holding webpack-worker-stats.json and bundles/).", valueName: "static-root"))
    var staticRoot: String

    @Option(help: ArgumentHelp("Read the JS_ENV_EXTRA_CONFIG JSON from this file instead of the environment.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("stats-file"), help: ArgumentHelp("WEBPACK_LOADER['WORKERS']['STATS_FILE'] when it is not STATIC_ROOT/webpack-worker-stats.json.", valueName: "file"))
    var statsFile: String?

    @Option(name: .customLong("bundle-dir-name"), help: ArgumentHelp("BUNDLE_DIR_NAME: where the bundles are below STATIC_ROOT. Default: bundles/.", valueName: "dir"))
    var bundleDirectoryName = EdxPlatformConventions.bundleDirectoryName

    @Flag(name: .customLong("dry-run"), help: "Check the config and every file, but write nothing.")
    var dryRun = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.validateCombination()
        if staticRoot.isEmpty { throw ValidationError("give the STATIC_ROOT the image was built with") }
        let environment = ProcessInfo.processInfo.environment
        let source: ConfigureRun.ConfigSource = config.map { .file($0) } ?? .environment(BuildEnvironment(environment: environment))
        let request = ConfigureRun.Request(
            staticRoot: staticRoot, config: source, statsFile: statsFile, bundleDirectoryName: bundleDirectoryName, dryRun: dryRun,
            workingDirectory: FileManager.default.currentDirectoryPath)
        throw ExitCode(output.emit(ConfigureRun().run(request)))
    }
}
