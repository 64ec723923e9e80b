// swift-tools-version: 6.1
import PackageDescription

// `scripts/package` sets this to the commit it builds, so `--version` of a packaged binary names it.
let packageCommit = Context.environment["PROCTORING_ASSETS_PACKAGE_COMMIT"].flatMap { $0.isEmpty ? nil : $0 }

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
        // Low targets every stage shares.
        // Base64, SRI, source map VLQs and text positions: the one copy every stage uses.
        .target(name: "Encodings", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "OrderedJSON", dependencies: ["Encodings"]),
        .target(name: "Diagnostics", dependencies: ["OrderedJSON"]),
        // Runs deep recursive work (syntax trees) on a thread with a large stack.
        .target(name: "ThreadSupport"),
        .target(name: "FileSystemSupport", dependencies: ["Diagnostics"]),
        // Pure: lexer, parser, printer, minifier, source maps (no file system).
        .target(name: "JavaScript", dependencies: ["Diagnostics", "OrderedJSON", "Encodings", "ThreadSupport"]),
        // Pipeline stages, in order.
        .target(
            name: "DeploymentSettings",
            dependencies: [
                "Diagnostics", "OrderedJSON", "Encodings", "FileSystemSupport", "ThreadSupport", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "ProctoringBackends",
            dependencies: ["Diagnostics", "OrderedJSON", "Encodings", "FileSystemSupport", "DeploymentSettings"]
        ),
        .target(
            name: "Bundler",
            dependencies: [
                "Diagnostics", "OrderedJSON", "Encodings", "FileSystemSupport", "JavaScript", "ThreadSupport",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .target(
            name: "BundleManifest",
            dependencies: [
                "Diagnostics", "OrderedJSON", "Encodings", "FileSystemSupport", "DeploymentSettings",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "WorkerRuntime",
            dependencies: [
                "Diagnostics", "OrderedJSON", .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            // Embedded as WorkerHarnessSource.swift (scripts/embed-worker-harness): the binary ships alone.
            exclude: ["worker-harness.mjs"]
        ),
        .target(
            name: "CBuildInfo",
            cSettings: packageCommit.map { [.define("PROCTORING_ASSETS_PACKAGE_COMMIT", to: "\"\($0)\"")] } ?? []
        ),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // getdents64 and fstatfs for the build cache's input check (RecordedInputCheck), from libc.
        .systemLibrary(name: "CFolderListing", path: "Sources/CFolderListing"),
        .target(
            name: "Verification",
            dependencies: [
                "Diagnostics", "OrderedJSON", "Encodings", "FileSystemSupport", "DeploymentSettings", "JavaScript",
                "BundleManifest", "ProctoringBackends", "CZlib", "ThreadSupport", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Doctor",
            dependencies: [
                "Diagnostics", "OrderedJSON", "Encodings", "FileSystemSupport", "DeploymentSettings", "ProctoringBackends",
                "JavaScript", "Bundler", "BundleManifest", .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The preview LMS of `serve`: Hummingbird 2 and GRDB, over low targets only.
        .target(
            name: "PreviewServer",
            dependencies: [
                "Diagnostics", "OrderedJSON", "FileSystemSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The facade: one pipeline the commands (and the preview server) call.
        .target(
            name: "ProctoringAssets",
            dependencies: [
                "Diagnostics", "OrderedJSON", "Encodings", "FileSystemSupport", "DeploymentSettings", "ProctoringBackends",
                "JavaScript", "Bundler", "BundleManifest", "WorkerRuntime", "Verification", "Doctor", "PreviewServer",
                "CBuildInfo", "CFolderListing", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "proctoring-assets",
            dependencies: [
                "ProctoringAssets", "Diagnostics", "DeploymentSettings", "ProctoringBackends", "BundleManifest", "Verification",
                "PreviewServer", "FileSystemSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "OrderedJSONTests", dependencies: ["OrderedJSON"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "OrderedJSON"]),
        .testTarget(name: "EncodingsTests", dependencies: ["Encodings"]),
        .testTarget(name: "FileSystemSupportTests", dependencies: ["FileSystemSupport", "Diagnostics", "TestSupport"]),
        .testTarget(name: "DeploymentSettingsTests", dependencies: ["DeploymentSettings", "Diagnostics", "FileSystemSupport", "OrderedJSON", "TestSupport"]),
        .testTarget(
            name: "ProctoringBackendsTests",
            dependencies: ["ProctoringBackends", "DeploymentSettings", "Diagnostics", "Encodings", "FileSystemSupport", "OrderedJSON", "TestSupport"]
        ),
        .testTarget(name: "JavaScriptTests", dependencies: ["JavaScript", "Diagnostics", "TestSupport"]),
        .testTarget(
            name: "BundlerTests",
            dependencies: ["Bundler", "Diagnostics", "Encodings", "FileSystemSupport", "JavaScript", "OrderedJSON", "ThreadSupport", "WorkerRuntime", "TestSupport"]
        ),
        .testTarget(name: "BundleManifestTests", dependencies: ["BundleManifest", "Diagnostics", "FileSystemSupport", "OrderedJSON", "TestSupport"]),
        .testTarget(name: "WorkerRuntimeTests", dependencies: ["WorkerRuntime", "Diagnostics", "OrderedJSON"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Diagnostics", "FileSystemSupport", "TestSupport"]),
        .testTarget(
            name: "DoctorTests",
            dependencies: [
                "Doctor", "Bundler", "DeploymentSettings", "Diagnostics", "Encodings", "FileSystemSupport", "OrderedJSON", "TestSupport",
                "ThreadSupport",
            ]
        ),
        .testTarget(
            name: "PreviewServerTests",
            dependencies: [
                "PreviewServer", "OrderedJSON", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ProctoringAssetsTests",
            dependencies: [
                "ProctoringAssets", "DeploymentSettings", "Diagnostics", "Encodings", "OrderedJSON", "WorkerRuntime", "TestSupport",
                "FileSystemSupport", "ProctoringBackends",
            ]
        ),
        // The wheel of scripts/package and its Tutor plugin (scripts/test builds the wheel once, PA_TEST_WHEEL).
        .testTarget(name: "PackagingTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
