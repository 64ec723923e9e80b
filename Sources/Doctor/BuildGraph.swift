import Encodings

/// The kind of build file a stage comes from.
public enum BuildFileKind: String, Sendable, Hashable {
    case dockerfile = "Dockerfile"
    case earthfile = "Earthfile"
    case shellScript = "shell script"
}

/// One step of a build stage, in the order the build runs it.
public struct BuildStep: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A `RUN` (or a whole shell script): one shell process.
        case run(ShellScript)
        /// `ENV name=value`, or `ARG name[=default]` (`isArgument`); `value` nil for an ARG without default.
        case environment(name: String, value: ShellWord?, isArgument: Bool)
        /// `COPY --from=stage …` / `COPY +target/… …`: files of another stage (by id; nil for an image or the context).
        case copy(fromStage: String?, sources: [String])
        /// `BUILD +target`, `DO +FUNCTION` when the function is not inlined.
        case build(stage: String)
        case workdir(String)
    }

    public var kind: Kind
    public var start: TextPosition
    /// For `.copy`: where the files land, as written (relative to WORKDIR unless absolute).
    public var placement: CopyPlacement?

    public init(_ kind: Kind, at start: TextPosition, placement: CopyPlacement? = nil) {
        self.kind = kind
        self.start = start
        self.placement = placement
    }
}

/// The destination side of a `COPY`/`ADD`: where its sources end up in the stage's file system.
public struct CopyPlacement: Sendable, Hashable {
    /// The destination as written.
    public var destination: String
    /// True when the sources come from an image that is not a stage here (`--from=image`), so no
    /// file given to doctor can be among them.
    public var fromExternalImage: Bool
    /// Earthly `COPY --dir`: a folder source is copied as a folder, not its contents.
    public var copiesFolderItself: Bool

    public init(destination: String, fromExternalImage: Bool = false, copiesFolderItself: Bool = false) {
        self.destination = destination
        self.fromExternalImage = fromExternalImage
        self.copiesFolderItself = copiesFolderItself
    }
}

/// An Earthly `SAVE ARTIFACT <path> [<artifact>]`: what `COPY +target/<artifact>` of another target gets.
public struct SavedArtifact: Sendable, Hashable {
    /// The artifact's path inside the target's artifact tree (`edx-platform`, `dist/assets.py`).
    public var artifactPath: String
    /// The path in the target's file system that was saved, as written (relative to WORKDIR unless absolute).
    public var sourcePath: String
    /// The WORKDIR in effect at the SAVE ARTIFACT.
    public var workdir: String?
}

/// A Dockerfile stage, an Earthfile target, or a shell script: a sequence of steps that share one
/// file system, starting from its parent's (`FROM`).
public struct BuildStage: Sendable, Hashable {
    /// Unique over all files: `<file>#<name>`.
    public var id: String
    public var name: String
    public var file: String
    public var kind: BuildFileKind
    public var start: TextPosition
    /// Last line of the stage in its file (for comments that belong to it).
    public var endLine: Int
    /// Stage id of `FROM`, nil for an external image.
    public var parent: String?
    public var steps: [BuildStep]
    /// Dockerfile `ARG`s declared before the first `FROM` (visible in a stage that re-declares them).
    public var globalArguments: [String: ShellWord?]
    /// Where each of `globalArguments` is declared.
    public var globalArgumentPoints: [String: TextPosition] = [:]
    /// Shell scripts run in the environment of the caller; build stages start from an empty one.
    public var inheritsProcessEnvironment: Bool
    /// Earthly artifacts this target saves.
    public var savedArtifacts: [SavedArtifact] = []

    /// How a finding names this stage: `target +assets`, `stage assets`, `script build.sh`.
    public var displayName: String {
        switch kind {
        case .earthfile: return "target +\(name)"
        case .dockerfile: return "stage \(name)"
        case .shellScript: return "script \(file)"
        }
    }
}

/// All stages of all build files given, with the comments of each file.
public struct BuildGraph: Sendable {
    public var stages: [BuildStage] = [] {
        didSet { indexStages() }
    }
    public var comments: [String: [ShellComment]] = [:]
    /// Position in `stages` of the first stage with each id, so a lookup does not scan every stage.
    private var stageIndex: [String: Int] = [:]

    public init() {}

    private mutating func indexStages() {
        stageIndex = [:]
        for (offset, stage) in stages.enumerated() where stageIndex[stage.id] == nil {
            stageIndex[stage.id] = offset
        }
    }

    public func stage(_ id: String) -> BuildStage? {
        stageIndex[id].map { stages[$0] }
    }

    /// `FROM` chain from the root to `id` (inclusive), cycles cut.
    public func ancestry(of id: String) -> [BuildStage] {
        var chain: [BuildStage] = []
        var seen: Set<String> = []
        var current: String? = id
        while let currentID = current, !seen.contains(currentID), let stage = stage(currentID) {
            seen.insert(currentID)
            chain.append(stage)
            current = stage.parent
        }
        return chain.reversed()
    }

    /// The ids of `ancestry(of: id)` from `id` up to (excluding) the first stage `stop` accepts, and
    /// whether the walk ended there (true), at a root or a missing stage (true), or at a cycle (false).
    /// Lets a caller that remembers each stage's end state walk only the stages it has not seen yet.
    func unresolvedAncestry(of id: String, resolved stop: (String) -> Bool) -> (ids: [String], acyclic: Bool) {
        var chain: [String] = []
        var seen: Set<String> = []
        var current: String? = id
        while let currentID = current, !stop(currentID), let stage = stage(currentID) {
            guard seen.insert(currentID).inserted else { return (chain, false) }
            chain.append(currentID)
            current = stage.parent
        }
        return (chain, true)
    }

    /// Every stage whose files can reach `id` through `FROM`, `COPY` or `BUILD`/`DO` edges, `id` included.
    public func stagesFeeding(_ id: String) -> Set<String> {
        stagesFeeding(anyOf: [id], includingThemselves: true)
    }

    /// Every stage whose files can reach one of `ids` through `FROM`, `COPY` or `BUILD`/`DO` edges, in one walk
    /// (linear in the stages and steps however many `ids`): the `ids` themselves only when `includingThemselves`,
    /// otherwise only the stages reached through at least one edge.
    func stagesFeeding(anyOf ids: some Sequence<String>, includingThemselves: Bool) -> Set<String> {
        var reached: Set<String> = []
        var queue: [String] = []
        for id in ids {
            if includingThemselves { queue.append(id) } else if let stage = stage(id) { queue += Self.feeders(of: stage) }
        }
        while let next = queue.popLast() {
            guard !reached.contains(next), let stage = stage(next) else { continue }
            reached.insert(next)
            queue += Self.feeders(of: stage)
        }
        return reached
    }

    /// The stages a stage takes files from directly: its `FROM`, `COPY --from`/`COPY +target` and `BUILD`/`DO`.
    private static func feeders(of stage: BuildStage) -> [String] {
        var feeders = stage.parent.map { [$0] } ?? []
        for step in stage.steps {
            switch step.kind {
            case .copy(let from?, _): feeders.append(from)
            case .build(let target): feeders.append(target)
            default: break
            }
        }
        return feeders
    }
}
