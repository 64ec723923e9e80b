import Foundation

/// A real worker build made at test time: the example deployment's provider bundled with esbuild
/// (PA_TEST_ESBUILD) with its JS_ENV_EXTRA_CONFIG define, inside an image root that is a copy of the
/// example's ENV_ROOT, plus workers.json and the stats file; archives are made with Python's tarfile.
struct VerifyBuildFixture {
    struct ToolMissing: Error, CustomStringConvertible {
        var description: String
    }

    enum Tracker: String, CaseIterable, Sendable { case v04, v1 }

    static let worker = "example-proctor-worker"
    static let goodDefine = #"--define:process.env.JS_ENV_EXTRA_CONFIG.EXAMPLE_PROCTOR_URL="https://proctor.example.com/api""#

    let folder: String
    var imageRoot: String { folder + "/image" }
    var envRoot: String { imageRoot + "/openedx" }
    var staticRoot: String { envRoot + "/staticfiles" }
    var bundlePath: String { staticRoot + "/bundles/\(Self.worker).js" }

    /// Copies the example's ENV_ROOT and builds the worker into its static root.
    init(tracker: Tracker, define: String? = VerifyBuildFixture.goodDefine) throws {
        folder = try CommandLineRunner.temporaryFolder("verify")
        let example = CommandLineRunner.packageRoot + "/Examples/deployment/openedx"
        try FileManager.default.createDirectory(atPath: imageRoot, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: example, toPath: envRoot)
        try bundle(define: define)
        let loader = tracker == .v04 ? "0.7.0" : "3.2.3"
        let metadata = envRoot + "/venv/lib/python3.11/site-packages/django_webpack_loader-\(loader).dist-info"
        try FileManager.default.createDirectory(atPath: metadata, withIntermediateDirectories: true)
        try write(metadata + "/METADATA", "Name: django-webpack-loader\nVersion: \(loader)\n")
        try write(envRoot + "/workers.json", #"{"example-proctor-worker": ["babel-polyfill", "/openedx/edx-platform/node_modules/example-proctor-worker/static/worker.js"]}"#)
        try write(staticRoot + "/webpack-worker-stats.json", Self.stats(tracker: tracker))
    }

    static func stats(tracker: Tracker, listing: Bool = true) -> String {
        let name = worker + ".js"
        let path = "/openedx/edx-platform/common/static/bundles/" + name
        switch tracker {
        case .v04:
            let chunks = listing ? #""\#(worker)":[{"name":"\#(name)","path":"\#(path)"}]"# : ""
            return #"{"status":"done","chunks":{\#(chunks)}}"#
        case .v1:
            let assets = listing ? "\n    \"\(name)\": {\n      \"name\": \"\(name)\",\n      \"path\": \"\(path)\"\n    }\n  " : ""
            let chunks = listing ? "\n    \"\(worker)\": [\n      \"\(name)\"\n    ]\n  " : ""
            return "{\n  \"status\": \"done\",\n  \"assets\": {\(assets)},\n  \"chunks\": {\(chunks)}\n}"
        }
    }

    /// Bundles babel-polyfill + the provider's main, as the webpack entry of workers.json does.
    func bundle(define: String?) throws {
        guard let esbuild = ProcessInfo.processInfo.environment["PA_TEST_ESBUILD"], !esbuild.isEmpty else {
            throw ToolMissing(description: "PA_TEST_ESBUILD is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        }
        let nodeModules = envRoot + "/edx-platform/node_modules"
        let entry = folder + "/entry.js"
        try write(entry, "import \"\(nodeModules)/babel-polyfill\";\nimport \"\(nodeModules)/example-proctor-worker/static/worker.js\";\n")
        var arguments = [entry, "--bundle", "--format=iife", "--platform=browser", "--log-level=error", "--outfile=" + bundlePath]
        if let define { arguments.append(define) }
        try run(esbuild, arguments)
    }

    /// A .tar.gz of the image root (`openedx/…`) or of the static root alone (`staticfiles/…`).
    func archive(staticRootOnly: Bool) throws -> String {
        let output = folder + (staticRootOnly ? "/static.tar.gz" : "/image.tar.gz")
        let (source, name) = staticRootOnly ? (staticRoot, "staticfiles") : (envRoot, "openedx")
        let script = "import sys, tarfile\nwith tarfile.open(sys.argv[1], 'w:gz') as t:\n    t.add(sys.argv[2], arcname=sys.argv[3])\n"
        _ = try UpstreamPython.run(script, arguments: [output, source, name])
        return output
    }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolMissing(description: "\(executable) failed: \(String(decoding: data, as: UTF8.self))")
        }
    }
}
