import Foundation

/// What the whole-process comparison needs of a workload: a deployment-shaped folder with edx-platform's
/// node_modules, one worker entry of workers.json and its JS_ENV_EXTRA_CONFIG.
public protocol BundlingWorkload: Sendable {
    /// For the table, e.g. "reference".
    var title: String { get }
    var root: String { get }
    /// webpack's context, where bare requests such as `babel-polyfill` resolve from.
    var edxPlatform: String { get }
    /// The workers.json key; the bundle is `<workerName>.js`.
    var workerName: String { get }
    /// JSON whose values are JavaScript code, as deployments set it.
    var extraConfig: String { get }
    /// The workers.json entry, in execution order.
    var entryRequests: [String] { get }
    /// The worker's own main module.
    var providerMain: String { get }
    var workersJSONPath: String { get }
}

extension BundlingWorkload {
    public var workersJSONPath: String { root + "/workers.json" }

    public func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ relativePath: String, _ text: String) throws {
        let path = root + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// The real Proctortrack 1.x worker and edx-proctoring's handler wrapper, from the wheels
/// scripts/install-test-tools installs (PA_TEST_PROCTORTRACK_V1, PA_TEST_EDX_PROCTORING), laid out as npm
/// installs the providers' repositories.
public struct ProctortrackFiles: Sendable {
    public static let npmName = "edx-proctoring-proctortrack"
    public static let workerMain = "edx_proctoring_proctortrack/static/proctortrack_custom.js"
    static let handlerMain = "edx_proctoring/static/index.js"
    /// Proctortrack 1.x reads these two keys; a CDN URL without `fb_cjs` keeps it off the network.
    public static let extraConfig =
        #"{"PROCTORTRACK_CDN_URL": "\"https://cdn.proctortrack.example/proctortrack.js\"", "PROCTORTRACK_CONFIG_KEY": "\"bench-key\""}"#

    /// The unpacked edx-proctoring-proctortrack 1.2.1 wheel.
    public var proctortrackWheel: String
    /// The unpacked edx-proctoring 6.1.4 wheel.
    public var edxProctoringWheel: String

    public init(proctortrackWheel: String, edxProctoringWheel: String) {
        self.proctortrackWheel = proctortrackWheel
        self.edxProctoringWheel = edxProctoringWheel
    }

    /// From the environment scripts/install-test-tools prints; nil with the reason when it is not set.
    public static func fromEnvironment(_ environment: [String: String]) -> Result<ProctortrackFiles, WorkloadError> {
        guard let proctortrack = environment["PA_TEST_PROCTORTRACK_V1"], !proctortrack.isEmpty,
            let edxProctoring = environment["PA_TEST_EDX_PROCTORING"], !edxProctoring.isEmpty
        else {
            return .failure(WorkloadError("PA_TEST_PROCTORTRACK_V1 / PA_TEST_EDX_PROCTORING are not set: run `eval \"$(scripts/install-test-tools)\"` first"))
        }
        return .success(ProctortrackFiles(proctortrackWheel: proctortrack, edxProctoringWheel: edxProctoring))
    }

    /// `@edx/edx-proctoring` and `edx-proctoring-proctortrack` under `modules`.
    func install(into modules: String) throws {
        try Self.install(
            package: #"{"name": "@edx/edx-proctoring", "version": "6.1.4", "main": "\#(Self.handlerMain)"}"#,
            file: edxProctoringWheel + "/" + Self.handlerMain, as: Self.handlerMain, into: modules + "/@edx/edx-proctoring")
        try Self.install(
            package: #"{"name": "\#(Self.npmName)", "version": "1.2.1", "main": "\#(Self.workerMain)"}"#,
            file: proctortrackWheel + "/" + Self.workerMain, as: Self.workerMain, into: modules + "/" + Self.npmName)
    }

    /// Only the handler wrapper (for workloads with their own worker).
    func installHandlerWrapper(into modules: String) throws {
        try Self.install(
            package: #"{"name": "@edx/edx-proctoring", "version": "6.1.4", "main": "\#(Self.handlerMain)"}"#,
            file: edxProctoringWheel + "/" + Self.handlerMain, as: Self.handlerMain, into: modules + "/@edx/edx-proctoring")
    }

    private static func install(package: String, file: String, as relativePath: String, into folder: String) throws {
        let target = folder + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.fileExists(atPath: file) else { throw WorkloadError("\(file) does not exist") }
        try FileManager.default.copyItem(atPath: file, toPath: target)
        try Data(package.utf8).write(to: URL(fileURLWithPath: folder + "/package.json"))
    }
}
