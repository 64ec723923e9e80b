import BundleManifest
import Bundler
import DeploymentSettings
import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// `configure STATIC_ROOT`: puts a new JS_ENV_EXTRA_CONFIG into the bundles of `build --deploy-time-config`.
///
/// The config is checked as `build` checks it, against the keys the build recorded in each bundle; then every
/// file that depends on the bundles' bytes is rewritten together (each bundle in STATIC_ROOT and where the
/// stats file says webpack wrote it, their source maps, the hashed copies and staticfiles.json, the stats
/// file's integrity), through the same staged commit as `build`: all files or none. Files whose bytes would
/// not change are not written, so a second run with the same config writes nothing.
public struct ConfigureRun: Sendable {
    /// Where the new config comes from.
    public enum ConfigSource: Sendable {
        /// JS_ENV_EXTRA_CONFIG of the environment, as `build` reads it.
        case environment(BuildEnvironment)
        /// `--config FILE`: the same JSON text in a file.
        case file(String)
    }

    public struct Request: Sendable {
        public var staticRoot: String
        public var config: ConfigSource
        /// nil: STATIC_ROOT/webpack-worker-stats.json.
        public var statsFile: String?
        public var bundleDirectoryName: String
        public var dryRun: Bool
        public var workingDirectory: String

        public init(
            staticRoot: String, config: ConfigSource, statsFile: String? = nil,
            bundleDirectoryName: String = EdxPlatformConventions.bundleDirectoryName, dryRun: Bool = false, workingDirectory: String
        ) {
            self.staticRoot = staticRoot
            self.config = config
            self.statsFile = statsFile
            self.bundleDirectoryName = bundleDirectoryName
            self.dryRun = dryRun
            self.workingDirectory = workingDirectory
        }
    }

    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// One bundle file to configure, with the copies of it that must stay equal.
    struct BundleCopy {
        var path: String
        var bytes: [UInt8]
        var located: DeployTimeConfigSlot.Located
    }

    /// A bundle with its new bytes: `name` relative to STATIC_ROOT, `statsName` as the stats file names it.
    struct RewrittenBundle {
        var name: String
        var statsName: String
        var bytes: [UInt8]
    }

