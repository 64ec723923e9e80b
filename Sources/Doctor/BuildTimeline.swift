import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// A variable the webpack step's process sees, and where it was set.
public struct EnvironmentBinding: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        case environmentInstruction = "ENV"
        case buildArgument = "ARG"
        case shellExport = "export"
        case commandPrefix = "command prefix"
        case process = "environment"
    }

    /// The value, nil when it is not known here (an ARG without default, a `$VAR` expansion).
    public var value: String?
    public var location: SourceLocation
    public var origin: Origin
}

/// One webpack run found in a build, with everything around it the rules need.
struct WebpackInvocation: Sendable {
    var stageID: String
    var stageName: String
    var location: SourceLocation
    var command: ShellCommand
    var commandText: String
    /// The environment of the webpack process.
    var environment: [String: EnvironmentBinding]
    /// Shell variables assigned in the same script but not exported (so webpack does not see them).
    var unexported: [String: SourceLocation]
    var workdir: String?
    var workersProducedBefore: [String]
    var collectstaticBefore: [SourceLocation]
    var stderrDiscardedBy: String?
    var failureSwallowedBy: (text: String, location: SourceLocation)?
}

/// A shell script given to doctor, which build steps may run.
struct DoctorScript: Sendable {
    var path: String
    var script: ShellScript
}

struct NpmInstallEvent: Sendable {
    var stageID: String
    var specs: [String]
    var installsManifest: Bool
    var location: SourceLocation
}

struct PipInstallEvent: Sendable {
    var specs: [String]
    var requirementFiles: [String]
    var location: SourceLocation
}

/// Runs the steps of every stage symbolically (environment, working directory, what each command
/// does) and records the events the rules look at.
struct BuildTimeline {
    let graph: BuildGraph
    let processEnvironment: [String: String]
    /// Shell scripts given to doctor, by file name, for `RUN ./build-assets.sh`.
    let scripts: [String: DoctorScript]
    private(set) var webpackRuns: [WebpackInvocation] = []
    private(set) var npmInstalls: [NpmInstallEvent] = []
    private(set) var pipInstalls: [PipInstallEvent] = []
    /// Scripts that build steps run but that were not given to doctor (what they do is unknown).
    private(set) var unexaminedScripts: [(stageID: String, command: String, location: SourceLocation)] = []
    /// Per stage, the collectstatic runs of its own steps, in order, with the index of the event.
    private(set) var collectstaticRuns: [String: [SourceLocation]] = [:]
    /// Runs of `proctoring-assets` (build, workers, verify, …).
    private(set) var assetsToolRuns: [ProctoringAssetsRun] = []
    /// Steps that install the `proctoring-assets` command, by stage.
    private(set) var assetsToolInstallations: [(stageID: String, location: SourceLocation)] = []
    /// webpack and collectstatic runs after a `proctoring-assets build` in the same stage chain.
    private(set) var rewritesAfterBuild: [AssetsRewriteAfterBuild] = []
    /// webpack runs that a later `proctoring-assets build` in the same stage chain replaces.
    private(set) var webpackRunsReplacedByBuild: Set<SourceLocation> = []

    private struct StageState {
        var environment: [String: EnvironmentBinding] = [:]
        var workdir: String?
        var workersProduced: [String] = []
        var collectstatic: [SourceLocation] = []
        var assetsTool = ProctoringAssetsProgress()
    }

    init(graph: BuildGraph, processEnvironment: [String: String], scripts: [String: DoctorScript] = [:]) {
        self.graph = graph
        self.processEnvironment = processEnvironment
        self.scripts = scripts
        // Each stage's end state is kept, so a stage starts from its parent's end instead of running
        // its whole `FROM` chain again (linear in the chain, and no recursion however long it is).
        // A chain that runs into a cycle depends on where it was entered, so it is not kept.
        var ends: [String: StageState] = [:]
        for listed in graph.stages {
            guard let stage = graph.stage(listed.id) else { continue }
            let walk = graph.unresolvedAncestry(of: stage.id) { $0 != stage.id && ends[$0] != nil }
            var parentEnd = walk.ids.last.flatMap { graph.stage($0)?.parent }.flatMap { ends[$0] }
            for ancestorID in walk.ids.dropFirst().reversed() {
                guard let ancestor = graph.stage(ancestorID) else { continue }
                let end = run(ancestor, from: parentEnd, recordEvents: false)
                if walk.acyclic { ends[ancestorID] = end }
                parentEnd = end
            }
            let end = run(stage, from: parentEnd, recordEvents: true)
            if walk.acyclic { ends[stage.id] = end }
        }
    }

