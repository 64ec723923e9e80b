import BenchmarkWorkload
import Bundler
import FileSystemSupport
import JavaScript

/// The reference workload's module graph, found once with our resolver and parser: every module's
/// source and every request the bundler has to resolve.
struct WorkloadGraph: Sendable {
    struct Module: Sendable {
        var path: String
        var source: [UInt8]
        var goal: SourceGoal
    }

    struct Request: Sendable {
        var specifier: String
        var importer: ImporterLocation
        var kind: RequestKind
    }

    var entry: EntryPoint
    var modules: [Module]
    var requests: [Request]

    static func discover(_ workload: ReferenceWorkload) throws -> WorkloadGraph {
        let resolver = ModuleResolver(fileSystem: DiskFileSystem())
        let entry = EntryPoint(
            name: ReferenceWorkload.workerName, requests: workload.entryRequests.map { .init(specifier: $0) },
            contextDirectory: workload.edxPlatform)
        var queue = try resolver.resolve(entry).get().modules
        var seen = Set(queue.map(\.path))
        var modules: [Module] = []
        var requests = workload.entryRequests.map {
            Request(specifier: $0, importer: .context(workload.edxPlatform), kind: .entry)
        }
        while !queue.isEmpty {
            let module = queue.removeFirst()
            guard module.format == .esm || module.format == .commonJS else { continue }
            let source = try resolver.readSource(of: module).get()
            let goal: SourceGoal = module.format == .esm ? .module : .commonJS
            // Files in CommonJS packages may still use import/export (webpack's javascript/auto).
            let program: Program
            do {
                program = try JavaScriptParser.parse(source: source, fileName: module.path, goal: goal)
            } catch {
                program = try JavaScriptParser.parse(source: source, fileName: module.path, goal: .module)
            }
            modules.append(Module(path: module.path, source: source, goal: program.goal))
            for reference in program.moduleReferences {
                let kind: RequestKind = reference.kind == .require ? .require : .importStatement
                let importer = ImporterLocation.file(module.path)
                requests.append(Request(specifier: reference.specifier, importer: importer, kind: kind))
                guard case .success(let found) = resolver.resolve(reference.specifier, from: importer, kind: kind) else { continue }
                if seen.insert(found.path).inserted { queue.append(found) }
            }
        }
        return WorkloadGraph(entry: entry, modules: modules, requests: requests)
    }
}
