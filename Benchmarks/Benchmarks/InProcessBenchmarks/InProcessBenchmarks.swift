import Benchmark
import BenchmarkWorkload
import Bundler
import FileSystemSupport
import Foundation
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
        // package-benchmark runs this setup once per benchmark process: one fixed place, replaced each time,
        // keeps those runs from leaving workloads behind in the temp directory.
        let parent = NSTemporaryDirectory() + "/proctoring-assets-inprocess-benchmark"
        try? FileManager.default.removeItem(atPath: parent)
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        workload = try ReferenceWorkload.create(in: parent)
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
