import Foundation
import Testing
import TestSupport

/// The wheel scripts/package wrote (scripts/test builds it once per run and names it in PA_TEST_WHEEL),
/// installed into fresh virtualenvs the tests make.
struct PackagedWheel {
    let path: String

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The wheel named by PA_TEST_WHEEL; a test without it fails (never skips).
    static func fromEnvironment() throws -> PackagedWheel {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(
            environment["PA_TEST_WHEEL"].flatMap { $0.isEmpty ? nil : $0 },
            "PA_TEST_WHEEL is not set: run the tests with scripts/test, which builds the wheel with scripts/package")
        try #require(FileManager.default.fileExists(atPath: path), "PA_TEST_WHEEL names \(path), which does not exist")
        return PackagedWheel(path: path)
    }

    /// The interpreter fresh virtualenvs are made from (a real CPython, not a shim).
    static func basePython() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["PA_TEST_VENV_PYTHON"].flatMap { $0.isEmpty ? nil : $0 },
            "PA_TEST_VENV_PYTHON is not set: eval \"$(scripts/install-test-tools)\" first")
    }

    var fileName: String { URL(fileURLWithPath: path).lastPathComponent }

    /// `0.1.0` of `proctoring_assets-0.1.0-py3-none-manylinux_2_35_x86_64.whl`.
    var version: String { fileName.split(separator: "-")[1].description }

    /// A PATH with the system's folders but no Swift toolchain (checked, not assumed).
    static func pathWithoutSwift(prepending folders: [String]) throws -> String {
        let system = ["/usr/local/bin", "/usr/bin", "/bin"]
        for folder in system {
            #expect(!FileManager.default.fileExists(atPath: folder + "/swift"), "\(folder) holds a swift executable")
            #expect(!FileManager.default.fileExists(atPath: folder + "/swiftc"), "\(folder) holds a swiftc executable")
        }
        return (folders + system).joined(separator: ":")
    }

    /// An environment for running installed programs: no Swift on PATH, no library path, nothing of the
    /// checkout (PROCTORING_ASSETS_EXAMPLE).
    static func cleanEnvironment(path: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": path, "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8", "NO_COLOR": "1"]
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"] { environment["TMPDIR"] = tmp }
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// A new virtualenv with this wheel installed by pip, from the local file only.
    func installIntoFreshVirtualenv(label: String) throws -> Virtualenv {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pa-\(label)-\(UUID().uuidString.prefix(8))").path
        let made = try ExternalProcess.run(try Self.basePython(), ["-m", "venv", folder])
        try #require(made.status == 0, "python -m venv failed: \(made.standardError)")
        let venv = Virtualenv(root: folder)
        let install = try venv.run("pip", ["install", "--no-index", "--disable-pip-version-check", path])
        try #require(install.status == 0, "pip install \(path) failed:\n\(install.standardOutput)\n\(install.standardError)")
        return venv
    }
}

struct Virtualenv {
    let root: String

    var bin: String { root + "/bin" }

    /// Runs `bin/<program>` with the system PATH minus any Swift toolchain.
    func run(_ program: String, _ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> ExternalProcess.Outcome {
        let environment = PackagedWheel.cleanEnvironment(
            path: try PackagedWheel.pathWithoutSwift(prepending: [bin]), extra: ["VIRTUAL_ENV": root].merging(extraEnvironment) { _, new in new })
        return try ExternalProcess.run(bin + "/" + program, arguments, environment: environment)
    }

    var sitePackages: String {
        get throws {
            let lib = root + "/lib"
            let python = try #require(try FileManager.default.contentsOfDirectory(atPath: lib).first { $0.hasPrefix("python") })
            return lib + "/" + python + "/site-packages"
        }
    }
}
