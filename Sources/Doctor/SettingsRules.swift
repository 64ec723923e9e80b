import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// Rules over the resolved settings (and Tutor's config.yml).
enum SettingsRules {
    static func proctoringBackends(_ context: DoctorContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if context.tutorConfiguration == nil, let setting = context.settings?.buildTime["PROCTORING_BACKENDS"] {
            switch setting.value {
            case .dict: break
            case .unknown(let unknown):
                findings.append(undecidable("PROCTORING_BACKENDS", unknown.reason, setting.provenance.location))
                return findings
            default:
                findings.append(
                    Diagnostic(.doctorProctoringBackendsInvalid, "PROCTORING_BACKENDS is not a dictionary",
                               at: setting.provenance.location,
                               fix: "write PROCTORING_BACKENDS = {'DEFAULT': '<name>', '<name>': {...}}"))
                return findings
            }
        }
        guard let configuration = context.proctoringConfiguration else { return findings }
        if let name = configuration.defaultName, !configuration.backends.contains(where: { $0.name == name }) {
            let configured = configuration.backends.map(\.name).joined(separator: ", ")
            findings.append(
                Diagnostic(
                    .doctorDefaultBackendNotConfigured,
                    "PROCTORING_BACKENDS['DEFAULT'] is '\(name)', which is not configured (configured: \(configured.isEmpty ? "none" : configured))",
                    at: configuration.defaultLocation ?? configuration.location,
                    fix: "add an entry '\(name)': {...} or set DEFAULT to a configured backend"))
        }
        for backend in context.unknownBackends {
            findings.append(
                Diagnostic(
                    .doctorBackendNpmModuleUnknown,
                    "backend `\(backend.name)` is not a provider doctor knows; its npm package was not checked",
                    at: backend.location ?? configuration.location,
                    fix: "pass --site-packages so the backend's npm_module can be read"))
        }
        if context.workerExpectation == .none, !context.timeline.webpackRuns.isEmpty || context.settings?.buildTime["PROCTORING_BACKENDS"] == nil {
            findings.append(
                Diagnostic(
                    .doctorNoWorkerBackendConfigured,
                    "no configured proctoring backend (\(configuration.backends.map(\.name).joined(separator: ", "))) has a worker, so no worker bundle is built",
                    at: configuration.location, fix: "configure the JavaScript provider's backend in PROCTORING_BACKENDS if one is used"))
        }
        return findings
    }

    static func rootsReachable(_ context: DoctorContext) -> [Diagnostic] {
        guard let settings = context.settings else { return [] }
        var findings: [Diagnostic] = []
        let notes = context.importChainNote.map { [$0] } ?? []
        let module = settings.buildTime.settingsName ?? "the build-time settings"
        let unresolved = settings.buildTime.unresolvedStarImports
        if let platformModule = unresolved.first(where: isPlatformSettingsModule) {
            // edx-platform's common settings define both roots; that module is just not on this machine.
            for name in ["ENV_ROOT", "NODE_MODULES_ROOT"] where settings.buildTime[name] == nil {
                findings.append(undecidable(
                    name, "it is expected from `\(platformModule)` (edx-platform's settings), which is not on this machine",
                    context.settingsLocation ?? SourceLocation()))
            }
            return findings
        }
        let unresolvedNote = unresolved.isEmpty ? [] : [
            "`from \(unresolved.joined(separator: "`, `from ")) import *` could not be read here; unless it imports lms.envs.common, the setting stays undefined"
        ]
        if settings.buildTime["ENV_ROOT"] == nil {
            findings.append(
                Diagnostic(
                    .doctorEnvRootMissing, "ENV_ROOT is not defined by \(module); edx_proctoring cannot write workers.json",
                    at: context.settingsLocation, fix: "add `from lms.envs.common import *` (or set ENV_ROOT to edx-platform's parent folder)",
                    notes: notes + unresolvedNote))
        }
        if settings.buildTime["NODE_MODULES_ROOT"] == nil, context.workerExpectation != .none {
            findings.append(
                Diagnostic(
                    .doctorNodeModulesRootMissing,
                    "NODE_MODULES_ROOT is not defined by \(module); make_worker_config silently writes no workers.json",
                    at: context.settingsLocation, fix: "add `from lms.envs.common import *` (or set NODE_MODULES_ROOT = REPO_ROOT / 'node_modules')",
                    notes: notes + unresolvedNote, severity: context.severityForWorkerFinding(.doctorNodeModulesRootMissing)))
        }
        for name in ["ENV_ROOT", "NODE_MODULES_ROOT"] {
            if let setting = settings.buildTime[name], case .unknown(let unknown) = setting.value {
                findings.append(undecidable(name, unknown.reason, setting.provenance.location))
            }
        }
        return findings
    }

    /// `lms.envs.common`, `lms.envs.production`, `cms.envs.…`, or a relative `..common`/`.production`:
    /// edx-platform's own settings modules, which define ENV_ROOT and NODE_MODULES_ROOT.
    static func isPlatformSettingsModule(_ module: String) -> Bool {
        let name = module.drop(while: { $0 == "." })
        if module.hasPrefix(".") { return name == "common" || name == "production" }
        return name.hasPrefix("lms.envs.") || name.hasPrefix("cms.envs.") || name.hasPrefix("openedx.envs.")
    }

    static func envRootIsPlatformParent(_ context: DoctorContext) -> [Diagnostic] {
        guard let setting = context.settings?.buildTime["ENV_ROOT"], let envRoot = setting.value.textValue else { return [] }
        let platform: (path: String, source: String)
        if let repoRoot = context.settings?.buildTime["REPO_ROOT"]?.value.textValue {
            platform = (repoRoot, "REPO_ROOT")
        } else if let run = context.timeline.webpackRuns.first(where: { $0.workdir != nil }), let workdir = run.workdir {
            platform = (workdir, "the folder webpack runs in (\(run.location))")
        } else {
            return []
        }
        let parent = PathComponents.dirname(PathComponents.normalize(platform.path))
        guard PathComponents.normalize(envRoot) != parent else { return [] }
        return [
            Diagnostic(
                .doctorEnvRootNotPlatformParent,
                "ENV_ROOT is \(envRoot) but edx-platform is \(PathComponents.normalize(platform.path)): workers.json is written to \(PathComponents.join(envRoot, "workers.json")) while webpack reads \(PathComponents.join(parent, "workers.json"))",
                at: setting.provenance.location, fix: "set ENV_ROOT to \(parent)",
                notes: ["edx-platform location taken from \(platform.source)"])
        ]
    }

    static func lmsRootURLScheme(_ context: DoctorContext) -> [Diagnostic] {
        guard let setting = context.settings?.runtimeOrBuildTime["LMS_ROOT_URL"], let url = setting.value.textValue,
            !url.isEmpty, url.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.-]*:\/\//) == nil
        else { return [] }
        return [
            Diagnostic(
                .doctorLMSRootURLWithoutScheme,
                "LMS_ROOT_URL '\(url)' has no scheme, so the JS 2.0 worker URL is resolved against the MFE's origin",
                at: setting.provenance.location, fix: "write it as https://\(url)")
        ]
    }

    static func undecidable(_ name: String, _ reason: String, _ location: SourceLocation) -> Diagnostic {
        Diagnostic(.doctorSettingUndecidable, "\(name) cannot be evaluated statically: \(reason)", at: location,
                   fix: "check it with `proctoring-assets settings`, or pass it as a flag")
    }
}
