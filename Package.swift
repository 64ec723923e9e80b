// swift-tools-version: 6.1
import PackageDescription

// Targets follow the pipeline stages of DESIGN.md; a target only imports targets above it in this list.
let package = Package(
    name: "proctoring-assets",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ProctoringAssets", targets: ["ProctoringAssets"]),
        .executable(name: "proctoring-assets", targets: ["proctoring-assets"]),
        // Not an API: lets the Benchmarks/ package measure the pipeline stages in process.
        .library(name: "ProctoringAssetsInternals", targets: ["FileSystemSupport", "JavaScript", "Bundler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // `serve` only: the preview LMS. No traits: swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(name: "OrderedJSON"),
        .target(name: "Diagnostics", dependencies: ["OrderedJSON"]),
        .target(name: "FileSystemSupport"),
        .target(
            name: "DeploymentSettings",
            dependencies: ["Diagnostics", "OrderedJSON", "FileSystemSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ProctoringBackends",
            dependencies: ["Diagnostics", "OrderedJSON", "FileSystemSupport", "DeploymentSettings"]
        ),
        .target(name: "JavaScript", dependencies: ["Diagnostics"]),
        .target(
            name: "Bundler",
            dependencies: [
                "Diagnostics", "OrderedJSON", "FileSystemSupport", "JavaScript", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .target(
            name: "BundleManifest",
            dependencies: ["Diagnostics", "OrderedJSON", "FileSystemSupport", "Bundler", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "WorkerRuntime",
            dependencies: [
                "Diagnostics", "OrderedJSON", "FileSystemSupport",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            resources: [.copy("Resources/worker-harness.mjs")]
        ),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Verification",
            dependencies: [
                "Diagnostics", "OrderedJSON", "FileSystemSupport", "DeploymentSettings", "ProctoringBackends",
                "JavaScript", "Bundler", "BundleManifest", "CZlib", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "PreviewServer",
            dependencies: [
                "Diagnostics", "OrderedJSON", "FileSystemSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ProctoringAssets",
            dependencies: [
                "Diagnostics", "OrderedJSON", "FileSystemSupport", "DeploymentSettings", "ProctoringBackends", "JavaScript", "Bundler",
                "BundleManifest", "WorkerRuntime", "Verification", "PreviewServer",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "proctoring-assets",
            dependencies: [
                "ProctoringAssets", "Diagnostics", "BundleManifest", "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "OrderedJSONTests", dependencies: ["OrderedJSON"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "FileSystemSupportTests", dependencies: ["FileSystemSupport"]),
        .testTarget(name: "DeploymentSettingsTests", dependencies: ["DeploymentSettings", "TestSupport"]),
        .testTarget(name: "ProctoringBackendsTests", dependencies: ["ProctoringBackends", "TestSupport"]),
        .testTarget(name: "JavaScriptTests", dependencies: ["JavaScript", "TestSupport"]),
        .testTarget(name: "BundlerTests", dependencies: ["Bundler", "WorkerRuntime", "TestSupport"]),
        .testTarget(name: "BundleManifestTests", dependencies: ["BundleManifest", "TestSupport"]),
        .testTarget(name: "WorkerRuntimeTests", dependencies: ["WorkerRuntime"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "TestSupport"]),
        .testTarget(
            name: "PreviewServerTests",
            dependencies: [
                "PreviewServer", "OrderedJSON", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "ProctoringAssetsTests", dependencies: ["ProctoringAssets", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
