import Diagnostics
import FileSystemSupport

/// The settings mistakes that make worker bundles go missing (field notes 5 and 6): a settings module
/// that never reaches lms.envs.common, and an ENV_ROOT that is not edx-platform's parent.
public enum ProctoringSettingsChecks {
    public static func check(_ settings: ResolvedSettings) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let location = settings.filesRead.first.map { SourceLocation.file($0) } ?? .flag("--settings")
        let searched = settings.filesRead.isEmpty ? [] : ["searched " + settings.filesRead.joined(separator: " -> ")]
        if settings["ENV_ROOT"] == nil {
            findings.append(
                Diagnostic(
                    .envRootNotSet, "ENV_ROOT is not set by the settings", at: location,
                    fix: "import the settings from lms.envs.common (for example `from lms.envs.production import *`), set ENV_ROOT, or pass --env-root",
                    notes: searched))
        }
        if settings["NODE_MODULES_ROOT"] == nil {
            findings.append(
                Diagnostic(
                    .nodeModulesRootNotSet, "NODE_MODULES_ROOT is not set by the settings", at: location,
                    fix: "import the settings from lms.envs.common, set NODE_MODULES_ROOT = REPO_ROOT / 'node_modules', or pass --node-modules-root",
                    notes: searched))
        }
        if let envRoot = settings["ENV_ROOT"], let repoRoot = settings["REPO_ROOT"],
            let envPath = envRoot.value.stringValue, let repoPath = repoRoot.value.stringValue
        {
            let expected = PathComponents.normalize(PathComponents.dirname(PathComponents.normalize(repoPath)))
            if PathComponents.normalize(envPath) != expected {
                findings.append(
                    Diagnostic(
                        .envRootNotParentOfRepository,
                        "ENV_ROOT is \(envPath) but the edx-platform checkout (REPO_ROOT) is \(repoPath); workers.json is written to $ENV_ROOT and read from \(expected)",
                        at: envRoot.provenance.location,
                        fix: "set ENV_ROOT to \(expected) (or pass --env-root \(expected))",
                        notes: ["REPO_ROOT set at \(repoRoot.provenance.location.description)"]))
            }
        }
        return findings
    }
}
