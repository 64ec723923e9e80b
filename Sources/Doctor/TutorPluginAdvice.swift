import Diagnostics

/// On a Dockerfile Tutor rendered, the fix for a missing worker is not an edit of that file (Tutor renders it
/// again) but the proctoring-assets Tutor plugin, or one of its config keys when it is already enabled.
enum TutorPluginAdvice {
    static let enablePlugin = "pip install proctoring_assets-….whl && tutor plugins enable proctoring-assets"

    static func annotate(_ findings: inout [Diagnostic], _ context: DoctorContext) {
        guard isTutorRender(context.graph) else { return }
        let pluginEnabled = context.timeline.assetsToolRuns.contains { $0.command.verb == .build }
        for index in findings.indices {
            let finding = findings[index]
            if let fix = fix(for: finding.code, package: finding.subject, pluginEnabled: pluginEnabled) {
                findings[index].fix = fix
            }
        }
    }

    static func fix(for code: DiagnosticCode, package: String?, pluginEnabled: Bool) -> String? {
        let setPackages = "tutor config save --set 'PROCTORING_ASSETS_NPM_PACKAGES=[\"\(package ?? "<npm package>")\"]'"
        if pluginEnabled {
            guard code == .doctorBackendPackageNotInstalled else { return nil }
            return "add the package to the plugin's PROCTORING_ASSETS_NPM_PACKAGES: `\(setPackages)`, then `tutor images build openedx`"
        }
        let prefix = "Tutor renders this Dockerfile, so an edit does not last: the proctoring-assets plugin builds the worker after collectstatic and verifies it: `\(enablePlugin)`"
        switch code {
        case .doctorBackendPackageNotInstalled:
            return "\(prefix), `\(setPackages)`, then `tutor images build openedx`"
        case .doctorJSEnvExtraConfigNotSet:
            return "\(prefix), `tutor config save --set 'PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG={\"<KEY>\": \"\\\"<value>\\\"\"}'` (and PROCTORING_ASSETS_NPM_PACKAGES), then `tutor images build openedx`"
        case .doctorWebpackBeforeWorkersConfig:
            return "\(prefix), then `tutor images build openedx`"
        default:
            return nil
        }
    }

    /// Tutor's openedx Dockerfile collects the static files with its own asset settings
    /// (`collectstatic --settings=tutor.assets`, `openedx-assets collect --settings=tutor.assets` before
    /// Tutor 18).
    static func isTutorRender(_ graph: BuildGraph) -> Bool {
        graph.stages.contains { stage in
            stage.kind == .dockerfile && stage.steps.contains { step in
                guard case .run(let script) = step.kind else { return false }
                return script.commands.contains { command in
                    let words = command.words.map(\.value)
                    return words.contains("--settings=tutor.assets")
                        || zip(words, words.dropFirst()).contains { $0 == "--settings" && $1 == "tutor.assets" }
                }
            }
        }
    }
}
