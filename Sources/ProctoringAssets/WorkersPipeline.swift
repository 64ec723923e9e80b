import DeploymentSettings
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// The `workers` command: settings -> backends -> workers.json, as edx_proctoring's start-up does,
/// but stopping with a diagnostic wherever upstream warns or silently writes nothing.
public struct WorkersPipeline: Sendable {
    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// What the stages found, whether or not workers.json could be planned.
    public struct Outcome: Sendable {
        public var settings: ResolvedSettings?
        public var backends: [DiscoveredBackend]
        public var plan: WorkerConfigPlan?
        public var summaryLines: [String]
    }

    public func run(_ inputs: DeploymentInputs, options: WorkerConfigOptions, dryRun: Bool, example: ExampleDeployment? = nil)
        -> CommandReport
    {
        let collector = DiagnosticCollector()
        var outcome = plan(inputs, options: options, example: example, diagnostics: collector)
        var written = false
        if let plan = outcome.plan, !collector.hasErrors {
            if !plan.writesFile {
                outcome.summaryLines.append("Nothing to write: no configured backend has a worker (--allow-empty).")
            } else if dryRun {
                outcome.summaryLines.append("Would write \(plan.absoluteOutputPath) (\(plan.pythonJSONBytes.count) bytes, mode 0664) — dry run, nothing written.")
            } else {
                do {
                    try WorkerConfigWriter().write(plan)
                    written = true
                    outcome.summaryLines.append("Wrote \(plan.absoluteOutputPath) (\(plan.pythonJSONBytes.count) bytes, mode 0664).")
                } catch {
                    collector.absorb(error)
                }
            }
        }
        let result: JSONValue = .object([
            JSONMember("exampleRoot", example.map { .string($0.root) } ?? .null),
            JSONMember("settingsFilesRead", .array((outcome.settings?.filesRead ?? []).map(JSONValue.string))),
            JSONMember("backends", .array(outcome.backends.map(Self.json))),
            JSONMember("workersJSON", outcome.plan.map { Self.json($0, written: written) } ?? .null),
        ])
        return CommandReport(
            command: "workers", diagnostics: collector.diagnostics, result: result, summaryLines: outcome.summaryLines)
    }

    /// Reads the settings, discovers the backends and plans workers.json; findings go to `diagnostics`.
    public func plan(
        _ inputs: DeploymentInputs, options: WorkerConfigOptions, example: ExampleDeployment?,
        diagnostics collector: DiagnosticCollector
    ) -> Outcome {
        var outcome = Outcome(settings: nil, backends: [], plan: nil, summaryLines: [])
        if let example { outcome.summaryLines.append("Example deployment copied to \(example.root)") }
        let settings: ResolvedSettings
        var request = inputs.settings
        request.reportsUnsetRoots = false  // the planner reports them as errors (PA046/PA047)
        do {
            settings = try SettingsLoader(fileSystem: fileSystem).load(request, diagnostics: collector)
        } catch {
            collector.absorb(error)
            return outcome
        }
        outcome.settings = settings
        outcome.summaryLines.append(contentsOf: SettingsSummary.lines(settings, names: ["ENV_ROOT", "NODE_MODULES_ROOT", "PROCTORING_BACKENDS"]))

        let backends: [DiscoveredBackend]
        var options = options
        do {
            (backends, options.searchedSitePackages) = try discoverBackends(inputs, diagnostics: collector)
        } catch {
            collector.absorb(error)
            return outcome
        }
        outcome.backends = backends
        outcome.summaryLines.append(contentsOf: BackendSummary.lines(backends))

        do {
            outcome.plan = try WorkerConfigPlanner(fileSystem: fileSystem).plan(
                settings: settings, backends: backends, options: options, diagnostics: collector)
        } catch {
            collector.absorb(error)
        }
        if let plan = outcome.plan {
            for entry in plan.config.entries {
                outcome.summaryLines.append("Worker \(entry.name): " + entry.requests.joined(separator: ", "))
            }
        }
        return outcome
    }

    /// The backends, and the site-packages they were read from with how those were chosen.
    private func discoverBackends(_ inputs: DeploymentInputs, diagnostics collector: DiagnosticCollector)
        throws(DiagnosticError) -> ([DiscoveredBackend], (folders: [String], origin: String)?)
    {
        let origin = inputs.sitePackages == nil ? "the site-packages of python3 on PATH (no --site-packages given)" : "--site-packages"
        let sitePackages = inputs.sitePackages ?? PythonSitePackagesLocator(environment: inputs.settings.environment).locate()
        guard let sitePackages, !sitePackages.isEmpty else {
            collector.emit(Diagnostic(
                .knownBackendTableUsed,
                "no site-packages given and no python3 on PATH: using the built-in table of public proctoring providers",
                fix: "pass --site-packages DIR (the LMS virtualenv's site-packages) to read the installed backends"))
            return (KnownProctoringBackends.backends(overrides: inputs.backendOverrides), nil)
        }
        let backends = try BackendDiscovery(fileSystem: fileSystem).discover(
            sitePackages: sitePackages, overrides: inputs.backendOverrides, diagnostics: collector)
        return (backends, (sitePackages, origin))
    }

    static func json(_ backend: DiscoveredBackend) -> JSONValue {
        .object([
            JSONMember("name", .string(backend.name)),
            JSONMember("distribution", backend.distribution.map { .string($0.name) } ?? .null),
            JSONMember("version", backend.distribution?.version.map(JSONValue.string) ?? .null),
            JSONMember("object", backend.objectReference.map(JSONValue.string) ?? .null),
            JSONMember("npmModule", backend.npmModule.map(JSONValue.string) ?? .null),
            JSONMember("npmModuleOrigin", backend.npmModuleLocation.map { .string($0.description) } ?? .null),
            JSONMember("entryPoint", backend.location.map { .string($0.description) } ?? .null),
        ])
    }

    static func json(_ plan: WorkerConfigPlan, written: Bool) -> JSONValue {
        .object([
            JSONMember("path", .string(plan.absoluteOutputPath)),
            JSONMember("written", .bool(written)),
            JSONMember("bytes", .integer(plan.pythonJSONBytes.count)),
            JSONMember("entries", plan.config.jsonValue),
        ])
    }
}
