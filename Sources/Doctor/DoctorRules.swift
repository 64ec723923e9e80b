import Diagnostics
import Encodings

/// The doctor's rules, each a function from what was read to findings.
enum DoctorRules {
    typealias Rule = @Sendable (DoctorContext) -> [Diagnostic]

    static let all: [Rule] = [
        BuildOrderRules.webpackBeforeWorkersConfig,
        BuildOrderRules.collectstaticBeforeWebpack,
        ErrorHidingRules.check,
        JSEnvExtraConfigRules.check,
        PackageInstallRule.check,
        ProctoringAssetsStepRules.check,
        SettingsRules.proctoringBackends,
        SettingsRules.rootsReachable,
        SettingsRules.envRootIsPlatformParent,
        SettingsRules.lmsRootURLScheme,
        StatsFileRules.staticRootMatchesStatsFile,
        StatsFileRules.statsFormatMatchesLoader,
        StageReferenceRule.check,
    ]
}

enum BuildOrderRules {
    static func webpackBeforeWorkersConfig(_ context: DoctorContext) -> [Diagnostic] {
        guard let severity = context.severityForWorkerFinding(.doctorWebpackBeforeWorkersConfig) else { return [] }
        let runs = context.upstreamWebpackRuns.filter(\.workersProducedBefore.isEmpty)
        guard !runs.isEmpty else { return [] }
        let allProducers = producers(in: context.graph)
        return runs.map { run in
            var notes = [
                "nothing in \(run.stageName) or the stages it is built FROM starts Django (manage.py, django-admin, paver) or runs `proctoring-assets workers` before `\(run.commandText)`"
            ]
            let ancestry = Set(context.graph.ancestry(of: run.stageID).map(\.id))
            notes += context.unexaminedScriptNotes(in: ancestry)
            for producer in allProducers {
                if ancestry.contains(producer.stage.id) {
                    guard producer.location.file == run.location.file, isAfter(producer.location, run.location) else { continue }
                    notes.append("`\(producer.text)` at \(producer.location) starts Django only after webpack")
                } else {
                    notes.append(
                        "`\(producer.text)` at \(producer.location) runs in \(producer.stage.displayName), which \(run.stageName) is not built FROM")
                }
            }
            return Diagnostic(
                .doctorWebpackBeforeWorkersConfig,
                "webpack runs before workers.json exists, so the worker config is silently skipped",
                at: run.location,
                fix: "run `./manage.py lms collectstatic --noinput` (any Django command with the proctoring settings) or `proctoring-assets workers` before this step in the same stage",
                notes: notes, severity: severity)
        }
    }

    /// Whether `location` comes after `reference` in the same file (line, then column).
    static func isAfter(_ location: SourceLocation, _ reference: SourceLocation) -> Bool {
        ((location.line ?? 0), (location.column ?? 0)) > ((reference.line ?? 0), (reference.column ?? 0))
    }

    /// Commands that write workers.json as a side effect, wherever they run.
    static func producers(in graph: BuildGraph) -> [(stage: BuildStage, text: String, location: SourceLocation)] {
        var found: [(BuildStage, String, SourceLocation)] = []
        var seen: Set<SourceLocation> = []
        for stage in graph.stages {
            for step in stage.steps {
                guard case .run(let script) = step.kind else { continue }
                for command in script.commands {
                    guard BuildCommandClassifier.classify(command).writesWorkersJSON else { continue }
                    let location = SourceLocation.file(stage.file, line: command.start.line, column: command.start.column)
                    if seen.insert(location).inserted {
                        found.append((stage, command.words.map(\.raw).joined(separator: " "), location))
                    }
                }
            }
        }
        return found
    }

    /// PA416: a collectstatic ran before webpack (in its stage or the stages it is built FROM) and none runs
    /// after it: neither later in its stage nor in a stage that takes its files (FROM, COPY, BUILD).
    /// Linear in the stages and runs: what comes after a run is looked up, never walked once per run.
    static func collectstaticBeforeWebpack(_ context: DoctorContext) -> [Diagnostic] {
        let timeline = context.timeline
        guard context.upstreamWebpackRuns.contains(where: { !$0.collectstaticBefore.isEmpty }) else { return [] }
        // The stages whose own steps run collectstatic: a stage's list starts with what its FROM stage ran.
        var collecting: [String] = []
        for stage in context.graph.stages {
            let runs = timeline.collectstaticRuns[stage.id]?.count ?? 0
            let inherited = stage.parent.flatMap { timeline.collectstaticRuns[$0]?.count } ?? 0
            if runs > inherited { collecting.append(stage.id) }
        }
        // Stages whose files reach a collecting stage other than themselves.
        let collectedLater = context.graph.stagesFeeding(anyOf: collecting, includingThemselves: false)
        var findings: [Diagnostic] = []
        for run in context.upstreamWebpackRuns {
            guard let first = run.collectstaticBefore.first, !collectedLater.contains(run.stageID) else { continue }
            // The stage's list at its end continues the list the run saw: what follows ran after webpack.
            let own = timeline.collectstaticRuns[run.stageID] ?? []
            guard !own.dropFirst(run.collectstaticBefore.count).contains(where: { isAfter($0, run.location) }) else { continue }
            findings.append(
                Diagnostic(
                    .doctorCollectstaticBeforeWebpack,
                    "collectstatic runs before webpack (\(run.location)) and not after it, so the worker bundle never reaches STATIC_ROOT",
                    at: first, fix: "run collectstatic again after webpack"))
        }
        return findings
    }
}

enum ErrorHidingRules {
    static func check(_ context: DoctorContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for run in context.timeline.webpackRuns {
            if let redirection = run.stderrDiscardedBy {
                findings.append(
                    Diagnostic(
                        .doctorAssetBuildStderrDiscarded,
                        "`\(redirection)` discards the error output of `\(run.commandText)`", at: run.location,
                        fix: "remove the redirection so webpack's errors show in the build log",
                        notes: ["it cannot hide a missing workers.json or an unset JS_ENV_EXTRA_CONFIG: webpack prints nothing for those"]))
            }
            if let swallowed = run.failureSwallowedBy {
                findings.append(
                    Diagnostic(
                        .doctorAssetBuildFailureSwallowed,
                        "`\(swallowed.text)` lets the build continue when `\(run.commandText)` fails", at: swallowed.location,
                        fix: "remove it so a failed asset build fails the image build"))
            }
        }
        return findings
    }
}

enum StageReferenceRule {
    static func check(_ context: DoctorContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for stage in context.graph.stages where stage.kind == .earthfile {
            var references: [(String, TextPosition)] = []
            if let parent = stage.parent { references.append((parent, stage.start)) }
            for step in stage.steps {
                switch step.kind {
                case .copy(let from?, _): references.append((from, step.start))
                case .build(let target): references.append((target, step.start))
                default: break
                }
            }
            for (id, point) in references where context.graph.stage(id) == nil {
                let name = id.split(separator: "#").last.map(String.init) ?? id
                findings.append(
                    Diagnostic(
                        .doctorUnknownStageReference, "\(stage.displayName) refers to +\(name), which is not defined here",
                        at: .file(stage.file, line: point.line, column: point.column),
                        fix: "define the target or pass the Earthfile that defines it"))
            }
        }
        return findings
    }
}
