import DeploymentSettings
import Diagnostics
import Doctor
import FileSystemSupport
import OrderedJSON
import ProctoringBackends
import Verification

/// The `doctor` command: reads build files (Dockerfile, Earthfile, shell, Tutor config.yml, package.json,
/// requirements) and, when given, the settings and site-packages, and reports every known way the
/// worker bundle goes missing or breaks.
public struct DoctorRun: Sendable {
    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func run(
        files: [String], inputs: DeploymentInputs?, runtimeSettings: String?, environment: [String: String],
        workingDirectory: String
    ) -> CommandReport {
        let collector = DiagnosticCollector()
        var lines: [String] = []
        var settingsInput: DoctorSettingsInput?
        if let inputs, inputs.settings.settings != nil || inputs.settings.overrides != SettingsOverrides() {
            settingsInput = loadSettings(inputs, runtimeSettings: runtimeSettings, diagnostics: collector, lines: &lines)
        }
        let checked = Doctor(fileSystem: fileSystem, workingDirectory: workingDirectory).examine(
            files: files, settings: settingsInput, environment: environment, diagnostics: collector,
            installedBackends: settingsInput == nil ? installedBackends(inputs, diagnostics: collector) : settingsInput?.backendNpmModules)
        if let sitePackages = inputs?.sitePackages {
            collector.emit(contentsOf: distributionWorkerNotes(
                for: collector.diagnostics, sitePackages: sitePackages, workingDirectory: workingDirectory))
        }
        if settingsInput == nil, let checked {
            lines.append("Build-time settings: \(checked.buildTime.settingsName ?? "?") from " + checked.buildTime.filesRead.joined(separator: " -> "))
        }
        let diagnostics = collector.diagnostics
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if diagnostics.isEmpty {
            lines.append("doctor: no known failure mode found in \(files.count) file\(files.count == 1 ? "" : "s").")
        }
        let result: JSONValue = .object([
            JSONMember("files", .array(files.map(JSONValue.string))),
            JSONMember("settingsRead", .array((checked?.settingsFiles ?? []).map(JSONValue.string))),
            JSONMember("errors", .integer(errors)),
            JSONMember("warnings", .integer(warnings)),
        ])
        return CommandReport(command: "doctor", diagnostics: diagnostics, result: result, summaryLines: lines)
    }

    private func loadSettings(
        _ inputs: DeploymentInputs, runtimeSettings: String?, diagnostics collector: DiagnosticCollector,
        lines: inout [String]
    ) -> DoctorSettingsInput? {
        guard let buildTime = load(inputs.settings, diagnostics: collector) else { return nil }
        lines.append("Build-time settings: \(inputs.settings.settings ?? "(flags only)") — " + buildTime.filesRead.joined(separator: " -> "))
        var runtime: ResolvedSettings?
        if let runtimeSettings {
            var request = inputs.settings
            request.settings = runtimeSettings
            runtime = load(request, diagnostics: collector)
            if let runtime { lines.append("Runtime settings: \(runtimeSettings) — " + runtime.filesRead.joined(separator: " -> ")) }
        }
        var npmModules: [String: String?]?
        if let sitePackages = inputs.sitePackages {
            let discovery = DiagnosticCollector()
            if let backends = try? BackendDiscovery(fileSystem: fileSystem).discover(
                sitePackages: sitePackages, overrides: inputs.backendOverrides, diagnostics: discovery)
            {
                npmModules = Dictionary(backends.map { ($0.name, $0.npmModule) }, uniquingKeysWith: { _, last in last })
            }
            collector.emit(contentsOf: discovery.diagnostics)
        } else if !inputs.backendOverrides.isEmpty {
            npmModules = Dictionary(
                KnownProctoringBackends.backends(overrides: inputs.backendOverrides).map { ($0.name, $0.npmModule) },
                uniquingKeysWith: { _, last in last })
        }
        return DoctorSettingsInput(
            buildTime: buildTime, runtime: runtime, settingsFiles: buildTime.filesRead, backendNpmModules: npmModules)
    }

    /// npm module per backend of --site-packages (or the known table with --backend overrides), without --settings.
    private func installedBackends(_ inputs: DeploymentInputs?, diagnostics collector: DiagnosticCollector) -> [String: String?]? {
        guard let inputs else { return nil }
        if let sitePackages = inputs.sitePackages {
            let discovery = DiagnosticCollector()
            let backends = try? BackendDiscovery(fileSystem: fileSystem).discover(
                sitePackages: sitePackages, overrides: inputs.backendOverrides, diagnostics: discovery)
            collector.emit(contentsOf: discovery.diagnostics)
            return backends.map { Dictionary($0.map { ($0.name, $0.npmModule) }, uniquingKeysWith: { _, last in last }) }
        }
        return nil
    }

    /// PA605 for each backend whose npm package is never installed (PA408) while its distribution in
    /// --site-packages ships the worker: `build --js-from-python` would build it.
    private func distributionWorkerNotes(for findings: [Diagnostic], sitePackages: [String], workingDirectory: String) -> [Diagnostic] {
        let missing = findings.filter { $0.code == .doctorBackendPackageNotInstalled }
        guard !missing.isEmpty,
            let backends = try? BackendDiscovery(fileSystem: fileSystem).discover(
                sitePackages: sitePackages, overrides: [], diagnostics: DiagnosticCollector())
        else { return [] }
        let mapper = DistributionModuleMapper(fileSystem: fileSystem, sitePackages: sitePackages, workingDirectory: workingDirectory)
        return backends.compactMap { backend -> Diagnostic? in
            guard let module = backend.npmModule,
                missing.contains(where: { $0.subject == module }),
                case .success(let mapping) = mapper.map(module: module, declaredBy: backend)
            else { return nil }
            return Diagnostic(
                .jsFromPythonWouldBuild,
                "\(mapping.distributionDescription) ships the worker of \(module) (\(mapping.mainPath)): `proctoring-assets build --js-from-python` would build it without npm",
                at: .file(mapping.file), fix: "run `proctoring-assets build --js-from-python` in place of installing the npm package and running webpack",
                notes: ["mapping: \(mapping.reason)"], severity: .note)
        }
    }

    /// The settings loader's own checks of ENV_ROOT/NODE_MODULES_ROOT, which doctor's rules (PA410–PA412)
    /// report with more context.
    static let settingsChecksDoctorRepeats: Set<DiagnosticCode> = [
        .envRootNotSet, .nodeModulesRootNotSet, .envRootNotParentOfRepository,
    ]

    /// Loads settings tolerating imports of modules that are not on this machine (doctor reads a
    /// settings file without the rest of the deployment's tree).
    private func load(_ request: SettingsRequest, diagnostics collector: DiagnosticCollector) -> ResolvedSettings? {
        var request = request
        request.toleratesMissingImports = true
        let local = DiagnosticCollector()
        defer {
            collector.emit(contentsOf: local.diagnostics.filter { !Self.settingsChecksDoctorRepeats.contains($0.code) })
        }
        do {
            return try SettingsLoader(fileSystem: fileSystem).load(request, diagnostics: local)
        } catch {
            local.absorb(error)
            return nil
        }
    }
}
