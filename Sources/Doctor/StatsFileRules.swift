import BundleManifest
import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// Where webpack writes the worker stats file and in which format, against what the LMS reads.
enum StatsFileRules {
    static let statsFileName = EdxPlatformConventions.statsFileName
    static let defaultStaticRootLMS = EdxPlatformConventions.defaultStaticRootLMS

    static func staticRootMatchesStatsFile(_ context: DoctorContext) -> [Diagnostic] {
        guard let settings = context.settings, context.workerExpectation != .none,
            let runtime = runtimeStatsFile(settings.runtimeOrBuildTime)
        else { return [] }
        var findings: [Diagnostic] = []
        for run in context.webpackRunsWritingStats {
            let buildRoot: String
            let origin: String
            if let binding = run.environment["STATIC_ROOT_LMS"] {
                guard let value = binding.value else { continue }
                buildRoot = value
                origin = "STATIC_ROOT_LMS set at \(binding.location)"
            } else {
                guard let workdir = run.workdir else { continue }
                buildRoot = PathComponents.join(workdir, defaultStaticRootLMS)
                origin = "STATIC_ROOT_LMS unset: the webpack config's default \(defaultStaticRootLMS)"
                    + laterAssignment(of: "STATIC_ROOT_LMS", after: run, in: context.graph)
            }
            let written = PathComponents.normalize(
                PathComponents.join(PathComponents.join(run.workdir ?? "/", buildRoot), statsFileName))
            guard written != PathComponents.normalize(runtime.path) else { continue }
            findings.append(
                Diagnostic(
                    .doctorStaticRootMismatch,
                    "webpack writes the worker stats file to \(written) but the LMS reads \(runtime.path)",
                    at: run.location, fix: "build with STATIC_ROOT_LMS=\(PathComponents.dirname(runtime.path))",
                    notes: ["build time: \(origin)", "run time: \(runtime.origin)"],
                    severity: context.severityForWorkerFinding(.doctorStaticRootMismatch)))
        }
        return findings
    }

    /// ", set only at X, after webpack" when the stage sets the variable too late.
    private static func laterAssignment(of variable: String, after run: WebpackInvocation, in graph: BuildGraph) -> String {
        guard let stage = graph.stage(run.stageID) else { return "" }
        for step in stage.steps where step.start.line > (run.location.line ?? Int.max) {
            if case .environment(let name, _, _) = step.kind, name == variable {
                return " (it is set at \(SourceLocation.file(stage.file, line: step.start.line, column: step.start.column)), after webpack)"
            }
        }
        return ""
    }

    /// Where the LMS reads the stats file: the deployment's STATS_FILE (or STATIC_ROOT's default), as a path
    /// in the image (no working directory applies).
    private static func runtimeStatsFile(_ settings: ResolvedSettings) -> (path: String, origin: String)? {
        guard let statsFile = Deployment(settings: settings, workingDirectory: "/").workersLoader.statsFile else { return nil }
        let origin: String
        switch statsFile.provenance.kind {
        case .upstreamDefault:
            let root = settings["STATIC_ROOT"].map { " at \($0.provenance.location)" } ?? ""
            origin = "STATIC_ROOT\(root)"
        default:
            origin = "WEBPACK_LOADER['WORKERS']['STATS_FILE'] at \(statsFile.provenance.location)"
        }
        return (statsFile.value, origin)
    }

    static func statsFormatMatchesLoader(_ context: DoctorContext) -> [Diagnostic] {
        var loaderPins = context.facts.loaderVersions
        for install in context.timeline.pipInstalls {
            for spec in install.specs {
                if let version = ProjectFacts.loaderPin(spec) {
                    loaderPins.append(PinnedVersion(version: version, location: install.location, source: "pip install"))
                }
            }
        }
        guard let loader = loaderPins.last, let loaderMajor = ProjectFacts.majorVersion(loader.version) else { return [] }
        let tracker = context.facts.effectiveTracker
        let trackerVersion = tracker?.version ?? "0.4.3"
        guard let trackerMajor = ProjectFacts.majorVersion(trackerVersion) else { return [] }
        let written = StatsFormat.writtenBy(trackerMajor: trackerMajor)
        let read = StatsFormat.readBy(loaderMajor: loaderMajor)
        guard written != read else { return [] }
        let trackerSource = tracker.map { "\($0.source) at \($0.location)" }
            ?? "assumed: edx-platform pins 0.4.3 and no package.json or package-lock.json was given"
        let fix: String
        let raises: String
        switch read {
        case .tracker1:
            fix = "install webpack-bundle-tracker 3.x (`npm install webpack-bundle-tracker@3.2.1`) or pin django-webpack-loader==0.7.0"
            raises = "TypeError"
        case .tracker04:
            fix = "pin django-webpack-loader>=3 or webpack-bundle-tracker 0.4.3"
            raises = "TypeError on the chunk list"
        }
        return [
            Diagnostic(
                .doctorStatsFormatMismatch,
                "django-webpack-loader \(loader.version) cannot read the stats file webpack-bundle-tracker \(trackerVersion) writes (get_files raises \(raises))",
                at: loader.location, fix: fix, notes: ["tracker version: \(trackerSource)"])
        ]
    }
}