    public func run(_ request: Request) -> CommandReport {
        let collector = DiagnosticCollector()
        var progress = BuildProgress(command: "configure")
        let staticRoot = PathComponents.normalize(PathComponents.absolute(request.staticRoot, relativeTo: request.workingDirectory))

        guard let defines = readConfig(request, diagnostics: collector) else { return progress.report(collector, stoppedAt: "config") }
        progress.stage("config", "\(DefineSet.variableName) = \(defines.text ?? "(not set)")  (from \(defines.location))")

        let statsPath = request.statsFile.map { PathComponents.absolute($0, relativeTo: request.workingDirectory) }
            ?? PathComponents.join(staticRoot, EdxPlatformConventions.statsFileName)
        guard let (stats, statsDocument) = readStats(statsPath, diagnostics: collector) else {
            return progress.report(collector, stoppedAt: "stats file")
        }

        var staged = StagedOutput()
        var unchanged: [String] = []
        var bundleResults: [JSONValue] = []
        var rewritten: [RewrittenBundle] = []
        func stage(_ path: String, _ bytes: [UInt8]) {
            if (try? fileSystem.readFile(path)) == bytes { unchanged.append(path) } else { staged.add(path, bytes: bytes) }
        }
        for bundle in stats.bundles {
            for file in bundle.files where file.name.hasSuffix(".js") {
                let name = PathComponents.normalize(PathComponents.join(request.bundleDirectoryName, file.name))
                let primary = PathComponents.join(staticRoot, name)
                var paths = [primary]
                if let built = file.path.map(PathComponents.normalize), built != primary, fileSystem.fileExists(built) { paths.append(built) }
                var copies: [BundleCopy] = []
                for path in paths {
                    guard let copy = readBundle(path, statsPath: statsPath, diagnostics: collector) else { continue }
                    copies.append(copy)
                }
                guard copies.count == paths.count, let first = copies.first else { continue }
                let problems = DeployTimeConfigSlot.diagnostics(defines: defines, reads: first.located.slot.reads)
                collector.emit(contentsOf: problems)
                if problems.contains(where: { $0.severity == .error }) { continue }
                let newBytes = DeployTimeConfigSlot.replacing(in: first.bytes, located: first.located, with: defines)
                let newSlotLines = newBytes.prefix(newBytes.count - (first.bytes.count - first.located.length))
                    .reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                for copy in copies {
                    let bytes = DeployTimeConfigSlot.replacing(in: copy.bytes, located: copy.located, with: defines)
                    stage(copy.path, bytes)
                    let mapPath = copy.path + ".map"
                    guard let map = try? fileSystem.readFile(mapPath) else { continue }
                    guard let shifted = DeployTimeConfigSlot.shiftedSourceMap(map, from: copy.located.lineCount, to: newSlotLines) else {
                        collector.emit(Diagnostic(
                            .configureSourceMapUnreadable,
                            "the source map of \(copy.path) cannot be shifted from \(copy.located.lineCount) to \(newSlotLines) line(s) of config",
                            at: .file(mapPath), fix: "rebuild with --source-map, or remove the stale map"))
                        continue
                    }
                    stage(mapPath, shifted)
                }
                rewritten.append(RewrittenBundle(name: name, statsName: file.name, bytes: newBytes))
                bundleResults.append(.object([
                    JSONMember("bundle", .string(bundle.name)), JSONMember("path", .string(primary)),
                    JSONMember("reads", .array(first.located.slot.reads.map { read in
                        .string((["process.env.\(DefineSet.variableName)"] + read.path).joined(separator: "."))
                    })),
                    JSONMember("sha384", .string(SubresourceIntegrity.sha384(newBytes))),
                ]))
            }
        }
        if rewritten.isEmpty, !collector.hasErrors {
            collector.emit(Diagnostic(
                .configureNoBundles, "the stats file names no worker bundle (.js) to configure", at: .file(statsPath),
                fix: "pass the STATIC_ROOT the image was built with, or run `build --deploy-time-config` first"))
        }
        guard !collector.hasErrors else { return progress.report(collector, stoppedAt: "bundles") }
        progress.stage("bundles", rewritten.map(\.name).joined(separator: ", "))

        stageHashedCopies(rewritten, staticRoot: staticRoot, stage: stage, diagnostics: collector)
        if let statsBytes = statsWithIntegrity(statsDocument, format: stats.format, rewritten: rewritten) {
            stage(statsPath, statsBytes)
        }
        guard !collector.hasErrors else { return progress.report(collector, stoppedAt: "staging") }

        let integrities = staged.integrities()
        if staged.files.isEmpty {
            progress.lines.append("Already configured: every file has this config's bytes, nothing was written.")
        } else if !staged.commit(dryRun: request.dryRun, integrities: integrities, progress: &progress, diagnostics: collector) {
            return progress.report(collector, stoppedAt: "writing")
        }
        var report = progress.report(collector)
        var result = staged.writtenFilesJSON(written: !request.dryRun && !staged.files.isEmpty, integrities: integrities).objectMembers ?? []
        result.append(JSONMember("unchanged", .array(unchanged.map(JSONValue.string))))
        result.append(JSONMember("bundles", .array(bundleResults)))
        report.result = .object(result)
        return report
    }

    /// The define set of the new config, parsed as `build` parses JS_ENV_EXTRA_CONFIG.
    private func readConfig(_ request: Request, diagnostics: DiagnosticCollector) -> DefineSet? {
        let text: String?
        let location: SourceLocation
        switch request.config {
        case .environment(let environment):
            text = environment.jsEnvExtraConfig?.value
            location = environment.jsEnvExtraConfigLocation
        case .file(let path):
            let absolute = PathComponents.absolute(path, relativeTo: request.workingDirectory)
            do {
                text = String(decoding: try fileSystem.readFile(absolute), as: UTF8.self)
            } catch {
                diagnostics.emit(Diagnostic(
                    .configureConfigUnreadable, "cannot read the config file: \(error)", at: .file(absolute),
                    fix: "pass --config with a readable file holding the JS_ENV_EXTRA_CONFIG JSON"))
                return nil
            }
            location = .file(absolute)
        }
        switch DefineSet.parse(jsEnvExtraConfig: text, location: location) {
        case .success(let defines): return defines
        case .failure(let error):
            diagnostics.absorb(error)
            return nil
        }
    }