    /// The state at the end of `stage`, starting from `parentEnd` (the end of its `FROM` stage; nil when
    /// that is not a stage here or is cut off by a cycle). Events are recorded only when `recordEvents`
    /// (a stage records its own when its turn comes, not as an ancestor of another).
    private mutating func run(_ stage: BuildStage, from parentEnd: StageState?, recordEvents: Bool) -> StageState {
        let id = stage.id
        var state: StageState
        if stage.parent != nil {
            state = parentEnd ?? StageState()
            // Build arguments end with their stage; ENV survives into children.
            state.environment = state.environment.filter { $0.value.origin != .buildArgument }
        } else {
            state = StageState()
            if stage.inheritsProcessEnvironment {
                for (name, value) in processEnvironment {
                    state.environment[name] = EnvironmentBinding(value: value, location: .environment(name), origin: .process)
                }
            }
        }
        for step in stage.steps {
            let location = SourceLocation.file(stage.file, line: step.start.line, column: step.start.column)
            switch step.kind {
            case .environment(let name, let value, let isArgument):
                var resolved = value.flatMap { Self.expand($0, in: state.environment) }
                if isArgument, value == nil, let global = stage.globalArguments[name], let global {
                    resolved = Self.expand(global, in: state.environment)
                }
                state.environment[name] = EnvironmentBinding(
                    value: resolved, location: location, origin: isArgument ? .buildArgument : .environmentInstruction)
            case .workdir(let path):
                state.workdir = PathComponents.normalize(PathComponents.join(state.workdir ?? "/", path))
            case .copy(_, let sources):
                if sources.contains(where: { PathComponents.basename($0) == EdxPlatformConventions.workersJSONName }) {
                    state.workersProduced.append("COPY of workers.json at \(location)")
                }
                if ProctoringAssetsInstallation.copiesBinary(sources: sources) {
                    noteAssetsToolInstallation(at: location, stage: stage, state: &state, recordEvents: recordEvents)
                }
            case .build:
                break
            case .run(let script):
                runScript(script, stage: stage, state: &state, recordEvents: recordEvents)
            }
        }
        if recordEvents { collectstaticRuns[id] = state.collectstatic }
        return state
    }

    /// The shell-level state of one process: what it exported, what it only assigned, errexit/pipefail.
    private struct ShellSession {
        var exported: [String: EnvironmentBinding]
        var unexported: [String: (String?, SourceLocation)] = [:]
        var workdir: String?
        var errexitDisabledAt: SourceLocation?
        var pipefail = false
    }

    private mutating func runScript(_ script: ShellScript, stage: BuildStage, state: inout StageState, recordEvents: Bool) {
        var session = ShellSession(exported: state.environment, workdir: state.workdir)
        runCommands(script.commands, file: stage.file, stage: stage, session: &session, state: &state, recordEvents: recordEvents, depth: 0)
        if stage.kind == .shellScript {
            // A script is one process: what it exports stays for the rest of it (there is only one RUN).
            state.environment = session.exported
            state.workdir = session.workdir
        }
    }

    /// A child process running another script (`bash -c '…'`, `./build-assets.sh`) sees the parent's
    /// exported variables; what it exports does not come back, what it does to the file system does.
    private mutating func runChild(
        _ script: ShellScript, file: String, environment: [String: EnvironmentBinding], workdir: String?,
        stage: BuildStage, state: inout StageState, recordEvents: Bool, depth: Int
    ) {
        var child = ShellSession(exported: environment, workdir: workdir)
        runCommands(script.commands, file: file, stage: stage, session: &child, state: &state, recordEvents: recordEvents, depth: depth + 1)
    }

    /// The script a command runs when it is one of the scripts given to doctor (`./build.sh`, `bash ci/build.sh`).
    static func invokedScript(_ words: [String], scripts: [String: DoctorScript]) -> DoctorScript? {
        guard let first = words.first else { return nil }
        let shells: Set<String> = ["sh", "bash", "dash", "zsh", "/bin/sh", "/bin/bash"]
        let candidate = shells.contains(first) ? words.dropFirst().first { !$0.hasPrefix("-") } : first
        guard let candidate, candidate.contains("/") || candidate.hasSuffix(".sh") || shells.contains(first) else { return nil }
        return scripts[PathComponents.basename(candidate)]
    }

