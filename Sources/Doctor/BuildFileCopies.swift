import Diagnostics
import FileSystemSupport

/// Where files given to doctor end up inside the images the build makes: `COPY`/`ADD` from the build
/// context (one or several sources, a destination folder, `--chown`/`--chmod`/`--link` forms), `COPY
/// --from=<stage>`, Earthly `COPY +target/<artifact>` through the target's `SAVE ARTIFACT`, and
/// `ln -s`/`cp`/`mv` in a `RUN` step.
struct BuildFileCopies {
    /// A given file at a path of a stage's file system.
    struct Placement: Sendable, Hashable {
        /// The file as the user named it.
        var givenPath: String
        /// Absolute path inside the stage.
        var imagePath: String
        /// The step that put it there last.
        var location: SourceLocation
        /// The copy chain, first step first (`COPY at Earthfile:123`, `COPY +collected/… at Earthfile:150`).
        var trail: [String]
    }

    private let graph: BuildGraph
    /// Given file → its absolute path on this machine.
    private let givenFiles: [String: String]
    private let workingDirectory: String
    private var placementsByStage: [String: [Placement]] = [:]

    init(graph: BuildGraph, givenFiles: [String], workingDirectory: String) {
        self.graph = graph
        self.workingDirectory = workingDirectory
        var absolute: [String: String] = [:]
        for path in givenFiles { absolute[path] = PathComponents.absolute(path, relativeTo: workingDirectory) }
        self.givenFiles = absolute
        for stage in graph.stages { resolve(stage.id) }
    }

    /// The given files present in `stageID`'s file system at its end (inherited through `FROM`).
    func placements(in stageID: String) -> [Placement] {
        placementsByStage[stageID] ?? []
    }

    /// Every place a given file reaches, over all stages (each path once, first stage first).
    var allPlacements: [(stageID: String, placement: Placement)] {
        var seen: Set<String> = []
        var result: [(String, Placement)] = []
        for stage in graph.stages {
            for placement in placements(in: stage.id) where seen.insert(placement.givenPath + "\u{0}" + placement.imagePath).inserted {
                result.append((stage.id, placement))
            }
        }
        return result
    }

    private struct StageEnd {
        var placements: [Placement] = []
        var workdir: String?
    }

    private var ends: [String: StageEnd] = [:]

    /// Resolves `root` after the stages it takes files from (`FROM`, `COPY --from`, `COPY +target/…`), depth
    /// first with an explicit stack: chains of any length, no recursion. A stage met again while it is still
    /// on the stack (a cycle) counts as empty where it is met.
    private mutating func resolve(_ root: String) {
        guard ends[root] == nil, graph.stage(root) != nil else { return }
        var stack: [(id: String, sources: [String], next: Int)] = [(root, Self.sources(of: root, in: graph), 0)]
        var onStack: Set<String> = [root]
        while let top = stack.last {
            if top.next < top.sources.count {
                stack[stack.count - 1].next += 1
                let source = top.sources[top.next]
                if ends[source] == nil, graph.stage(source) != nil, onStack.insert(source).inserted {
                    stack.append((source, Self.sources(of: source, in: graph), 0))
                }
            } else {
                stack.removeLast()
                onStack.remove(top.id)
                resolveStage(top.id)
            }
        }
    }

    /// The stages whose files `id` starts from or copies.
    private static func sources(of id: String, in graph: BuildGraph) -> [String] {
        guard let stage = graph.stage(id) else { return [] }
        var sources = stage.parent.map { [$0] } ?? []
        for step in stage.steps {
            if case .copy(let from?, _) = step.kind { sources.append(from) }
        }
        return sources
    }

    /// The end of stage `id`, from the ends of the stages it takes files from (already resolved, or empty).
    private mutating func resolveStage(_ id: String) {
        guard let stage = graph.stage(id) else { return }
        var state = stage.parent.flatMap { ends[$0] } ?? StageEnd()
        let contextFolder = PathComponents.dirname(PathComponents.absolute(stage.file, relativeTo: workingDirectory))
        for step in stage.steps {
            let location = SourceLocation.file(stage.file, line: step.start.line, column: step.start.column)
            switch step.kind {
            case .workdir(let path):
                state.workdir = PathComponents.normalize(PathComponents.join(state.workdir ?? "/", path))
            case .copy(let fromStage, let sources):
                guard let placement = step.placement, !placement.fromExternalImage else { continue }
                let destination = PathComponents.absolute(placement.destination, relativeTo: state.workdir ?? "/")
                let intoFolder = placement.destination.hasSuffix("/") || placement.destination == "." || sources.count > 1
                    || sources.contains { $0.contains("*") || $0.contains("?") }
                let place = "COPY at \(location)"
                if let fromStage {
                    let upstream = ends[fromStage] ?? StageEnd()
                    guard let source = graph.stage(fromStage) else { continue }
                    for sourcePath in sources {
                        guard let imageSource = Self.imageSource(sourcePath, in: source) else { continue }
                        for found in upstream.placements {
                            guard let target = Self.target(
                                of: found.imagePath, copiedFrom: imageSource, to: destination, intoFolder: intoFolder,
                                keepFolder: placement.copiesFolderItself)
                            else { continue }
                            state.placements.append(
                                Placement(givenPath: found.givenPath, imagePath: target, location: location, trail: found.trail + [place]))
                        }
                    }
                } else {
                    for sourcePath in sources {
                        for (given, absolute) in givenFiles.sorted(by: { $0.key < $1.key }) {
                            guard let target = Self.contextTarget(
                                absolute, source: sourcePath, contextFolder: contextFolder, destination: destination,
                                intoFolder: intoFolder, keepFolder: placement.copiesFolderItself)
                            else { continue }
                            state.placements.append(Placement(givenPath: given, imagePath: target, location: location, trail: [place]))
                        }
                    }
                }
            case .run(let script):
                let added = Self.shellMoves(script, workdir: state.workdir, file: stage.file, placements: &state.placements)
                state.placements += added
            case .environment, .build:
                break
            }
        }
        ends[id] = state
        placementsByStage[id] = state.placements
    }

