import Bundler
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// `WorkerBundling` behind `--cache DIR`: reuses the bundles of an earlier build when the key (settings'
/// decisions, defines, options, tool) is the same and every file-system question the bundler asked then
/// (file contents, probed paths that existed or not, folder listings, symbolic links) gets the same answer
/// now; otherwise bundles from scratch, recording those questions, and stores the result. Either way the
/// bundles go on through the same stats, staging and commit as without a cache.
struct CachedWorkerBundling {
    let fileSystem: any FileSystem

    func build(
        _ config: WorkerConfig, workersJSONPath: String, contextDirectory: String, defines: BuildDefines,
        options: BuildOptions, diagnostics collector: DiagnosticCollector
    ) async -> (result: WorkerBundling.Result, cache: BuildCacheReport?)? {
        guard let directory = options.cacheDirectory else {
            return await bundle(config, workersJSONPath, contextDirectory, defines, options, fileSystem, collector).map { ($0, nil) }
        }
        guard options.bundler == .native else {
            collector.emit(Diagnostic(
                .buildCacheNotUsed, "--cache is not used with --bundler \(options.bundler.rawValue): that tool's file reads cannot be recorded",
                at: .flag("--cache"), fix: "leave out --cache, or build with --bundler native"))
            return await bundle(config, workersJSONPath, contextDirectory, defines, options, fileSystem, collector).map { ($0, nil) }
        }
        let cache = BuildCache(directory: PathComponents.absolute(directory, relativeTo: options.workers.workingDirectory))
        let key = BuildCacheKey(
            config: config, workersJSONPath: workersJSONPath, contextDirectory: contextDirectory, defines: defines, options: options,
            tool: .current)
        var report = BuildCacheReport(directory: cache.directory, key: key.value)
        switch cache.lookup(key, inputsIn: fileSystem) {
        case .hit(let entry):
            collector.emit(contentsOf: entry.diagnostics)
            report.hit = true
            report.inputCount = entry.inputs.count
            report.knownIntegrities = entry.integrities
            return (WorkerBundling.Result(bundles: entry.bundles, mode: entry.mode, minified: entry.minified), report)
        case .miss(let reason):
            report.missReason = reason
        case .unusable(let reason):
            report.missReason = "entry ignored: \(reason)"
            collector.emit(Diagnostic(
                .buildCacheEntryUnusable, "build cache entry ignored, bundling from scratch: \(reason)", at: .flag("--cache"),
                fix: "nothing to do: the entry is replaced by this build's"))
        }

        let recording = RecordingFileSystem(base: fileSystem)
        let bundlingDiagnostics = DiagnosticCollector()
        let built = await bundle(config, workersJSONPath, contextDirectory, defines, options, recording, bundlingDiagnostics)
        collector.emit(contentsOf: bundlingDiagnostics.diagnostics)
        guard let built else { return nil }
        let inputs = recording.recordedInputs
        report.inputCount = inputs.count
        if options.dryRun {
            report.notStoredReason = "dry run"
        } else if recording.sawInputChange {
            report.notStoredReason = "a file changed while the workers were bundled"
        } else {
            let entry = BuildCacheEntry(
                key: key.value, inputs: inputs, bundles: built.bundles, mode: built.mode, minified: built.minified,
                diagnostics: bundlingDiagnostics.diagnostics)
            do {
                try cache.store(entry, key: key)
                report.stored = true
                report.knownIntegrities = entry.integrities
            } catch {
                report.notStoredReason = error.description
                collector.emit(Diagnostic(
                    .buildCacheNotWritten, "the bundles were not stored in the build cache: \(error)", at: .flag("--cache"),
                    fix: "give --cache a writable folder"))
            }
        }
        return (built, report)
    }

    private func bundle(
        _ config: WorkerConfig, _ workersJSONPath: String, _ contextDirectory: String, _ defines: BuildDefines, _ options: BuildOptions,
        _ fileSystem: any FileSystem, _ collector: DiagnosticCollector
    ) async -> WorkerBundling.Result? {
        await WorkerBundling(fileSystem: fileSystem).build(
            config, workersJSONPath: workersJSONPath, contextDirectory: contextDirectory, defines: defines, options: options,
            diagnostics: collector)
    }
}

/// What the build cache did, for the progress line and `result.cache` of `--format json`.
struct BuildCacheReport: Sendable {
    var directory: String
    var key: String
    /// The bundles came from the cache.
    var hit = false
    /// Why they did not (no entry, which input changed, an ignored entry).
    var missReason: String?
    /// The bundles of this build were stored.
    var stored = false
    var notStoredReason: String?
    /// How many file-system answers the entry checks.
    var inputCount = 0
    /// The SHA-384 values of the bundles (and source maps) as the entry holds them, for the report.
    var knownIntegrities: [KnownIntegrity] = []

    var summary: String {
        if hit { return "from the build cache (\(inputCount) inputs unchanged)" }
        let why = missReason.map { "not in the build cache: \($0)" } ?? "not in the build cache"
        return stored ? "\(why); stored" : "\(why); not stored (\(notStoredReason ?? "unknown reason"))"
    }

    var json: JSONValue {
        .object([
            JSONMember("directory", .string(directory)),
            JSONMember("key", .string(key)),
            JSONMember("status", .string(hit ? "hit" : "miss")),
            JSONMember("missReason", missReason.map(JSONValue.string) ?? .null),
            JSONMember("stored", .bool(stored)),
            JSONMember("inputs", .integer(inputCount)),
        ])
    }
}
