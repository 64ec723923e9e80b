import Foundation
import Testing

/// The example deployment with the real Proctortrack provider in place of the example one: the wheel's
/// files (PA_TEST_PROCTORTRACK_V1 / _V2, `pip install --target` by scripts/install-test-tools) in
/// site-packages, Proctortrack as the default backend in lms.yml, and a node_modules laid out from the
/// wheels the way npm installs the same repositories (package.json `main` as in the providers' repos:
/// verificient/edx-proctoring-proctortrack and openedx/edx-proctoring), with @edx/edx-proctoring from the
/// edx-proctoring 6.1.4 wheel (PA_TEST_EDX_PROCTORING).
struct ProctortrackDeployment {
    enum Worker: String, Sendable, CaseIterable {
        case v1, v2

        var wheelVariable: String { self == .v1 ? "PA_TEST_PROCTORTRACK_V1" : "PA_TEST_PROCTORTRACK_V2" }
        var npmName: String { self == .v1 ? "edx-proctoring-proctortrack" : "edx-proctoring-proctortrack-v2" }
        var version: String { self == .v1 ? "1.2.1" : "2.0.1" }
    }

    static let workerMain = "edx_proctoring_proctortrack/static/proctortrack_custom.js"
    /// A P-256 public key (base64 SPKI) for a hermetic v2 build: with no application to answer, no reply is signed.
    static let someP256PublicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECW9NljEeKTBiC9+milo33HSeQI/yPZRq22VJV5I2wKWjV/0y8w6tMgJijgrmFTPghgLrBMHPCCn0VPAthg9rrA=="

    let worker: Worker
    let scratch: String
    var envRoot: String { scratch + "/openedx" }
    var bundlePath: String { envRoot + "/staticfiles/bundles/\(worker.npmName).js" }

    init(_ worker: Worker) throws {
        self.worker = worker
        scratch = try CommandLineRunner.temporaryFolder("proctortrack-\(worker.rawValue)") + "/copy"
        let copied = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
        try #require(copied.status == 0, "\(copied.standardOutput)\n\(copied.standardError)")
        let environment = ProcessInfo.processInfo.environment
        let wheel = try #require(
            environment[worker.wheelVariable].flatMap { $0.isEmpty ? nil : $0 },
            "\(worker.wheelVariable) is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        let edxProctoring = try #require(
            environment["PA_TEST_EDX_PROCTORING"].flatMap { $0.isEmpty ? nil : $0 },
            "PA_TEST_EDX_PROCTORING is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        let files = FileManager.default

        let lmsYAML = envRoot + "/config/lms.yml"
        let yaml = try String(contentsOfFile: lmsYAML, encoding: .utf8)
            .replacingOccurrences(of: "DEFAULT: example_proctor", with: "DEFAULT: proctortrack")
            .replacingOccurrences(of: "  example_proctor:", with: "  proctortrack:")
        try yaml.write(toFile: lmsYAML, atomically: true, encoding: .utf8)

        let sitePackages = envRoot + "/venv/lib/python3.11/site-packages"
        for entry in try files.contentsOfDirectory(atPath: wheel) where entry.hasPrefix("edx_proctoring_proctortrack") {
            try files.copyItem(atPath: wheel + "/" + entry, toPath: sitePackages + "/" + entry)
        }

        let nodeModules = envRoot + "/edx-platform/node_modules"
        let edxPackage = nodeModules + "/@edx/edx-proctoring"
        try files.removeItem(atPath: edxPackage)
        try Self.install(
            package: #"{"name": "@edx/edx-proctoring", "version": "6.1.4", "main": "edx_proctoring/static/index.js"}"#,
            file: edxProctoring + "/edx_proctoring/static/index.js", as: "edx_proctoring/static/index.js", into: edxPackage)
        try Self.install(
            package: #"{"name": "\#(worker.npmName)", "version": "\#(worker.version)", "main": "\#(Self.workerMain)", "peerDependencies": {"@edx/edx-proctoring": "^4.18.1"}}"#,
            file: wheel + "/" + Self.workerMain, as: Self.workerMain, into: nodeModules + "/" + worker.npmName)
    }

    private static func install(package: String, file: String, as relativePath: String, into folder: String) throws {
        let target = folder + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: file, toPath: target)
        try package.write(toFile: folder + "/package.json", atomically: true, encoding: .utf8)
    }

    /// JS_ENV_EXTRA_CONFIG as operators set it: v1 reads its keys one by one, v2 the whole object.
    static func extraConfig(_ worker: Worker, publicKey: String = someP256PublicKey) -> String {
        switch worker {
        case .v1:
            return #"{"PROCTORTRACK_CDN_URL": "\"https://cdn.proctortrack.example/proctortrack.js\"", "PROCTORTRACK_CONFIG_KEY": "\"smoke-test-key\""}"#
        case .v2:
            return #"{"PROCTORTRACK_PUBLIC_KEY": "\"\#(publicKey)\""}"#
        }
    }

    /// `build` with the native bundler, as an operator runs it.
    func build(extraConfig: String, _ extraArguments: [String] = []) throws {
        let arguments = [
            "build", "--settings", "example_site.assets", "--python-path", envRoot + "/site-settings",
            "--python-path", envRoot + "/edx-platform", "--config-yaml", envRoot + "/config/lms.yml",
            "--site-packages", envRoot + "/venv/lib/python3.11/site-packages",
        ] + extraArguments
        let built = try CommandLineRunner.run(
            arguments, environment: ["LMS_CFG": envRoot + "/config/lms.yml", "JS_ENV_EXTRA_CONFIG": extraConfig])
        try #require(built.status == 0, "\(built.standardOutput)\n\(built.standardError)")
        try #require(FileManager.default.fileExists(atPath: bundlePath), "build wrote no \(bundlePath)")
    }

    func verifySmoke(_ extra: [String] = []) throws -> CommandLineRunner.Outcome {
        try CommandLineRunner.run(["verify", scratch, "--smoke"] + extra)
    }
}

/// The stand-in desktop application (Tests/Fixtures/Proctortrack/desktop-standin.mjs) on 127.0.0.1:54545,
/// the port the 2.x worker calls.
final class DesktopStandIn {
    let process = Process()
    private let input = Pipe()
    let log: String
    let publicKey: String

    init(signWithAnotherKey: Bool = false) throws {
        let node = try #require(
            ProcessInfo.processInfo.environment["PA_TEST_NODE"].flatMap { $0.isEmpty ? nil : $0 },
            "PA_TEST_NODE is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        let script = CommandLineRunner.packageRoot + "/Tests/Fixtures/Proctortrack/desktop-standin.mjs"
        log = try CommandLineRunner.temporaryFolder("standin") + "/requests.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [script, "54545"] + (signWithAnotherKey ? ["--sign-with-another-key"] : [])
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any]
        guard let key = object?["publicKey"] as? String else {
            input.fileHandleForWriting.closeFile()
            process.waitUntilExit()
            let reason = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw StandInFailed(description: "the desktop stand-in did not start on 127.0.0.1:54545: \(reason)")
        }
        publicKey = key
    }

    struct StandInFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// The requests it answered, one `METHOD path` a line.
    var requests: [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func stop() {
        input.fileHandleForWriting.closeFile()
        process.waitUntilExit()
    }
}
