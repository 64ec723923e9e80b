import ArgumentParser
import DeploymentSettings
import Diagnostics
import Foundation
import ProctoringAssets

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a static root, an image root or a .tar.gz of either: files, consistency, defines, syntax.",
        discussion: """
            PATH is a static root (the folder holding webpack-worker-stats.json and bundles/), an image root (the \
            folder holding ENV_ROOT, e.g. a root with openedx/workers.json and openedx/staticfiles/), or a \
            .tar.gz/.tgz/.tar of either, read as a stream (nothing is written to disk unless --extract-to is given).

            Checks, each a diagnostic with a code: workers.json present and in upstream's shape (a static root \
            does not hold it: that is a note), entries inside NODE_MODULES_ROOT and pointing at installed packages; \
            the stats file where STATS_FILE says, `status` done, in the format of the django-webpack-loader found in \
            the image; every worker with a chunk, every chunk file present and non-empty, parsing as a classic \
            script, with no `process.env.JS_ENV_EXTRA_CONFIG` left and substituted values of the right kind (a \
            quoted URL where the code reads a URL); source maps and recorded SRI hashes. The result lists the files \
            with sizes and SHA-384 hashes, the layout, and the URL each worker is served at (JS 1.0 and JS 2.0), \
            with the image's settings or upstream's defaults (STATIC_URL /static/, BUNDLE_DIR_NAME bundles/).

            --smoke also runs each bundle as a browser worker and exchanges the proctoring messages \
            (startExamAttempt and ping with a short `timeout` of 1000 ms, then endExamAttempt), every worker in its own \
            node process under node's permission model (no files, processes, threads, addons or signals). The run is \
            hermetic: every network request of the worker fails at once, as offline, and it passes when each prompt \
            gets its typed reply, success or failure (failure replies are notes with the worker's error text). \
            --smoke-expect success requires success replies; --smoke-allow 127.0.0.1:PORT lets the worker reach a \
            desktop application or stand-in on this machine.

            Exit status: 0 ok, 1 findings of severity error, 2 the input cannot be read (corrupt or truncated \
            archive, missing path), 3 internal error.

            Example: proctoring-assets verify image.tar.gz --smoke --format json
            """
    )

    @Argument(help: ArgumentHelp("A static root or image root folder, or a .tar.gz/.tgz/.tar of one.", valueName: "path"))
    var path: String

    @Flag(help: "Also run each bundle in node's sandboxed worker harness and exchange startExamAttempt, ping and endExamAttempt.")
    var smoke = false

    @OptionGroup var smokeRun: SmokeRunOptionGroup

    @Option(help: ArgumentHelp("With an archive: also write its safe entries into this new or empty folder.", valueName: "dir"))
    var extractTo: String?

    /// The same deployment flags as every command; here ENV_ROOT, STATIC_ROOT and NODE_MODULES_ROOT are
    /// paths inside the image (or relative to the input's root).
    @OptionGroup var deployment: DeploymentOptions

    @Option(name: .customLong("node"), help: ArgumentHelp("The node executable for --smoke. Default: PA_TEST_NODE, NODE, then node on PATH.", valueName: "file"))
    var nodePath: String?

    @OptionGroup var output: OutputOptions

    /// Checked first in `run()`, after ArgumentParser has reported unknown options.
    func validateCombination() throws {
        try deployment.validateCombination()
        try output.validateCombination()
        if path.isEmpty { throw ValidationError("give the static root, image root or archive to verify") }
        if nodePath != nil && !smoke { throw ValidationError("--node goes with --smoke") }
        if !smokeRun.isDefault && !smoke { throw ValidationError("--smoke-expect and --smoke-allow go with --smoke") }
        var isFolder: ObjCBool = false
        if extractTo != nil, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("--extract-to extracts an archive, and \(path) is a folder: leave out --extract-to")
        }
        if let lmsRootURL = deployment.lmsRootURL, !lmsRootURL.contains("://") {
            throw ValidationError("--lms-root-url needs a scheme, e.g. https://lms.example.com")
        }
    }

    func run() async throws {
        try validateCombination()
        let options = VerifyOptions(
            deployment: deployment.arguments(), extractTo: extractTo, smoke: smoke, nodePath: nodePath, smokeRun: smokeRun.options)
        let report = await VerifyRun().run(path: path, options: options)
        throw ExitCode(output.emit(report))
    }
}
