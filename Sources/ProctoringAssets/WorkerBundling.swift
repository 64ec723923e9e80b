import Bundler
import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import ProctoringBackends

/// Bundles every entry of a workers.json with the chosen back end, as edx-platform's webpack worker
/// config does: `context` is edx-platform's root; JS_ENV_EXTRA_CONFIG and NODE_ENV come from the build
/// environment, parsed once into the define model every back end uses.
struct WorkerBundling {
    let fileSystem: any FileSystem

    struct Result {
        var bundles: [BuiltWorker]
        var mode: ResolverOptions.Mode
        var minified: Bool

        var summary: String {
            bundles.map { "\($0.fileName) (\($0.detail), \($0.bytes.count) bytes, \(mode.rawValue)\(minified ? ", minified" : ""))" }
                .joined(separator: "; ")
        }
    }

    /// The bundles, or nil when any could not be built (the reasons are in `diagnostics`).
    func build(
        _ config: WorkerConfig, workersJSONPath: String, contextDirectory: String, defines: BuildDefines,
        options: BuildOptions, diagnostics collector: DiagnosticCollector
    ) async -> Result? {
        let mode = defines.mode
        let bundleOptions = BundleOptions(
            mode: mode, minify: options.minify, sourceMap: options.sourceMap, defines: defines.defines,
            deployTimeConfig: options.deployTimeConfig)
        if options.deployTimeConfig, options.bundler != .native {
            collector.emit(Diagnostic(
                .deployTimeConfigNeedsNativeBundler,
                "--deploy-time-config needs the native bundler: \(options.bundler.rawValue) pastes the values into the code, where `configure` cannot find them",
                at: .flag("--bundler"), fix: "drop --bundler \(options.bundler.rawValue) (the native bundler is the default)"))
            return nil
        }
        if options.javaScriptModules != nil, options.bundler != .native {
            collector.emit(Diagnostic(
                .jsFromPythonBundlerUnsupported,
                "--js-from-python needs the native bundler: \(options.bundler.rawValue) would look for the modules in node_modules",
                at: .flag("--bundler"), fix: "drop --bundler \(options.bundler.rawValue), or install the npm packages and drop --js-from-python"))
            return nil
        }
        var entryPoints: [Bundler.EntryPoint] = []
        if let modules = options.javaScriptModules {
            entryPoints = PythonDistributionModules(fileSystem: fileSystem, modules: modules, contextDirectory: contextDirectory, mode: mode)
                .entryPoints(config, workersJSONPath: workersJSONPath, diagnostics: collector)
        }
        for entry in config.entries where options.javaScriptModules == nil {
            let value = JSONValue.array(entry.requests.map(JSONValue.string))
            switch EntryPoint.fromWorkersConfig(
                name: entry.name, value: value, contextDirectory: contextDirectory, location: .file(workersJSONPath))
            {
            case .failure(let error): collector.absorb(error)
            case .success(let entryPoint): entryPoints.append(entryPoint)
            }
        }
        var bundles: [BuiltWorker] = []
        switch options.bundler {
        case .native:
            let builder = BundleBuilder(fileSystem: fileSystem, mode: mode, moduleFiles: options.javaScriptModules?.moduleFiles ?? [:])
            for entryPoint in entryPoints {
                do {
                    bundles.append(BuiltWorker(try builder.build(entry: entryPoint, options: bundleOptions, diagnostics: collector)))
                } catch {
                    collector.absorb(error)
                }
            }
        case .webpack, .esbuild:
            // The native bundler checks the values a module reads; the external tools get them checked as a
            // whole, with the same codes.
            collector.emit(contentsOf: DefineValidation.valueProblems(of: defines.defines, severity: .warning))
            // The tools run in the real environment (PATH, NODE_PATH, …); the build variables are passed explicitly.
            let toolEnvironment = ProcessInfo.processInfo.environment
            let backend: any ExternalBundlerBackend =
                options.bundler == .webpack
                ? WebpackBackend(environment: toolEnvironment) : EsbuildBackend(environment: toolEnvironment)
            bundles = await external(backend, entryPoints, defines: defines.defines, mode: mode, diagnostics: collector)
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

    /// Runs webpack or esbuild into a temporary folder and takes the bundles from there, so that they are
    /// written together with the other files, as the native ones are.
    private func external(
        _ backend: any ExternalBundlerBackend, _ entryPoints: [Bundler.EntryPoint], defines: DefineSet,
        mode: ResolverOptions.Mode, diagnostics collector: DiagnosticCollector
    ) async -> [BuiltWorker] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("proctoring-assets-\(backend.toolName)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let request = ExternalBundleRequest(
            entries: entryPoints, defines: defines,
            mode: mode == .development ? .development : .production, outputDirectory: scratch)
        let result = await backend.bundle(request)
        collector.emit(contentsOf: result.diagnostics)
        guard result.succeeded else { return [] }
        var bundles: [BuiltWorker] = []
        for entryPoint in entryPoints {
            let path = PathComponents.join(scratch, entryPoint.outputRelativePath)
            do {
                let bytes = try DiskFileSystem().readFile(path)
                bundles.append(BuiltWorker(entryName: entryPoint.name, fileName: entryPoint.outputRelativePath, bytes: bytes, tool: backend.toolName))
            } catch {
                collector.emit(Diagnostic(
                    .noBundleProduced, "\(backend.toolName) reported success but wrote no \(entryPoint.outputRelativePath): \(error)",
                    fix: "run the build with --bundler native, or check the \(backend.toolName) installation"))
            }
        }
        return bundles
    }
}
