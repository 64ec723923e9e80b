import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// Finds the settings module the build starts Django with (before webpack first) and the given file
/// the build copies to its place; evaluates it, or says which file to pass.
struct BuildSettingsLocator {
    let graph: BuildGraph
    let starts: [DjangoStart]
    let copies: BuildFileCopies
    let workingDirectory: String
    let fileSystem: any FileSystem

    init(graph: BuildGraph, timeline: BuildTimeline, settingsFiles: [String], workingDirectory: String, fileSystem: any FileSystem) {
        self.graph = graph
        self.workingDirectory = workingDirectory
        self.fileSystem = fileSystem
        copies = BuildFileCopies(graph: graph, givenFiles: settingsFiles, workingDirectory: workingDirectory)
        let runs = timeline.webpackRuns
        var starts = SettingsModuleMapping.djangoStarts(in: graph)
        if !runs.isEmpty {
            let feeding = graph.stagesFeeding(anyOf: runs.map(\.stageID), includingThemselves: true)
            starts = starts.filter { feeding.contains($0.stageID) }
        }
        // workers.json comes from the Django start just before webpack: in webpack's own stage first,
        // then in the stages it is built FROM, then elsewhere; lms before cms. What the ranks need of the
        // runs is gathered once (the last webpack line per stage and file, the FROM ancestry of all runs),
        // so ranking is linear in the starts and runs.
        var lastRunLine: [String: [String?: Int]] = [:]
        for run in runs {
            let line = run.location.line ?? 0
            lastRunLine[run.stageID, default: [:]][run.location.file] = max(line, lastRunLine[run.stageID]?[run.location.file] ?? line)
        }
        var runAncestry: Set<String> = []
        for run in runs {
            var current: String? = run.stageID
            while let id = current, graph.stage(id) != nil, runAncestry.insert(id).inserted {
                current = graph.stage(id)?.parent
            }
        }
        func rank(_ start: DjangoStart) -> Int {
            let inWebpackStage = lastRunLine[start.stageID]?[start.location.file].map { (start.location.line ?? 0) <= $0 } ?? false
            let inAncestry = runAncestry.contains(start.stageID)
            let isLMS = start.service == "lms" || start.module?.hasPrefix("lms.") == true
            return (inWebpackStage ? 0 : inAncestry ? 2 : 4) + (isLMS ? 0 : 1)
        }
        self.starts = starts.enumerated().map { (rank: rank($0.element), offset: $0.offset, start: $0.element) }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }.map(\.start)
    }

    /// Given files the build copies to the place of a module it starts Django with (used, even when
    /// another one is the module checked).
    var filesUsedByBuild: [String] {
        starts.flatMap { start -> [String] in
            guard let module = start.module, let root = start.pythonRoot else { return [] }
            return copies.placements(in: start.stageID)
                .filter { SettingsModuleMapping.moduleName(ofImagePath: $0.imagePath, pythonRoot: root) == module }
                .map(\.givenPath)
        }
    }

    struct Evaluated {
        var settings: ResolvedSettings
        var givenPath: String
        /// "settings/lms/assets.not_py is lms.envs.mitol.assets in the image (COPY at Earthfile:123:3), which
        /// `--settings=mitol.assets` at Earthfile:176:8 starts Django with".
        var howTheBuildUsesIt: String
    }

    func evaluate(findings: inout [Diagnostic]) -> Evaluated? {
        guard let match = BuildSettingsEvaluation.match(starts: starts, copies: copies)
            ?? BuildSettingsEvaluation.fallbackMatch(copies: copies, starts: starts)
        else { return nil }
        guard var settings = BuildSettingsEvaluation.evaluate(
            match, copies: copies, fileSystem: fileSystem, workingDirectory: workingDirectory, diagnostics: &findings)
        else { return nil }
        settings.settingsName = match.module
        let started = match.start.stageID.isEmpty
            ? "the only settings module the build places under lms/envs"
            : "which \(match.start.namedBy.isEmpty ? "the command" : "`\(match.start.namedBy)`") at \(match.start.location) starts Django with"
        let how = "\(match.placement.givenPath) is \(match.module) in the image (\(match.placement.trail.joined(separator: ", "))), \(started)"
        return Evaluated(settings: settings, givenPath: match.placement.givenPath, howTheBuildUsesIt: how)
    }

    /// "the build starts Django with lms.envs.mitol.assets, which was not given; pass settings/lms/assets.not_py".
    func notGivenNote() -> Diagnostic? {
        guard let start = starts.first(where: { $0.module != nil }), let module = start.module else { return nil }
        var notes: [String] = []
        var fix = "pass the settings file that defines \(module) (the file the build copies into place), or --settings"
        if let root = start.pythonRoot {
            let imagePath = PathComponents.join(root, module.split(separator: ".").joined(separator: "/") + ".py")
            notes.append("\(module) is \(imagePath) in the image")
            if let source = contextSource(of: imagePath, stageID: start.stageID) {
                fix = "pass \(source.path) too (doctor \(source.buildFile) \(source.path)), or --settings"
                notes.append("\(source.path) is copied there at \(source.location)")
            }
        }
        let named = start.namedBy.isEmpty ? "" : " (\(start.namedBy))"
        return Diagnostic(
            .doctorBuildSettingsNotGiven,
            "the build starts Django with the settings \(module)\(named), which doctor was not given: which proctoring backends it configures was not checked",
            at: start.location, fix: fix, notes: notes)
    }

    /// The file of the build context a `COPY` of the stage (or the stages it is built from or copies
    /// from) puts at `imagePath`, as a path from the working directory.
    private func contextSource(of imagePath: String, stageID: String) -> (path: String, buildFile: String, location: SourceLocation)? {
        let ids = graph.ancestry(of: stageID).reversed().map(\.id) + graph.stagesFeeding(stageID).sorted()
        let startingWorkdirs = startingWorkdirs(of: ids)
        for id in ids {
            guard let stage = graph.stage(id) else { continue }
            var workdir = startingWorkdirs[id] ?? nil
            for step in stage.steps {
                if case .workdir(let path) = step.kind { workdir = PathComponents.absolute(path, relativeTo: workdir ?? "/") }
                guard case .copy(nil, let sources) = step.kind, let placement = step.placement, !placement.fromExternalImage else { continue }
                let destination = PathComponents.absolute(placement.destination, relativeTo: workdir ?? "/")
                let intoFolder = placement.destination.hasSuffix("/") || sources.count > 1
                    || sources.contains { $0.contains("*") || $0.contains("?") }
                for source in sources {
                    var written = source
                    while written.hasSuffix("/") && written.count > 1 { written.removeLast() }
                    var candidate: String?
                    if intoFolder, PathComponents.dirname(imagePath) == destination {
                        let name = PathComponents.basename(imagePath)
                        if written.contains("*") || written.contains("?") {
                            let replaced = PathComponents.join(PathComponents.dirname(written), name)
                            if GlobPattern.matches(PathComponents.normalize(written), PathComponents.normalize(replaced)) { candidate = replaced }
                        } else if PathComponents.basename(written) == name {
                            candidate = written
                        }
                    } else if !intoFolder, destination == imagePath {
                        candidate = written
                    } else if imagePath.hasPrefix(destination + "/"), !written.contains("*") {
                        candidate = PathComponents.join(written, String(imagePath.dropFirst(destination.count + 1)))
                    }
                    guard let candidate else { continue }
                    let folder = PathComponents.dirname(PathComponents.absolute(stage.file, relativeTo: workingDirectory))
                    let host = PathComponents.absolute(candidate, relativeTo: folder)
                    let shown = PathComponents.relative(host, from: workingDirectory)
                    return (shown, stage.file, .file(stage.file, line: step.start.line, column: step.start.column))
                }
            }
        }
        return nil
    }

    /// The WORKDIR each of `ids` starts with (the last one its `FROM` chain sets), walking each chain once
    /// however many of its stages are asked for.
    private func startingWorkdirs(of ids: [String]) -> [String: String?] {
        var ends: [String: String?] = [:]
        var starts: [String: String?] = [:]
        func applying(_ stage: BuildStage, to workdir: String?) -> String? {
            var workdir = workdir
            for step in stage.steps {
                if case .workdir(let path) = step.kind { workdir = PathComponents.absolute(path, relativeTo: workdir ?? "/") }
            }
            return workdir
        }
        for id in ids where starts[id] == nil {
            let walk = graph.unresolvedAncestry(of: id) { $0 != id && ends.keys.contains($0) }
            var workdir = walk.ids.last.flatMap { graph.stage($0)?.parent }.flatMap { ends[$0] } ?? nil
            for ancestorID in walk.ids.dropFirst().reversed() {
                guard let ancestor = graph.stage(ancestorID) else { continue }
                workdir = applying(ancestor, to: workdir)
                if walk.acyclic { ends[ancestorID] = workdir }
            }
            starts[id] = .some(workdir)
            if walk.acyclic, let stage = graph.stage(id) { ends[id] = applying(stage, to: workdir) }
        }
        return starts
    }
}
