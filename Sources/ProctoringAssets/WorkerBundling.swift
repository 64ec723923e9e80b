import Bundler
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// Bundles every entry of a workers.json with the native bundler, as edx-platform's webpack worker
/// config does: `context` is edx-platform's root, JS_ENV_EXTRA_CONFIG and NODE_ENV come from the
/// environment.
struct WorkerBundling {
    let fileSystem: any FileSystem

    struct Result {
        var bundles: [WorkerBundle]
        var mode: ResolverOptions.Mode
        var minified: Bool

        var summary: String {
            bundles.map { "\($0.fileName) (\($0.moduleCount) modules, \($0.bytes.count) bytes, \(mode.rawValue)\(minified ? ", minified" : ""))" }
                .joined(separator: "; ")
        }
    }

    /// The bundles, or nil when any could not be built (the reasons are in `diagnostics`).
    func build(
        _ config: WorkerConfig, workersJSONPath: String, contextDirectory: String, environment: [String: String],
        options: BuildOptions, diagnostics collector: DiagnosticCollector
    ) -> Result? {
        let mode: ResolverOptions.Mode = environment["NODE_ENV"] == "development" ? .development : .production
        let defines: DefineSet
        switch DefineSet.parse(jsEnvExtraConfig: environment[DefineSet.variableName]) {
        case .success(let parsed): defines = parsed
        case .failure(let error):
            collector.absorb(error)
            return nil
        }
        let bundleOptions = BundleOptions(mode: mode, minify: options.minify, sourceMap: options.sourceMap, defines: defines)
        let builder = BundleBuilder(fileSystem: fileSystem, mode: mode)
        var bundles: [WorkerBundle] = []
        for entry in config.entries {
            let value = JSONValue.array(entry.requests.map(JSONValue.string))
            switch EntryPoint.fromWorkersConfig(
                name: entry.name, value: value, contextDirectory: contextDirectory, location: .file(workersJSONPath))
            {
            case .failure(let error): collector.absorb(error)
            case .success(let entryPoint):
                do {
                    bundles.append(try builder.build(entry: entryPoint, options: bundleOptions, diagnostics: collector))
                } catch {
                    collector.absorb(error)
                }
            }
        }
        guard !collector.hasErrors, bundles.count == config.entries.count else {
            collector.emit(Diagnostic(
                .noBundleProduced,
                "no file was written: \(config.entries.count - bundles.count) of \(config.entries.count) worker bundle(s) could not be built",
                fix: "fix the errors above and run the build again"))
            return nil
        }
        return Result(bundles: bundles, mode: mode, minified: bundleOptions.minify)
    }
}
