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
    /// The deployment's settings (`--settings`, `--python-path`, `--config-yaml`); nil uses upstream's
    /// defaults (STATIC_URL `/static/`, BUNDLE_DIR_NAME `bundles/`, STATS_FILE found in the input).
    public var settings: SettingsRequest?
    /// `--env-root` / `--static-root`: folders of the input, as paths in the image.
    public var envRoot: String?
    public var staticRoot: String?
    /// `--node-modules-root` / `--lms-root-url`, used when no settings are given (else they override them).
    public var nodeModulesRoot: String?
    public var lmsRootURL: String?
    /// `--extract-to DIR`: also write the archive's safe entries there.
    public var extractTo: String?
    /// `--smoke`: run each sound bundle in node's worker harness (ping, startExamAttempt, endExamAttempt).
    public var smoke: Bool
    /// node for `--smoke`; nil looks at PA_TEST_NODE, NODE, then PATH in `environment`.
    public var nodePath: String?
    public var environment: [String: String]
    public var workingDirectory: String?
    public var archiveLimits: ArchiveLimits

    public init(
        settings: SettingsRequest? = nil, envRoot: String? = nil, staticRoot: String? = nil,
        nodeModulesRoot: String? = nil, lmsRootURL: String? = nil, extractTo: String? = nil, smoke: Bool = false,
        nodePath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String? = nil, archiveLimits: ArchiveLimits = ArchiveLimits()
    ) {
        self.settings = settings
        self.envRoot = envRoot
        self.staticRoot = staticRoot
        self.nodeModulesRoot = nodeModulesRoot
        self.lmsRootURL = lmsRootURL
        self.extractTo = extractTo
        self.smoke = smoke
        self.nodePath = nodePath
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.archiveLimits = archiveLimits
    }
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
        return CommandReport(
            command: "verify", diagnostics: collector.diagnostics, result: summary.json, summaryLines: summary.lines)
    }
}

/// The settings values `verify` uses, from the settings module or upstream's defaults and the flags.
struct VerifyDeploymentValues {
    var layoutOptions: DeploymentLayoutOptions
    var ruleOptions: VerifyRuleOptions

    static func load(_ options: VerifyOptions, diagnostics: DiagnosticCollector) throws(DiagnosticError)
        -> VerifyDeploymentValues
    {
        var layout = DeploymentLayoutOptions(staticRootOverride: options.staticRoot, envRootOverride: options.envRoot)
        var rules = VerifyRuleOptions(
            nodeModulesRoot: options.nodeModulesRoot,
            nodeModulesRootLocation: options.nodeModulesRoot == nil ? nil : .flag("--node-modules-root"),
            lmsRootURL: options.lmsRootURL)
        guard var request = options.settings else { return VerifyDeploymentValues(layoutOptions: layout, ruleOptions: rules) }
        request.overrides = SettingsOverrides(
            envRoot: request.overrides.envRoot, nodeModulesRoot: options.nodeModulesRoot ?? request.overrides.nodeModulesRoot,
            staticRoot: request.overrides.staticRoot, lmsRootURL: options.lmsRootURL ?? request.overrides.lmsRootURL)
        let settings = try SettingsLoader().load(request, diagnostics: diagnostics)
        if let workers = settings["WEBPACK_LOADER"]?.value["WORKERS"] {
            if let statsFile = workers["STATS_FILE"]?.stringValue {
                layout.statsFileSetting = statsFile
                layout.statsFileSettingLocation = settings["WEBPACK_LOADER"]?.provenance.location
            }
            if let bundleDirName = workers["BUNDLE_DIR_NAME"]?.stringValue { layout.bundleDirectoryName = bundleDirName }
            if case .list(let patterns)? = workers["IGNORE"] {
                rules.ignorePatterns = patterns.compactMap(\.stringValue)
            }
        }
        if let root = settings["NODE_MODULES_ROOT"], let text = root.value.stringValue {
            rules.nodeModulesRoot = text
            rules.nodeModulesRootLocation = root.provenance.location
        }
        if let staticURL = settings["STATIC_URL"] {
            rules.staticURL = staticURL.value.stringValue
        }
        if let lmsRootURL = settings["LMS_ROOT_URL"]?.value.stringValue { rules.lmsRootURL = lmsRootURL }
        if case .bool(let debug)? = settings["DEBUG"]?.value { rules.debug = debug }
        return VerifyDeploymentValues(layoutOptions: layout, ruleOptions: rules)
    }
}
