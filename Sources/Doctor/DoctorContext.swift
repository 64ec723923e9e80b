import DeploymentSettings
import Diagnostics

/// Everything the rules read, with the facts several rules share computed once.
struct DoctorContext: Sendable {
    let graph: BuildGraph
    let timeline: BuildTimeline
    let facts: ProjectFacts
    let settings: DoctorSettingsInput?
    let tutorConfiguration: ProctoringConfiguration?
    let environment: [String: String]
    /// Providers the build files name when no settings configure PROCTORING_BACKENDS.
    var providerEvidence: [ProviderEvidence] = []
    /// npm module per backend name read from --site-packages (nil value: no worker), when given.
    var installedBackends: [String: String?]?

    /// Whether the configuration asks for a worker bundle.
    enum WorkerExpectation: Sendable, Hashable {
        /// At least one configured backend ships a worker (or may: its module is unknown).
        case expected
        /// Every configured backend is known to have no worker.
        case none
        /// No configuration was given, so it is not known which backends are used.
        case unknown
    }

    /// The configured backends that ship a worker, with their npm package.
    var workerBackends: [(backend: ConfiguredBackend, package: String)] {
        guard let configuration = proctoringConfiguration else { return [] }
        return configuration.backends.compactMap { backend in
            if case .npmModule(let package) = lookup(backend.name) { return (backend, package) }
            return nil
        }
    }

    var unknownBackends: [ConfiguredBackend] {
        guard let configuration = proctoringConfiguration else { return [] }
        return configuration.backends.filter { lookup($0.name) == .unknown }
    }

    var workerExpectation: WorkerExpectation {
        guard proctoringConfiguration != nil else { return .unknown }
        return workerBackends.isEmpty && unknownBackends.isEmpty ? .none : .expected
    }

    /// The site-packages answer when given, else the table of public providers.
    func lookup(_ backendName: String) -> ProctoringBackendPackages.Lookup {
        if let modules = settings?.backendNpmModules ?? installedBackends {
            guard let entry = modules[backendName] else { return .unknown }
            return entry.map { .npmModule($0) } ?? .noWorker
        }
        return ProctoringBackendPackages.npmModule(forBackendNamed: backendName)
    }

    /// PROCTORING_BACKENDS from Tutor's config.yml when it sets it, else from the build-time settings,
    /// else the providers the build installs (`ProviderEvidence`).
    var proctoringConfiguration: ProctoringConfiguration? {
        if let tutorConfiguration { return tutorConfiguration }
        if settings?.buildTime["PROCTORING_BACKENDS"] == nil, let evidenced = evidencedConfiguration { return evidenced }
        guard let settings else { return nil }
        guard let setting = settings.buildTime["PROCTORING_BACKENDS"] else {
            // A module that could not be read may set it: not known.
            if !settings.buildTime.unresolvedStarImports.isEmpty { return nil }
            // edx_proctoring's own default (settings/common.py): only the `null` backend.
            return ProctoringConfiguration(
                backends: [ConfiguredBackend(name: "null", location: settingsLocation)], defaultName: "null",
                defaultLocation: settingsLocation, location: settingsLocation)
        }
        guard case .dict(let entries) = setting.value else { return nil }
        let location = setting.provenance.location
        var configuration = ProctoringConfiguration(location: location)
        for entry in entries {
            guard let name = entry.key.stringValue else { continue }
            if name == "DEFAULT" {
                configuration.defaultName = entry.value.stringValue
                configuration.defaultLocation = location
            } else if !configuration.backends.contains(where: { $0.name == name }) {
                configuration.backends.append(ConfiguredBackend(name: name, location: location))
            }
        }
        return configuration
    }

    /// The backends of the providers the build installs, each where the build names it.
    var evidencedConfiguration: ProctoringConfiguration? {
        guard let first = providerEvidence.first else { return nil }
        var configuration = ProctoringConfiguration(location: first.location)
        for evidence in providerEvidence where !configuration.backends.contains(where: { $0.name == evidence.backendName }) {
            configuration.backends.append(
                ConfiguredBackend(name: evidence.backendName, location: evidence.location, evidence: evidence.description))
        }
        configuration.defaultName = configuration.backends.first?.name
        return configuration
    }

    /// Where a finding about a name missing from the settings points: the first settings file.
    var settingsLocation: SourceLocation? {
        guard let settings else { return nil }
        if let file = settings.settingsFiles.first ?? settings.buildTime.filesRead.first { return .file(file) }
        return nil
    }

    /// "searched: a -> b -> c", the import chain the settings loader followed.
    var importChainNote: String? {
        guard let settings, !settings.buildTime.filesRead.isEmpty else { return nil }
        let name = settings.buildTime.settingsName.map { "\($0): " } ?? ""
        return "import chain searched: \(name)" + settings.buildTime.filesRead.joined(separator: " -> ")
    }

    /// Severity of findings that only matter when a worker is expected: error when one is, the
    /// code's own when the configuration is unknown.
    func severityForWorkerFinding(_ code: DiagnosticCode) -> Severity? {
        switch workerExpectation {
        case .expected: return code.severity
        case .unknown: return code.severity == .error ? .warning : code.severity
        case .none: return nil
        }
    }

    /// "`./install.sh` at X runs a script doctor was not given" for the scripts run in `stages` (all when nil).
    func unexaminedScriptNotes(in stages: Set<String>?) -> [String] {
        timeline.unexaminedScripts.filter { stages?.contains($0.stageID) ?? true }.map {
            "`\($0.command)` at \($0.location) runs a script doctor was not given; pass it to have it checked"
        }
    }

    /// Stages whose webpack runs matter; all stages when nothing runs webpack.
    var stagesFeedingWebpack: Set<String>? {
        let runs = timeline.webpackRuns
        guard !runs.isEmpty else { return nil }
        return graph.stagesFeeding(anyOf: runs.map(\.stageID), includingThemselves: true)
    }
}

extension PythonValue {
    /// A string or path; nil for anything else.
    var textValue: String? { stringValue }
}
