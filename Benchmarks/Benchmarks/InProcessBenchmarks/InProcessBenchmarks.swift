import Benchmark
import BenchmarkWorkload
import Bundler
import FileSystemSupport
import JavaScript

/// In-process pieces of the bundler over the reference workload (~500 modules). Run with
/// `swift package --package-path Benchmarks benchmark` (see Benchmarks/README.md).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20)

    let graph: WorkloadGraph
    let workload: ReferenceWorkload
    do {
        workload = try ReferenceWorkload.create()
        graph = try WorkloadGraph.discover(workload)
    } catch {
        fatalError("cannot prepare the reference workload: \(error)")
    }
    print("reference workload: \(graph.modules.count) modules, \(graph.requests.count) requests, "
        + "\(graph.modules.reduce(0) { $0 + $1.source.count }) bytes of source")

    Benchmark("Parse all workload modules") { benchmark in
        for module in graph.modules {
            blackHole(try JavaScriptParser.parse(source: module.source, fileName: module.path, goal: module.goal))
        }
    }

    Benchmark("Parse and print all workload modules (whitespace-minified)") { benchmark in
        for module in graph.modules {
            let program = try JavaScriptParser.parse(source: module.source, fileName: module.path, goal: module.goal)
            blackHole(JavaScriptPrinter.print(program, options: .minifiedWhitespace))
        }
    }

    Benchmark("Resolve every request of the workload (fresh resolver)") { benchmark in
        let resolver = ModuleResolver(fileSystem: DiskFileSystem())
        for request in graph.requests {
            blackHole(resolver.resolve(request.specifier, from: request.importer, kind: request.kind))
        }
    }
}