    /// `./x.sh`, `bash ci/build`, `sh -e build.sh`: the script path a command runs, if it runs one.
    static func scriptInvocation(_ words: [String]) -> String? {
        guard let first = words.first else { return nil }
        let shells: Set<String> = ["sh", "bash", "dash", "zsh", "/bin/sh", "/bin/bash"]
        if shells.contains(first) {
            guard !words.contains("-c") else { return nil }
            return words.dropFirst().first { !$0.hasPrefix("-") }
        }
        let isPython = first.hasSuffix(".py")
        return !isPython && (first.hasSuffix(".sh") || first.hasPrefix("./")) ? first : nil
    }

    private mutating func runCommands(
        _ commands: [ShellCommand], file: String, stage: BuildStage, session: inout ShellSession, state: inout StageState,
        recordEvents: Bool, depth: Int
    ) {
        for (index, command) in commands.enumerated() {
            let location = SourceLocation.file(file, line: command.start.line, column: command.start.column)
            if command.words.isEmpty {
                for assignment in command.assignments {
                    let place = SourceLocation.file(file, line: assignment.start.line, column: assignment.start.column)
                    if session.exported[assignment.name] != nil {
                        session.exported[assignment.name] = EnvironmentBinding(
                            value: Self.expand(assignment.value, in: session.exported), location: place, origin: .shellExport)
                    } else {
                        session.unexported[assignment.name] = (Self.expand(assignment.value, in: session.exported), place)
                    }
                }
                continue
            }
            let (words, prefix) = BuildCommandClassifier.effectiveWords(command)
            guard let name = words.first else { continue }
            switch name {
            case "export":
                for word in command.words.dropFirst() where !word.value.hasPrefix("-") {
                    let place = SourceLocation.file(file, line: word.start.line, column: word.start.column)
                    if let equals = word.value.firstIndex(of: "=") {
                        let variable = String(word.value[..<equals])
                        let rest = String(word.value[word.value.index(after: equals)...])
                        let value = word.hasExpansion ? Self.expand(rest, in: session.exported) : rest
                        session.exported[variable] = EnvironmentBinding(value: value, location: place, origin: .shellExport)
                        session.unexported[variable] = nil
                    } else if let pending = session.unexported.removeValue(forKey: word.value) {
                        session.exported[word.value] = EnvironmentBinding(value: pending.0, location: pending.1, origin: .shellExport)
                    }
                }
                continue
            case "unset":
                for variable in words.dropFirst() {
                    session.exported[variable] = nil
                    session.unexported[variable] = nil
                }
                continue
            case "set":
                for option in words.dropFirst() {
                    if option.hasPrefix("+"), option.contains("e") { session.errexitDisabledAt = location }
                    if option.hasPrefix("-"), option.contains("e"), !option.hasPrefix("-o") { session.errexitDisabledAt = nil }
                }
                if let flag = words.firstIndex(of: "pipefail"), flag > 0 { session.pipefail = !words[flag - 1].hasPrefix("+") }
                if let flag = words.firstIndex(of: "+o"), flag + 1 < words.count, words[flag + 1] == "errexit" {
                    session.errexitDisabledAt = location
                }
                continue
            case "cd":
                if let target = command.words.dropFirst().first, let path = target.literal {
                    session.workdir = PathComponents.normalize(PathComponents.join(session.workdir ?? "/", path))
                }
                continue
            default:
                break
            }
            var environment = session.exported
            for assignment in prefix {
                let place = SourceLocation.file(file, line: assignment.start.line, column: assignment.start.column)
                environment[assignment.name] = EnvironmentBinding(
                    value: Self.expand(assignment.value, in: session.exported), location: place, origin: .commandPrefix)
            }
            if depth < 4 {
                if let inner = Self.inlineShellCode(command) {
                    runChild(inner, file: file, environment: environment, workdir: session.workdir, stage: stage,
                             state: &state, recordEvents: recordEvents, depth: depth)
                    continue
                }
                if let script = Self.invokedScript(words, scripts: scripts) {
                    runChild(script.script, file: script.path, environment: environment, workdir: session.workdir,
                             stage: stage, state: &state, recordEvents: recordEvents, depth: depth)
                    continue
                }
            }
            if ProctoringAssetsInstallation.installs(words: words) {
                noteAssetsToolInstallation(at: location, stage: stage, state: &state, recordEvents: recordEvents)
            }
            switch BuildCommandClassifier.classify(words: words) {
            case .webpack:
                guard !Self.isMicroFrontend(session.workdir) else { continue }
                let configSet = environment[JSEnvExtraConfigRules.variable] != nil
                noteRewriteAfterBuild(.webpack(jsEnvExtraConfigSet: configSet), command: command, at: location, stage: stage, state: state, recordEvents: recordEvents)
                state.assetsTool.webpackRuns.append(location)
                guard recordEvents else { continue }
                var swallowed: (String, SourceLocation)?
                let next = index + 1 < commands.count ? commands[index + 1] : nil
                let nextLocation = next.map { SourceLocation.file(file, line: $0.start.line, column: $0.start.column) }
                if command.connector == .or, let next, let nextLocation, !Self.failsAgain(next) {
                    swallowed = ("|| " + next.words.map(\.raw).joined(separator: " "), nextLocation)
                } else if command.connector == .sequence || command.connector == .newline, let next, let nextLocation,
                    ["true", ":"].contains(next.name ?? "")
                {
                    swallowed = ("; \(next.name ?? "")", nextLocation)
                } else if command.connector == .pipe, !session.pipefail, let next, let nextLocation {
                    swallowed = ("| \(next.name ?? "") (without `set -o pipefail`)", nextLocation)
                } else if let disabled = session.errexitDisabledAt, index + 1 < commands.count {
                    swallowed = ("set +e", disabled)
                }
                webpackRuns.append(
                    WebpackInvocation(
                        stageID: stage.id, stageName: stage.displayName, location: location, command: command,
                        commandText: command.words.map(\.raw).joined(separator: " "), environment: environment,
                        unexported: session.unexported.mapValues(\.1), workdir: session.workdir,
                        workersProducedBefore: state.workersProduced, collectstaticBefore: state.collectstatic,
                        stderrDiscardedBy: Self.stderrDiscard(command.redirections),
                        failureSwallowedBy: swallowed.map { (text: $0.0, location: $0.1) }))
            case .workersProducer(let description, let collectstatic):
                state.workersProduced.append("\(description) at \(location)")
                if collectstatic {
                    state.collectstatic.append(location)
                    noteRewriteAfterBuild(.collectstatic, command: command, at: location, stage: stage, state: state, recordEvents: recordEvents)
                }
            case .proctoringAssets(let tool):
                if tool.writesWorkersJSON { state.workersProduced.append("`\(tool.description)` at \(location)") }
                if recordEvents {
                    assetsToolRuns.append(
                        ProctoringAssetsRun(
                            stageID: stage.id, stageName: stage.displayName, location: location, command: tool,
                            environment: environment, installedBefore: state.assetsTool.installations,
                            buildsBefore: state.assetsTool.builds.map(\.location)))
                }
                if tool.verb == .build {
                    if recordEvents { webpackRunsReplacedByBuild.formUnion(state.assetsTool.webpackRuns) }
                    state.assetsTool.builds.append((stage.id, location))
                }
            case .npmInstall(let specs, let manifest):
                if recordEvents {
                    npmInstalls.append(NpmInstallEvent(stageID: stage.id, specs: specs, installsManifest: manifest, location: location))
                }
            case .pipInstall(let specs, let files):
                if recordEvents { pipInstalls.append(PipInstallEvent(specs: specs, requirementFiles: files, location: location)) }
            case .other:
                if recordEvents, let scriptName = Self.scriptInvocation(words) {
                    unexaminedScripts.append((stage.id, scriptName, location))
                }
            }
        }
    }

