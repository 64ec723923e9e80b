// swift-tools-version: 6.1
import PackageDescription

// A separate package so that `swift test` of the root package never builds the benchmarks or fetches
// package-benchmark. Run from the repository root:
//   swift run -c release --package-path Benchmarks compare-bundlers
//   swift package --package-path Benchmarks benchmark
let package = Package(
    name: "proctoring-assets-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "proctoring-assets", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Lays out the reference workload (~500 modules) in a temporary directory.
        .target(name: "BenchmarkWorkload"),
        // Whole-process comparison: esbuild, webpack, ours.
        .executableTarget(
            name: "compare-bundlers",
            dependencies: ["BenchmarkWorkload", .product(name: "ProctoringAssetsInternals", package: "proctoring-assets")]
        ),
        // In-process pieces with package-benchmark.
        .executableTarget(
            name: "InProcessBenchmarks",
            dependencies: [
                "BenchmarkWorkload",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ProctoringAssetsInternals", package: "proctoring-assets"),
            ],
            path: "Benchmarks/InProcessBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