    /// The path in `stage`'s file system that `COPY --from` / `COPY +target/…` reads.
    private static func imageSource(_ source: String, in stage: BuildStage) -> String? {
        guard stage.kind == .earthfile else { return PathComponents.absolute(source, relativeTo: "/") }
        var artifact = source
        while artifact.hasSuffix("/") || artifact.hasSuffix("/*") { artifact = String(artifact.dropLast(artifact.hasSuffix("/*") ? 2 : 1)) }
        for saved in stage.savedArtifacts {
            let root = PathComponents.absolute(saved.sourcePath, relativeTo: saved.workdir ?? "/")
            if artifact == saved.artifactPath { return root }
            if artifact.hasPrefix(saved.artifactPath + "/") {
                return PathComponents.join(root, String(artifact.dropFirst(saved.artifactPath.count + 1)))
            }
        }
        return nil
    }

    /// Where `path` lands when `source` (a file or folder) is copied to `destination`.
    private static func target(
        of path: String, copiedFrom source: String, to destination: String, intoFolder: Bool, keepFolder: Bool
    ) -> String? {
        let source = PathComponents.normalize(source)
        if path == source {
            return intoFolder ? PathComponents.join(destination, PathComponents.basename(path)) : destination
        }
        let prefix = source == "/" ? "/" : source + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let remainder = String(path.dropFirst(prefix.count))
        let folder = keepFolder ? PathComponents.join(destination, PathComponents.basename(source)) : destination
        return PathComponents.normalize(PathComponents.join(folder, remainder))
    }

    /// Where a given file lands when a context `source` (file, folder or glob) is copied.
    private static func contextTarget(
        _ absolute: String, source: String, contextFolder: String, destination: String, intoFolder: Bool, keepFolder: Bool
    ) -> String? {
        var written = source
        while written.hasSuffix("/") && written.count > 1 { written.removeLast() }
        let normalized = PathComponents.normalize(written)
        let relative: String? = absolute.hasPrefix(contextFolder + "/") ? String(absolute.dropFirst(contextFolder.count + 1)) : nil
        if normalized.contains("*") || normalized.contains("?") {
            // A glob matches names in one folder: compare component by component.
            let candidates = [relative].compactMap { $0 } + suffixes(of: absolute, count: normalized.split(separator: "/").count)
            for candidate in candidates where GlobPattern.matches(normalized, candidate) {
                return PathComponents.join(destination, PathComponents.basename(absolute))
            }
            return nil
        }
        if let relative {
            if normalized == "." {
                return PathComponents.normalize(PathComponents.join(destination, relative))
            }
            return target(of: relative, copiedFrom: normalized, to: destination, intoFolder: intoFolder, keepFolder: keepFolder)
                .map(PathComponents.normalize)
        }
        // The file is outside the build file's folder (another context): match the source as a path suffix.
        guard absolute.hasSuffix("/" + normalized) else { return nil }
        return intoFolder ? PathComponents.join(destination, PathComponents.basename(absolute)) : destination
    }

    private static func suffixes(of path: String, count: Int) -> [String] {
        let parts = path.split(separator: "/")
        guard parts.count >= count else { return [] }
        return [parts.suffix(count).joined(separator: "/")]
    }

    /// `ln -s SRC DEST`, `cp [-r] SRC DEST`, `mv SRC DEST` at the top level of a RUN: the file (or a
    /// folder holding it) appears at DEST too; `mv` removes the old place.
    private static func shellMoves(_ script: ShellScript, workdir: String?, file: String, placements: inout [Placement]) -> [Placement] {
        var added: [Placement] = []
        var directory = workdir ?? "/"
        for command in script.commands {
            let words = BuildCommandClassifier.effectiveWords(command).words
            guard let name = words.first.map(PathComponents.basename) else { continue }
            if name == "cd", words.count > 1 {
                directory = PathComponents.absolute(words[1], relativeTo: directory)
                continue
            }
            guard ["ln", "cp", "mv"].contains(name) else { continue }
            if name == "ln", !words.dropFirst().contains(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("s") }) {
                continue
            }
            let operands = words.dropFirst().filter { !$0.hasPrefix("-") }
            guard operands.count == 2 else { continue }
            let source = PathComponents.absolute(operands[operands.startIndex], relativeTo: directory)
            let destination = PathComponents.absolute(operands[operands.startIndex + 1], relativeTo: directory)
            let location = SourceLocation.file(file, line: command.start.line, column: command.start.column)
            for placement in placements + added {
                guard let target = target(of: placement.imagePath, copiedFrom: source, to: destination, intoFolder: false, keepFolder: false)
                else { continue }
                added.append(
                    Placement(givenPath: placement.givenPath, imagePath: target, location: location,
                              trail: placement.trail + ["`\(words.joined(separator: " "))` at \(location)"]))
            }
            if name == "mv" {
                placements.removeAll { target(of: $0.imagePath, copiedFrom: source, to: destination, intoFolder: false, keepFolder: false) != nil }
            }
        }
        return added
    }
}
