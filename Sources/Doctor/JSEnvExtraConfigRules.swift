import Bundler
import Diagnostics

/// JS_ENV_EXTRA_CONFIG as the webpack process sees it: set, valid JSON, values that are JS code.
enum JSEnvExtraConfigRules {
    static let variable = "JS_ENV_EXTRA_CONFIG"

    static func check(_ context: DoctorContext) -> [Diagnostic] {
        guard context.severityForWorkerFinding(.doctorJSEnvExtraConfigNotSet) != nil else { return [] }
        var findings: [Diagnostic] = []
        var checkedValues: Set<SourceLocation> = []
        for run in context.upstreamWebpackRuns {
            guard let binding = run.environment[variable] else {
                findings.append(notSet(run, context))
                continue
            }
            if checkedValues.insert(binding.location).inserted {
                findings += checkValue(binding, context)
            }
        }
        if context.graph.stages.isEmpty {
            // No build files: the current environment is the one webpack will run in.
            if let value = context.environment[variable] {
                findings += checkValue(EnvironmentBinding(value: value, location: .environment(variable), origin: .process), context)
            } else if let severity = context.severityForWorkerFinding(.doctorJSEnvExtraConfigNotSet), context.workerExpectation == .expected {
                findings.append(
                    Diagnostic(.doctorJSEnvExtraConfigNotSet, "JS_ENV_EXTRA_CONFIG is not set in this environment",
                               at: .environment(variable), fix: fixNotSet, severity: severity))
            }
        }
        return findings
    }

    private static let fixNotSet =
        #"set it where webpack runs, e.g. `ENV JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL": "\"https://…\"", "PROCTORTRACK_CONFIG_KEY": "\"…\""}'` (use `{}` when the provider needs no values)"#

    private static func notSet(_ run: WebpackInvocation, _ context: DoctorContext) -> Diagnostic {
        var notes: [String] = []
        let ancestry = Set(context.graph.ancestry(of: run.stageID).map(\.id))
        for stage in context.graph.stages {
            for step in stage.steps {
                guard case .environment(let name, _, let isArgument) = step.kind, name == variable else { continue }
                let place = SourceLocation.file(stage.file, line: step.start.line, column: step.start.column)
                if !ancestry.contains(stage.id) {
                    notes.append("set at \(place) in \(stage.displayName), which \(run.stageName) is not built FROM")
                } else if isArgument {
                    notes.append("declared as ARG at \(place) in \(stage.displayName); build arguments end with their stage: use ENV")
                }
            }
        }
        if let stage = context.graph.stage(run.stageID), let point = stage.globalArgumentPoints[variable] {
            let place = SourceLocation.file(stage.file, line: point.line, column: point.column)
            notes.append("declared as ARG at \(place) before the first FROM; a stage sees it only after its own `ARG \(variable)` (then copy it into ENV)")
        }
        if context.environment[variable] != nil, context.graph.stage(run.stageID)?.inheritsProcessEnvironment == false {
            notes.append("JS_ENV_EXTRA_CONFIG is set in this shell, but image builds do not see the caller's environment: pass it with --build-arg to an ARG and copy it into ENV")
        }
        if let place = run.unexported[variable] {
            notes.append("assigned at \(place) without `export`, so webpack does not see it")
        }
        notes += context.unexaminedScriptNotes(in: Set(context.graph.ancestry(of: run.stageID).map(\.id)))
        for stage in context.graph.ancestry(of: run.stageID) {
            for comment in context.graph.comments[stage.file] ?? []
            where comment.text.contains(variable) && comment.start.line >= stage.start.line && comment.start.line <= stage.endLine {
                notes.append("commented out at \(SourceLocation.file(stage.file, line: comment.start.line, column: comment.start.column))")
            }
        }
        return Diagnostic(
            .doctorJSEnvExtraConfigNotSet,
            "JS_ENV_EXTRA_CONFIG is not set for `\(run.commandText)`: the worker config's JSON.parse throws and no worker is built",
            at: run.location, fix: fixNotSet, notes: notes,
            severity: context.severityForWorkerFinding(.doctorJSEnvExtraConfigNotSet))
    }

    static func checkValue(_ binding: EnvironmentBinding, _ context: DoctorContext) -> [Diagnostic] {
        guard let text = binding.value else {
            return [
                Diagnostic(
                    .doctorJSEnvExtraConfigUndecidable,
                    "the value of JS_ENV_EXTRA_CONFIG comes from \(binding.origin == .buildArgument ? "a build argument without a default" : "a variable expansion") and cannot be checked here",
                    at: binding.location, fix: "check the value passed at build time, or run `proctoring-assets verify` on the image")
            ]
        }
        // The bundler's define model, parsed as the build parses it: one code for one mistake everywhere.
        switch DefineSet.parse(jsEnvExtraConfig: text, location: binding.location) {
        case .failure(let error):
            return error.diagnostics
        case .success(let defines):
            // Doctor cannot tell which keys the provider reads: each problem has its code's default severity
            // (providers read every key they are given).
            return DefineValidation.valueProblems(of: defines)
        }
    }
}
