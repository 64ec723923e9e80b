import DeploymentSettings
import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// Reads build files (Earthfile, Dockerfile, shell scripts, Tutor config.yml, package.json/lock,
/// pip requirements), the resolved settings and the environment, and reports every known way the
/// worker bundle goes missing or breaks.
///
/// The settings come in as `DoctorSettingsInput` (--settings), or, without it, the settings file given
/// that the build copies to the module it starts Django with is evaluated at that place
/// (`BuildSettingsLocator`). JS_ENV_EXTRA_CONFIG values are checked with the bundler's define model,
/// as the build checks them. One stand-in is meant to be swapped when its real version lands:
/// `ProctoringBackendPackages.npmModule(forBackendNamed:)` (`KnownProctoringBackends`).
public struct Doctor: Sendable {
    public let fileSystem: any FileSystem
    /// Relative paths of `files` are read against this folder; findings keep the paths as given.
    public let workingDirectory: String

    public init(fileSystem: any FileSystem, workingDirectory: String = "/") {
        self.fileSystem = fileSystem
        self.workingDirectory = workingDirectory
    }

    /// Emits the findings, sorted by file, line, column and code, and returns the settings checked.
    ///
    /// Without `settings`, the settings module the build starts Django with is evaluated from the
    /// settings file given in `files` that the build copies to that module's place. `installedBackends`
    /// (npm module per backend name, from --site-packages) decides which backends have a worker.
    @discardableResult
    public func examine(
        files: [String], settings: DoctorSettingsInput?, environment: [String: String], diagnostics: DiagnosticCollector,
        installedBackends: [String: String?]? = nil
    ) -> DoctorSettingsInput? {
        var inputs = DoctorInputs()
        var findings: [Diagnostic] = []
        for path in files {
            load(path, into: &inputs, findings: &findings)
        }
        inputs.removeScriptsRunByBuildSteps()
        let timeline = BuildTimeline(graph: inputs.graph, processEnvironment: environment, scripts: inputs.scripts)
        var effectiveSettings = settings
        var settingsNoteGiven = false
        var usedByBuild: Set<String> = []
        var howTheBuildUsesSettings: String?
        if settings == nil {
            let located = BuildSettingsLocator(
                graph: inputs.graph, timeline: timeline, settingsFiles: inputs.settingsFiles,
                workingDirectory: workingDirectory, fileSystem: fileSystem)
            usedByBuild = Set(located.filesUsedByBuild)
            if let evaluated = located.evaluate(findings: &findings) {
                effectiveSettings = DoctorSettingsInput(
                    buildTime: evaluated.settings, settingsFiles: [evaluated.givenPath], backendNpmModules: installedBackends)
                howTheBuildUsesSettings = evaluated.howTheBuildUsesIt
            } else if let note = located.notGivenNote() {
                findings.append(note)
                settingsNoteGiven = true
            }
        }
        findings += unevaluatedSettingsFiles(inputs.settingsFiles.filter { !usedByBuild.contains($0) }, settings: effectiveSettings)
        var context = DoctorContext(
            graph: inputs.graph, timeline: timeline,
            facts: inputs.facts, settings: effectiveSettings, tutorConfiguration: inputs.tutorConfiguration,
            environment: environment)
        context.installedBackends = installedBackends
        context.providerEvidence = ProviderEvidence.fromPipInstalls(in: inputs.graph) + inputs.providerEvidence
            + ProviderEvidence.fromSitePackages(installedBackends)
        var ruleFindings = DoctorRules.all.flatMap { $0(context) }
        ProviderEvidenceNotes.annotate(&ruleFindings, context)
        TutorPluginAdvice.annotate(&ruleFindings, context)
        if let howTheBuildUsesSettings {
            for index in ruleFindings.indices where ruleFindings[index].severity == .error {
                ruleFindings[index].notes.append(howTheBuildUsesSettings)
            }
        }
        findings += ruleFindings
        if !settingsNoteGiven, let note = ProviderUnknownRule.check(context) { findings.append(note) }
        findings.sort(by: Self.order)
        diagnostics.emit(contentsOf: findings)
        return effectiveSettings
    }

    /// Settings files given that no evaluation read (neither --settings nor the build's own module).
    private func unevaluatedSettingsFiles(_ paths: [String], settings: DoctorSettingsInput?) -> [Diagnostic] {
        let evaluated = (settings?.settingsFiles ?? []) + (settings?.buildTime.filesRead ?? []) + (settings?.runtime?.filesRead ?? [])
        let normalized = Set(evaluated.map { PathComponents.absolute($0, relativeTo: workingDirectory) })
        return paths.filter { !normalized.contains(PathComponents.absolute($0, relativeTo: workingDirectory)) }.map { path in
            Diagnostic(
                .doctorSettingsFileNotEvaluated,
                "\(path) looks like a settings module but is not among the evaluated settings; its values were not checked",
                at: .file(path),
                fix: settings == nil
                    ? "pass it as the settings module (--settings \(path)), or pass the build file that copies it to the module Django starts with"
                    : "pass it as the settings module (--settings \(path))")
        }
    }

    private struct DoctorInputs {
        var graph = BuildGraph()
        var facts = ProjectFacts()
        var tutorConfiguration: ProctoringConfiguration?
        var scripts: [String: DoctorScript] = [:]
        /// Python settings files given, in order.
        var settingsFiles: [String] = []
        var providerEvidence: [ProviderEvidence] = []

