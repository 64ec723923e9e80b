import BundleManifest
import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import Verification
import WorkerRuntime

/// What `verify` is told besides the input's path.
public struct VerifyOptions: Sendable {
    /// The deployment, as every command takes it. Its settings (when given) are read for STATS_FILE,
    /// BUNDLE_DIR_NAME, IGNORE, STATIC_URL, …; without settings upstream's defaults apply (STATIC_URL
    /// `/static/`, BUNDLE_DIR_NAME `bundles/`, STATS_FILE found in the input). `--env-root` and
    /// `--static-root` are folders of the input, as paths in the image.
    public var deployment: DeploymentArguments
    /// `--extract-to DIR`: also write the archive's safe entries there.
    public var extractTo: String?
    /// `--smoke`: run each sound bundle in node's worker harness (ping, startExamAttempt, endExamAttempt).
    public var smoke: Bool
    /// node for `--smoke`; nil looks at PA_TEST_NODE, NODE, then PATH in the environment.
    public var nodePath: String?
    /// `--smoke-expect`, `--smoke-allow`.
    public var smokeRun: SmokeRunOptions
    public var archiveLimits: ArchiveLimits

    public init(
        deployment: DeploymentArguments, extractTo: String? = nil, smoke: Bool = false, nodePath: String? = nil,
        smokeRun: SmokeRunOptions = SmokeRunOptions(), archiveLimits: ArchiveLimits = ArchiveLimits()
    ) {
        self.deployment = deployment
        self.extractTo = extractTo
        self.smoke = smoke
        self.nodePath = nodePath
        self.smokeRun = smokeRun
        self.archiveLimits = archiveLimits
    }

    public var environment: [String: String] { deployment.environment }
    public var workingDirectory: String? { deployment.workingDirectory }
}

/// The `verify` command: opens a static root, an image root or an archive of either, runs every verify
/// rule, optionally smoke-runs each bundle in node, and reports the files with their sizes and hashes,
/// the layout and each worker's URL.
public struct VerifyRun: Sendable {
    public init() {}

    public func run(path: String, options: VerifyOptions) async -> CommandReport {
        let collector = DiagnosticCollector()
        let deployment: VerifyDeploymentValues
        do {
            deployment = try VerifyDeploymentValues.load(options, diagnostics: collector)
        } catch {
            collector.absorb(error)
            return CommandReport(command: "verify", diagnostics: collector.diagnostics)
        }
        let input: VerificationInput
        do {
            input = try VerificationInput.open(
                path: path,
                options: VerificationInputOptions(
                    layout: deployment.layoutOptions, archiveLimits: options.archiveLimits, extractTo: options.extractTo,
                    workingDirectory: options.workingDirectory),
                diagnostics: collector)
        } catch {
            collector.absorb(error)
            return CommandReport(command: "verify", diagnostics: collector.diagnostics)
        }
        let outcome = DeploymentVerifier(input: input, options: deployment.ruleOptions).run(diagnostics: collector)
        var smokeRuns: [String: WorkerRunReport] = [:]
        if options.smoke {
            smokeRuns = await SmokeRunner(input: input, options: options).run(outcome.bundles, diagnostics: collector)
        }
        let summary = VerifySummary(path: path, outcome: outcome, smokeRuns: smokeRuns, smokeRequested: options.smoke)
        let errors = collector.diagnostics.filter { $0.severity == .error }.count
        let verdict = errors == 0
            ? "Verdict: \(path) passes verification."
            : "Verdict: \(path) FAILS verification: \(errors) error\(errors == 1 ? "" : "s") (listed on standard error)."
        return CommandReport(
            command: "verify", diagnostics: collector.diagnostics, result: summary.json, summaryLines: summary.lines + [verdict])
    }
}

/// The settings values `verify` uses, from the settings module or upstream's defaults and the flags.
struct VerifyDeploymentValues {
    var layoutOptions: DeploymentLayoutOptions
    var ruleOptions: VerifyRuleOptions

    static func load(_ options: VerifyOptions, diagnostics: DiagnosticCollector) throws(DiagnosticError)
        -> VerifyDeploymentValues
    {
        let flags = options.deployment.overrides
        var layout = DeploymentLayoutOptions(staticRootOverride: flags.staticRoot, envRootOverride: flags.envRoot)
        var rules = VerifyRuleOptions(
            nodeModulesRoot: flags.nodeModulesRoot,
            nodeModulesRootLocation: flags.nodeModulesRoot == nil ? nil : .flag("--node-modules-root"),
            lmsRootURL: flags.lmsRootURL)
        guard options.deployment.settings != nil else { return VerifyDeploymentValues(layoutOptions: layout, ruleOptions: rules) }
        // The root flags locate folders of the input; only NODE_MODULES_ROOT and LMS_ROOT_URL override settings.
        var arguments = options.deployment
        arguments.overrides = SettingsOverrides(nodeModulesRoot: flags.nodeModulesRoot, lmsRootURL: flags.lmsRootURL)
        let (inputs, _) = try arguments.resolve()
        let request = inputs.settings
        let settings = try SettingsLoader().load(request, diagnostics: diagnostics)
        // Paths inside the image: no working directory applies.
        let deployment = Deployment(settings: settings, workingDirectory: "/")
        if let statsFile = deployment.workersLoader.statsFile, statsFile.provenance.kind != .upstreamDefault {
            layout.statsFileSetting = statsFile.value
            layout.statsFileSettingLocation = statsFile.provenance.location
        }
        layout.bundleDirectoryName = deployment.workersLoader.bundleDirectoryName.value
        if let patterns = deployment.workersLoader.ignorePatterns { rules.ignorePatterns = patterns }
        if let root = deployment.nodeModulesRoot {
            rules.nodeModulesRoot = root.value
            rules.nodeModulesRootLocation = root.provenance.location
        }
        rules.staticURL = deployment.staticURL?.value
        if let lmsRootURL = deployment.lmsRootURL { rules.lmsRootURL = lmsRootURL.value }
        if let debug = deployment.debug { rules.debug = debug }
        return VerifyDeploymentValues(layoutOptions: layout, ruleOptions: rules)
    }
}