    private mutating func noteAssetsToolInstallation(
        at location: SourceLocation, stage: BuildStage, state: inout StageState, recordEvents: Bool
    ) {
        state.assetsTool.installations.append(location)
        if recordEvents { assetsToolInstallations.append((stage.id, location)) }
    }

    /// A webpack or collectstatic run after a `proctoring-assets build` of the same stage chain.
    private mutating func noteRewriteAfterBuild(
        _ kind: AssetsRewriteAfterBuild.Kind, command: ShellCommand, at location: SourceLocation, stage: BuildStage,
        state: StageState, recordEvents: Bool
    ) {
        guard recordEvents, let build = state.assetsTool.builds.last else { return }
        rewritesAfterBuild.append(
            AssetsRewriteAfterBuild(
                kind: kind, stageID: stage.id, stageName: stage.displayName, location: location,
                commandText: command.words.map(\.raw).joined(separator: " "), build: build.location, buildStageID: build.stageID))
    }

    /// The script of `sh -c '…'` / `bash -c "…"` / `su app -c '…'`, parsed with positions inside the quotes.
    static func inlineShellCode(_ command: ShellCommand) -> ShellScript? {
        guard let name = command.name else { return nil }
        let runners: Set<String> = ["sh", "bash", "dash", "zsh", "su", "runuser"]
        guard runners.contains(PathComponents.basename(name)),
            let flag = command.words.firstIndex(where: { $0.value == "-c" || $0.value == "-lc" || $0.value == "-ec" }),
            flag + 1 < command.words.count
        else { return nil }
        let word = command.words[flag + 1]
        var start = word.start
        if word.raw.hasPrefix("'") || word.raw.hasPrefix("\"") { start.column += 1 }
        return ShellScript.parse(PositionedText(word.value, start: start))
    }