        /// A script that a Dockerfile or Earthfile step runs is examined inside that step (with the
        /// step's environment), not as a script run on its own in the current environment.
        mutating func removeScriptsRunByBuildSteps() {
            var invoked: Set<String> = []
            for stage in graph.stages where stage.kind != .shellScript {
                for step in stage.steps {
                    guard case .run(let script) = step.kind else { continue }
                    for command in script.commands {
                        let words = BuildCommandClassifier.effectiveWords(command).words
                        if let target = BuildTimeline.invokedScript(words, scripts: scripts) { invoked.insert(target.path) }
                    }
                }
            }
            graph.stages.removeAll { $0.kind == .shellScript && invoked.contains($0.file) }
        }
    }

    private func load(_ path: String, into inputs: inout DoctorInputs, findings: inout [Diagnostic]) {
        let absolute = PathComponents.absolute(path, relativeTo: workingDirectory)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(absolute)
        } catch {
            findings.append(
                Diagnostic(.doctorInputUnreadable, "cannot read \(path): \(error.reason)", at: .file(path),
                           fix: "pass an existing, readable file"))
            return
        }
        if bytes.contains(0) || (try? fileSystem.readUTF8File(absolute)) == nil {
            findings.append(
                Diagnostic(.doctorInputBinary, "\(path) is a binary file, not a build script or configuration file",
                           at: .file(path), fix: "pass the text file that runs the build (Dockerfile, Earthfile, shell script)"))
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let kind = DoctorInputKind.detect(path: path, text: text) else {
            findings.append(
                Diagnostic(.doctorInputKindUnknown, "cannot tell what kind of file \(path) is", at: .file(path),
                           fix: "name it Dockerfile, Earthfile, *.sh, config.yml, package.json or requirements*.txt, or start a shell script with `#!/bin/sh`"))
            return
        }
        switch kind {
        case .dockerfile:
            let document = Dockerfile.parse(text)
            let stages = BuildGraphBuilder.stages(ofDockerfile: document, file: path)
            inputs.graph.stages += stages
            inputs.graph.comments[path] = document.comments
            findings += malformed(document.problems + runProblems(stages), path: path)
        case .earthfile:
            let document = Earthfile.parse(text)
            let stages = BuildGraphBuilder.stages(ofEarthfile: document, file: path)
            inputs.graph.stages += stages
            inputs.graph.comments[path] = document.comments
            findings += malformed(document.problems + runProblems(stages), path: path)
        case .shellScript:
            let script = ShellScript.parse(text)
            inputs.graph.stages.append(BuildGraphBuilder.stage(ofShellScript: script, file: path))
            inputs.scripts[PathComponents.basename(path)] = DoctorScript(path: path, script: script)
            inputs.graph.comments[path] = script.comments
            findings += malformed(script.problems, path: path)
        case .tutorConfig:
            inputs.providerEvidence += ProviderEvidence.fromTutorConfiguration(text, path: path)
            do {
                if let configuration = try TutorConfigurationReader.read(text, path: path) {
                    inputs.tutorConfiguration = configuration
                }
            } catch {
                if case .invalidYAML(let message, let line, let column) = error {
                    findings.append(
                        Diagnostic(.doctorInputMalformed, "\(path) is not valid YAML: \(message)",
                                   at: .file(path, line: line, column: column), fix: "fix the YAML syntax"))
                }
            }
        case .packageManifest, .packageLock:
            do {
                if kind == .packageManifest {
                    try inputs.facts.readManifest(text, path: path)
                } else {
                    try inputs.facts.readLock(text, path: path)
                }
            } catch {
                findings.append(
                    Diagnostic(.doctorInputMalformed, "\(path) is not valid JSON: \(error.message)",
                               at: .file(path, line: error.line, column: error.column), fix: "fix the JSON syntax"))
            }
        case .pipRequirements:
            inputs.facts.readRequirements(text, path: path)
            inputs.providerEvidence += ProviderEvidence.fromRequirements(text, path: path)
        case .pythonSettings:
            // Evaluated at the place the build copies it to (`BuildSettingsLocator`), or through --settings.
            inputs.settingsFiles.append(path)
        }
    }

    private func runProblems(_ stages: [BuildStage]) -> [ShellSyntaxProblem] {
        var problems: [ShellSyntaxProblem] = []
        var seen: Set<TextPosition> = []
        for stage in stages {
            for step in stage.steps {
                guard case .run(let script) = step.kind else { continue }
                for problem in script.problems where seen.insert(problem.start).inserted {
                    problems.append(problem)
                }
            }
        }
        return problems
    }

    private func malformed(_ problems: [ShellSyntaxProblem], path: String) -> [Diagnostic] {
        problems.map {
            Diagnostic(.doctorInputMalformed, $0.message, at: .file(path, line: $0.start.line, column: $0.start.column),
                       fix: "fix the syntax; findings after this point may be incomplete")
        }
    }

    static func order(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let left = lhs.location
        let right = rhs.location
        let leftKey = (left?.file == nil ? 1 : 0, left?.file ?? left?.source ?? "", left?.line ?? 0, left?.column ?? 0)
        let rightKey = (right?.file == nil ? 1 : 0, right?.file ?? right?.source ?? "", right?.line ?? 0, right?.column ?? 0)
        if leftKey != rightKey { return leftKey < rightKey }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}
