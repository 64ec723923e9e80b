import Bundler
import Diagnostics

/// JS_ENV_EXTRA_CONFIG as the webpack process sees it: set, valid JSON, values that are JS code.
enum JSEnvExtraConfigRules {
    static let variable = "JS_ENV_EXTRA_CONFIG"

    static func check(_ context: DoctorContext) -> [Diagnostic] {
        guard context.severityForWorkerFinding(.doctorJSEnvExtraConfigNotSet) != nil else { return [] }
        var findings: [Diagnostic] = []
        var checkedValues: Set<SourceLocation> = []
        var notSetNotes = NotSetNotes(context)
        for run in context.upstreamWebpackRuns {
            guard let binding = run.environment[variable] else {
                findings.append(notSet(run, context, notes: &notSetNotes))
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

    /// What the notes of PA403 need from the whole build, gathered once for all webpack runs: where the variable
    /// is declared, which stages run scripts doctor was not given, where it is commented out.
    struct NotSetNotes {
        var declarations: [(stageID: String, stageName: String, place: SourceLocation, isArgument: Bool)] = []
        var declaring: MarkedAncestors
        var runningScripts: MarkedAncestors
        var commenting: MarkedAncestors
        var commentedOut: [String: [SourceLocation]] = [:]

        init(_ context: DoctorContext) {
            let graph = context.graph
            for stage in graph.stages {
                for step in stage.steps {
                    guard case .environment(let name, _, let isArgument) = step.kind, name == variable else { continue }
                    let place = SourceLocation.file(stage.file, line: step.start.line, column: step.start.column)
                    declarations.append((stage.id, stage.displayName, place, isArgument))
                }
            }
            declaring = MarkedAncestors(graph: graph, marked: Set(declarations.map(\.stageID)))
            runningScripts = MarkedAncestors(graph: graph, marked: Set(context.timeline.unexaminedScripts.map(\.stageID)))
            let comments = graph.comments.mapValues { $0.filter { $0.text.contains(variable) } }.filter { !$0.value.isEmpty }
            for stage in graph.stages {
                for comment in comments[stage.file] ?? [] where comment.start.line >= stage.start.line && comment.start.line <= stage.endLine {
                    commentedOut[stage.id, default: []].append(.file(stage.file, line: comment.start.line, column: comment.start.column))
                }
            }
            commenting = MarkedAncestors(graph: graph, marked: Set(commentedOut.keys))
        }
    }

    private static func notSet(_ run: WebpackInvocation, _ context: DoctorContext, notes found: inout NotSetNotes) -> Diagnostic {
        var notes: [String] = []
        let declaringAncestors = Set(found.declaring.of(run.stageID))
        for declaration in found.declarations {
            if !declaringAncestors.contains(declaration.stageID) {
                notes.append("set at \(declaration.place) in \(declaration.stageName), which \(run.stageName) is not built FROM")
            } else if declaration.isArgument {
                notes.append("declared as ARG at \(declaration.place) in \(declaration.stageName); build arguments end with their stage: use ENV")
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
        notes += context.unexaminedScriptNotes(in: Set(found.runningScripts.of(run.stageID)))
        for stageID in found.commenting.of(run.stageID) {
            for place in found.commentedOut[stageID] ?? [] { notes.append("commented out at \(place)") }
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
