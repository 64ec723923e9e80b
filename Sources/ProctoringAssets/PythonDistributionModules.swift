import Bundler
import Diagnostics
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// `--js-from-python` in the build: the bundler's entries for workers.json entries whose npm modules come
/// from files of installed Python distributions, babel-polyfill taken from node_modules only when one holds it,
/// and the text and JSON that state what was used.
struct PythonDistributionModules {
    let fileSystem: any FileSystem
    let modules: JavaScriptModuleMap
    /// webpack's `context` (edx-platform's root), from which babel-polyfill resolves.
    let contextDirectory: String
    /// The file babel-polyfill resolves to from the context directory, as webpack resolves the entry request;
    /// nil when no node_modules there holds it.
    let polyfillFile: String?

    static let polyfill = "babel-polyfill"

    init(fileSystem: any FileSystem, modules: JavaScriptModuleMap, contextDirectory: String, mode: ResolverOptions.Mode) {
        self.fileSystem = fileSystem
        self.modules = modules
        self.contextDirectory = contextDirectory
        let resolver = ModuleResolver(fileSystem: fileSystem, options: .webworker(mode: mode))
        if case .success(let module) = resolver.resolve(Self.polyfill, from: .context(contextDirectory), kind: .entry) {
            polyfillFile = module.path
        } else {
            polyfillFile = nil
        }
    }

    /// Maps the entries of an existing workers.json (`bundle`), whose npm modules are its keys.
    static func mapping(
        _ config: WorkerConfig, sitePackages: [String], request: JavaScriptFromPythonRequest, workingDirectory: String,
        fileSystem: any FileSystem, diagnostics collector: DiagnosticCollector
    ) -> JavaScriptModuleMap? {
        let mapper = DistributionModuleMapper(
            fileSystem: fileSystem, sitePackages: sitePackages, overrides: request.overrides, workingDirectory: workingDirectory)
        switch mapper.map(workers: config.entries.map { ($0.name, nil) }) {
        case .success(let map): return map
        case .failure(let error):
            collector.absorb(error)
            return nil
        }
    }

    /// One entry per workers.json entry: its leading requests (babel-polyfill) when they resolve, then the
    /// distribution file that stands for its npm module.
    func entryPoints(_ config: WorkerConfig, workersJSONPath: String, diagnostics collector: DiagnosticCollector) -> [Bundler.EntryPoint] {
        var entries: [Bundler.EntryPoint] = []
        for entry in config.entries {
            guard let mapping = modules.mapping(for: entry.name) else {
                collector.emit(Diagnostic(
                    .javaScriptModuleNotMapped, "workers.json entry '\(entry.name)' has no file of a Python distribution to build from",
                    at: .file(workersJSONPath),
                    fix: "name its file with \(JavaScriptModuleFileOverride.flag) \(entry.name)=PATH"))
                continue
            }
            var requests: [Bundler.EntryPoint.Request] = []
            for request in entry.requests.dropLast() {
                if request == Self.polyfill && polyfillFile == nil {
                    collector.emit(Diagnostic(
                        .babelPolyfillLeftOut,
                        "babel-polyfill left out of '\(entry.name)': no node_modules under \(contextDirectory) holds it, and no Python distribution ships it",
                        at: .file(workersJSONPath),
                        fix: "nothing to do for the browsers Open edX supports; to bundle it as upstream does, install babel-polyfill into edx-platform's node_modules",
                        notes: ["the bundle holds the provider's code with its syntax as written, without polyfills for browsers lacking ES2015+ built-ins"],
                        severity: .note))
                    continue
                }
                requests.append(Bundler.EntryPoint.Request(specifier: request, location: .file(workersJSONPath)))
            }
            requests.append(Bundler.EntryPoint.Request(specifier: mapping.file, location: .file(workersJSONPath)))
            entries.append(Bundler.EntryPoint(name: entry.name, requests: requests, contextDirectory: contextDirectory))
        }
        return entries
    }

    var summaryLines: [String] {
        modules.mappings.map(\.summaryLine) + [
            polyfillFile.map { "babel-polyfill: \($0) (from node_modules, bundled first as upstream does)" }
                ?? "babel-polyfill: left out (no node_modules holds it; see PA604)"
        ]
    }

    var json: JSONValue {
        .object([
            JSONMember("source", .string("python-distributions")),
            JSONMember("modules", .array(modules.mappings.map(\.jsonValue))),
            JSONMember("babelPolyfill", .object([
                JSONMember("included", .bool(polyfillFile != nil)),
                JSONMember("file", polyfillFile.map(JSONValue.string) ?? .null),
            ])),
        ])
    }
}
