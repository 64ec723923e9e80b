import Diagnostics

/// What a stage chain has done with the `proctoring-assets` tool up to a point of the build: carried
/// through `FROM` like the environment, so a stage sees what its parents did.
struct ProctoringAssetsProgress: Sendable {
    /// Steps that made the command available (pip install of the wheel, COPY of the binary).
    var installations: [SourceLocation] = []
    /// `proctoring-assets build` runs, with their stage.
    var builds: [(stageID: String, location: SourceLocation)] = []
    /// Every edx-platform webpack run so far (ancestors' included).
    var webpackRuns: [SourceLocation] = []
}

/// One run of the tool found in a build, with what came before it.
struct ProctoringAssetsRun: Sendable {
    var stageID: String
    var stageName: String
    var location: SourceLocation
    var command: ProctoringAssetsCommand
    /// The environment of the process (JS_ENV_EXTRA_CONFIG for `build`).
    var environment: [String: EnvironmentBinding]
    /// Installations earlier in this stage or in the stages it is built FROM.
    var installedBefore: [SourceLocation]
    /// `proctoring-assets build` runs before this one in the same stage chain.
    var buildsBefore: [SourceLocation]
}

/// A step after `proctoring-assets build` that writes the static files again: webpack (its worker config
/// reads the workers.json the build wrote) or collectstatic (copies webpack's bundles into STATIC_ROOT).
struct AssetsRewriteAfterBuild: Sendable {
    enum Kind: Sendable, Hashable {
        /// `jsEnvExtraConfigSet`: whether the webpack process sees JS_ENV_EXTRA_CONFIG (it rebuilds the
        /// worker) or not (its worker config throws and is silently skipped).
        case webpack(jsEnvExtraConfigSet: Bool)
        case collectstatic
    }

    var kind: Kind
    var stageID: String
    var stageName: String
    var location: SourceLocation
    var commandText: String
    /// The build whose output it rewrites (the last one before it), and that build's stage.
    var build: SourceLocation
    var buildStageID: String
}
