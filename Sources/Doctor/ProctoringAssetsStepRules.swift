import Diagnostics

/// The steps that run `proctoring-assets` in the build (the Tutor plugin's lines, the README's snippets):
/// the command is installed before it runs, nothing later rewrites what `build` wrote, `verify` checks it,
/// and the JS_ENV_EXTRA_CONFIG `build` reads is valid.
enum ProctoringAssetsStepRules {
    static func check(_ context: DoctorContext) -> [Diagnostic] {
        rewrittenAfterBuild(context) + notInstalled(context) + notVerified(context) + buildConfigValues(context)
    }

    static let placementFix =
        "run `proctoring-assets build` and `proctoring-assets verify` after the last webpack and collectstatic of the image (on Tutor the proctoring-assets plugin puts them there), so the image ships what verify checked"

    /// webpack or collectstatic after `build` in the same stage chain. A warning in the stage that ran the
    /// build; a note in a stage built FROM it (another image, which rebuilds its own assets).
    static func rewrittenAfterBuild(_ context: DoctorContext) -> [Diagnostic] {
        context.timeline.rewritesAfterBuild.map { rewrite in
            let what: String
            switch rewrite.kind {
            case .webpack(jsEnvExtraConfigSet: true):
                what = "its worker config reads the workers.json the build wrote and bundles the worker again, over the bundle and webpack-worker-stats.json the build wrote and checked"
            case .webpack(jsEnvExtraConfigSet: false):
                what = "its worker config reads the workers.json the build wrote and, with JS_ENV_EXTRA_CONFIG unset here, throws and is silently skipped: the worker now depends on nothing later writing the static root"
            case .collectstatic:
                what = "collectstatic copies the bundles webpack left in common/static/bundles over the ones the build wrote into STATIC_ROOT/bundles"
            }
            let sameStage = rewrite.stageID == rewrite.buildStageID
            var notes: [String] = []
            if !sameStage {
                notes.append("\(rewrite.stageName) is built FROM the stage that ran the build: its image ships what this step writes, not what verify checked there")
            }
            return Diagnostic(
                .doctorAssetsBuildRewritten,
                "`\(rewrite.commandText)` runs after `proctoring-assets build` (\(rewrite.build)): \(what)",
                at: rewrite.location,
                fix: sameStage
                    ? placementFix
                    : "when \(rewrite.stageName)'s image is shipped, run `proctoring-assets build` and `verify` in it too, after this step; a development image that serves webpack's own assets (Tutor's `development`) needs nothing",
                notes: notes, severity: sameStage ? .warning : .note)
        }
    }

    /// A run of the tool with no step before it that installs the command (in its stage, the stages it is
    /// built FROM, or a stage it copies files from).
    static func notInstalled(_ context: DoctorContext) -> [Diagnostic] {
        var reportedStages: Set<String> = []
        var findings: [Diagnostic] = []
        for run in context.timeline.assetsToolRuns where run.installedBefore.isEmpty {
            guard let stage = context.graph.stage(run.stageID), stage.kind != .shellScript else { continue }
            let chain = Set(context.graph.ancestry(of: run.stageID).map(\.id))
            let feeding = context.graph.stagesFeeding(run.stageID)
            let copiedIn = context.timeline.assetsToolInstallations.contains { feeding.contains($0.stageID) && !chain.contains($0.stageID) }
            guard !copiedIn, reportedStages.insert(run.stageID).inserted else { continue }
            findings.append(
                Diagnostic(
                    .doctorAssetsToolNotInstalled,
                    "`\(run.command.description)` runs, but no step before it installs the proctoring-assets command: the step fails with `command not found` unless the base image has it",
                    at: run.location,
                    fix: "install the wheel before it: `COPY proctoring_assets-….whl /tmp/` and `RUN pip install /tmp/proctoring_assets-….whl` (README, \"Into an Open edX image\")"))
        }
        return findings
    }

    /// A `build` that no later `verify` in its stage chain checks.
    static func notVerified(_ context: DoctorContext) -> [Diagnostic] {
        let verified = Set(context.timeline.assetsToolRuns.filter { $0.command.verb == .verify }.flatMap(\.buildsBefore))
        return context.timeline.assetsToolRuns.filter { $0.command.verb == .build && !verified.contains($0.location) }.map { run in
            Diagnostic(
                .doctorAssetsBuildNotVerified,
                "no `proctoring-assets verify` runs after `proctoring-assets build` in \(run.stageName), so nothing checks the static root the image ships",
                at: run.location,
                fix: "add `RUN proctoring-assets verify / --env-root <ENV_ROOT> --static-root <STATIC_ROOT>` after the build, as the last step that touches static files")
        }
    }

    /// The JS_ENV_EXTRA_CONFIG each `build` reads, checked as the build will (values webpack runs also see
    /// are checked once, by `JSEnvExtraConfigRules`).
    static func buildConfigValues(_ context: DoctorContext) -> [Diagnostic] {
        guard context.severityForWorkerFinding(.doctorJSEnvExtraConfigNotSet) != nil else { return [] }
        var checked = Set(context.upstreamWebpackRuns.compactMap { $0.environment[JSEnvExtraConfigRules.variable]?.location })
        var findings: [Diagnostic] = []
        for run in context.timeline.assetsToolRuns where run.command.verb == .build {
            guard let binding = run.environment[JSEnvExtraConfigRules.variable], checked.insert(binding.location).inserted else { continue }
            findings += JSEnvExtraConfigRules.checkValue(binding, context)
        }
        return findings
    }
}

extension DoctorContext {
    /// The webpack runs that build the worker the upstream way: neither replaced by a later
    /// `proctoring-assets build` of their stage chain nor run after one (`ProctoringAssetsStepRules` speaks
    /// about those).
    var upstreamWebpackRuns: [WebpackInvocation] {
        let afterBuild = Set(timeline.rewritesAfterBuild.map(\.location))
        return timeline.webpackRuns.filter { !timeline.webpackRunsReplacedByBuild.contains($0.location) && !afterBuild.contains($0.location) }
    }

    /// The webpack runs whose worker stats file the image keeps: all but those a later build replaces.
    var webpackRunsWritingStats: [WebpackInvocation] {
        timeline.webpackRuns.filter { !timeline.webpackRunsReplacedByBuild.contains($0.location) }
    }

    /// The `proctoring-assets build` runs that need the providers' npm packages (all but `--js-from-python`).
    var npmWorkerBuilds: [ProctoringAssetsRun] {
        timeline.assetsToolRuns.filter { $0.command.verb == .build && !$0.command.takesWorkersFromPython }
    }
}