    private func readStats(_ path: String, diagnostics: DiagnosticCollector) -> (WorkerStats, JSONValue)? {
        let read = WorkerStatsReader.read(path: path, fileSystem: fileSystem)
        guard let stats = read.stats, let document = read.document, !read.hasErrors else {
            diagnostics.emit(contentsOf: read.diagnostics)
            diagnostics.emit(Diagnostic(
                .configureNoBundles, "no readable stats file at \(path) to find the worker bundles by", at: .file(path),
                fix: "pass the STATIC_ROOT the image was built with (or --stats-file), or run `build --deploy-time-config` first"))
            return nil
        }
        diagnostics.emit(contentsOf: read.diagnostics)
        return (stats, document)
    }

    private func readBundle(_ path: String, statsPath: String, diagnostics: DiagnosticCollector) -> BundleCopy? {
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(path)
        } catch {
            diagnostics.emit(Diagnostic(
                .configureNoBundles, "the stats file names a bundle that cannot be read: \(error)", at: .file(path),
                fix: "pass the STATIC_ROOT the image was built with (and --bundle-dir-name if BUNDLE_DIR_NAME is not bundles/)",
                notes: ["stats file: \(statsPath)"]))
            return nil
        }
        switch DeployTimeConfigSlot.locate(in: bytes) {
        case .success(let located): return BundleCopy(path: path, bytes: bytes, located: located)
        case .failure(.absent):
            diagnostics.emit(Diagnostic(
                .configSlotAbsent, "this bundle was built without --deploy-time-config: its config is pasted into the code",
                at: .file(path, line: 1, column: 1),
                fix: "build the image with `proctoring-assets build --deploy-time-config`, then run configure at container start"))
        case .failure(.damaged(let why)):
            diagnostics.emit(Diagnostic(
                .configSlotDamaged, "the deploy-time config slot of this bundle is damaged: \(why)", at: .file(path, line: 1, column: 1),
                fix: "rebuild with `proctoring-assets build --deploy-time-config`; do not post-process the bundles"))
        }
        return nil
    }

    /// With hashed static storage: the new hashed copy of each bundle and its staticfiles.json entry, as `build`
    /// writes them (the previous hashed copies stay, as collectstatic leaves them).
    private func stageHashedCopies(
        _ rewritten: [RewrittenBundle], staticRoot: String, stage: (String, [UInt8]) -> Void,
        diagnostics: DiagnosticCollector
    ) {
        let manifestPath = PathComponents.join(staticRoot, StaticFilesManifest.fileName)
        guard let manifestBytes = try? fileSystem.readFile(manifestPath) else { return }
        var manifest: StaticFilesManifest
        switch StaticFilesManifest.parse(bytes: manifestBytes, path: manifestPath) {
        case .failure(let error):
            diagnostics.absorb(error)
            return
        case .success(let loaded): manifest = loaded
        }
        for bundle in rewritten {
            let hashedName = StaticFilesManifest.hashedName(of: bundle.name, content: bundle.bytes)
            manifest.record(bundle.name, hashedName: hashedName)
            stage(PathComponents.join(staticRoot, hashedName), bundle.bytes)
        }
        let rendered = Array(manifest.rendered().utf8)
        if rendered != manifestBytes { stage(manifestPath, rendered) }
    }

    /// The stats document with each rewritten file's `integrity` recomputed (same algorithms, same order);
    /// nil when no file of it has one (the stats file does not depend on the bytes then).
    private func statsWithIntegrity(
        _ document: JSONValue, format: StatsFormat, rewritten: [RewrittenBundle]
    ) -> [UInt8]? {
        var bytesByFile: [String: [UInt8]] = [:]
        for bundle in rewritten { bytesByFile[bundle.statsName] = bundle.bytes }
        var changed = false
        func update(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(var members):
                if let name = value["name"]?.stringValue, let bytes = bytesByFile[name],
                    let index = members.firstIndex(where: { $0.key == "integrity" }), let old = members[index].value.stringValue
                {
                    let algorithms = old.split(separator: " ").compactMap { entry in
                        entry.split(separator: "-").first.flatMap { SubresourceIntegrity.Algorithm(rawValue: String($0)) }
                    }
                    members[index].value = .string(StatsIntegrity.value(of: bytes, algorithms: algorithms))
                    changed = true
                }
                return .object(members.map { JSONMember($0.key, update($0.value)) })
            case .array(let elements): return .array(elements.map(update))
            default: return value
            }
        }
        let updated = update(document)
        guard changed else { return nil }
        return Array(JSONWriter.write(updated, style: WorkerStatsWriter.style(for: format)).utf8)
    }
}