    static func expand(_ word: ShellWord, in environment: [String: EnvironmentBinding]) -> String? {
        word.hasExpansion ? expand(word.value, in: environment) : word.value
    }

    /// Substitutes `$NAME` and `${NAME}` with known values (`ARG CDN_CONFIG=…` then
    /// `ENV JS_ENV_EXTRA_CONFIG=$CDN_CONFIG`); nil when any part is unknown or is a command substitution.
    /// The longest value an expansion may produce (UTF-8 bytes); beyond it the value is unknown, so a
    /// chain like `ENV V1=${V0}${V0}`, `ENV V2=${V1}${V1}`, … cannot grow without bound.
    static let expansionLimit = 1 << 20

    static func expand(_ text: String, in environment: [String: EnvironmentBinding]) -> String? {
        guard text.utf8.count <= expansionLimit else { return nil }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            var name: Substring
            if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}") else { return nil }
                name = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                name = rest.prefix { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
                rest = rest[name.endIndex...]
            }
            guard !name.isEmpty, name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }),
                let value = environment[String(name)]?.value
            else { return nil }
            guard result.utf8.count + value.utf8.count <= expansionLimit else { return nil }
            result += value
        }
        guard result.utf8.count + rest.utf8.count <= expansionLimit else { return nil }
        return result + rest
    }

    /// `npm run build` of a micro-frontend (`frontend-app-learning`) is not edx-platform's webpack.
    static func isMicroFrontend(_ workdir: String?) -> Bool {
        guard let workdir else { return false }
        let name = PathComponents.basename(workdir)
        return name.hasPrefix("frontend-") || name.hasSuffix("-mfe")
    }

    /// `|| exit 1`, `|| false`: the failure still fails the step.
    private static func failsAgain(_ command: ShellCommand) -> Bool {
        switch command.name {
        case "false": return true
        case "exit": return command.arguments.first.map { $0 != "0" } ?? false
        default: return false
        }
    }

    /// The redirection text when the command's stderr ends in /dev/null (evaluated left to right like the shell).
    static func stderrDiscard(_ redirections: [ShellRedirection]) -> String? {
        var descriptors: [Int: String] = [1: "stdout", 2: "stderr"]
        var responsible: [String] = []
        for redirection in redirections {
            let text = (redirection.descriptor.map(String.init) ?? "") + redirection.operation + redirection.target
            switch redirection.operation {
            case "&>", "&>>":
                descriptors[1] = redirection.target
                descriptors[2] = redirection.target
                responsible.append(text)
            case ">", ">>", ">|":
                descriptors[redirection.descriptor ?? 1] = redirection.target
                responsible.append(text)
            case ">&":
                let fd = redirection.descriptor ?? 1
                if let source = Int(redirection.target) {
                    descriptors[fd] = descriptors[source]
                } else if redirection.descriptor == nil {
                    descriptors[1] = redirection.target
                    descriptors[2] = redirection.target
                }
                responsible.append(text)
            default:
                break
            }
        }
        guard descriptors[2] == "/dev/null" else { return nil }
        return responsible.joined(separator: " ")
    }
}
