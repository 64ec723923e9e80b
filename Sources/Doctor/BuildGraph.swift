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

    public init(_ kind: Kind, at start: TextPosition) {
        self.kind = kind
        self.start = start
    }
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
    public var stages: [BuildStage] = []
    public var comments: [String: [ShellComment]] = [:]

    public init() {}

    public func stage(_ id: String) -> BuildStage? {
        stages.first { $0.id == id }
    }

    /// `FROM` chain from the root to `id` (inclusive), cycles cut.
    public func ancestry(of id: String) -> [BuildStage] {
        var chain: [BuildStage] = []
        var seen: Set<String> = []
        var current: String? = id
        while let currentID = current, !seen.contains(currentID), let stage = stage(currentID) {
            seen.insert(currentID)
            chain.insert(stage, at: 0)
            current = stage.parent
        }
        return chain
    }

    /// Every stage whose files can reach `id` through `FROM`, `COPY` or `BUILD`/`DO` edges, `id` included.
    public func stagesFeeding(_ id: String) -> Set<String> {
        var reached: Set<String> = []
        var queue = [id]
        while let next = queue.popLast() {
            guard !reached.contains(next), let stage = stage(next) else { continue }
            reached.insert(next)
            if let parent = stage.parent { queue.append(parent) }
            for step in stage.steps {
                switch step.kind {
                case .copy(let from?, _): queue.append(from)
                case .build(let target): queue.append(target)
                default: break
                }
            }
        }
        return reached
    }
}
