import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation

/// The example deployment shipped in the repository (Examples/deployment), copied to a scratch
/// folder so that `--example` never writes into the checkout and can run any number of times.
public struct ExampleDeployment: Sendable {
    /// The folder the copy lives in; ENV_ROOT is `<root>/openedx`.
    public let root: String

    /// The settings module of the example, on its python path.
    public static let settingsModule = "example_site.assets"

    /// The JS_ENV_EXTRA_CONFIG the example's provider reads (values are JavaScript code, as in real
    /// deployments).
    public static let jsEnvExtraConfig = #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#

    /// Copies the example to `scratchFolder` (created; must be missing or empty) or to a new
    /// temporary folder. With `reuseExisting`, a `scratchFolder` that already holds a copy (say, one
    /// `build --example --example-dir` filled) is used as it is.
    public static func prepare(scratchFolder: String?, environment: [String: String], reuseExisting: Bool = false)
        throws(DiagnosticError) -> ExampleDeployment
    {
        try prepare(
            scratchFolder: scratchFolder, environment: environment, source: try locateSource(environment: environment),
            reuseExisting: reuseExisting)
    }

    /// Copies the example from `source`.
    static func prepare(scratchFolder: String?, environment: [String: String], source: Source, reuseExisting: Bool = false)
        throws(DiagnosticError) -> ExampleDeployment
    {
        let manager = FileManager.default
        let destination: String
        if let scratchFolder {
            let absolute = PathComponents.absolute(scratchFolder, relativeTo: manager.currentDirectoryPath)
            if reuseExisting && DiskFileSystem().directoryExists(PathComponents.join(absolute, "openedx")) {
                return ExampleDeployment(root: absolute)
            }
            if let contents = try? manager.contentsOfDirectory(atPath: absolute), !contents.isEmpty {
                throw DiagnosticError(Diagnostic(
                    .scratchFolderUnavailable, "the scratch folder \(absolute) exists and is not empty",
                    at: .flag("--example-dir"),
                    fix: "name a new or empty folder with --example-dir, or leave it out to use a temporary folder"))
            }
            destination = absolute
        } else {
            let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            destination = PathComponents.join(base, "proctoring-assets-example-" + UUID().uuidString.prefix(8).lowercased())
        }
        // Copied beside the destination and renamed into place at the end, so that a run stopped in the middle
        // never leaves a half-copied folder that the next run would refuse.
        let partial = destination + ".partial-" + UUID().uuidString.prefix(8).lowercased()
        do {
            try manager.createDirectory(atPath: partial, withIntermediateDirectories: true)
            switch source {
            case .folder(let folder):
                for name in try manager.contentsOfDirectory(atPath: folder).sorted() {
                    try manager.copyItem(atPath: PathComponents.join(folder, name), toPath: PathComponents.join(partial, name))
                }
            case .embedded:
                try writeEmbeddedFiles(to: partial)
            }
            if manager.fileExists(atPath: destination) { try manager.removeItem(atPath: destination) }  // empty, checked above
            try manager.moveItem(atPath: partial, toPath: destination)
        } catch {
            try? manager.removeItem(atPath: partial)
            throw DiagnosticError(Diagnostic(
                .scratchFolderUnavailable, "could not copy the example deployment to \(destination): \(error.localizedDescription)",
                at: .file(destination),
                fix: "check that the folder is writable and the disk has room, or choose another with --example-dir"))
        }
        return ExampleDeployment(root: destination)
    }

    /// Deletes the copy (a temporary one, at the end of a run).
    public func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The example's ENV_ROOT.
    public var envRoot: String { PathComponents.join(root, "openedx") }

    public var configYAML: String { PathComponents.join(envRoot, "config/lms.yml") }

    public var sitePackages: String { PathComponents.join(envRoot, "venv/lib/python3.11/site-packages") }

    /// The example as pipeline inputs: its settings module, python path, YAML layer, environment and
    /// site-packages. Explicit overrides given on the command line still win.
    /// The example's JS_ENV_EXTRA_CONFIG as a build value, used when the variable is not set.
    public static var jsEnvExtraConfigValue: DeploymentValue<String> {
        DeploymentValue(
            jsEnvExtraConfig,
            provenance: Provenance(
                kind: .upstreamDefault,
                location: SourceLocation(source: "the example deployment's value (JS_ENV_EXTRA_CONFIG is not set)")))
    }

    /// The example's inputs; its build environment is the example's JS_ENV_EXTRA_CONFIG unless one is given.
    public func inputs(
        overrides: SettingsOverrides, buildEnvironment: BuildEnvironment = BuildEnvironment(jsEnvExtraConfig: jsEnvExtraConfigValue)
    ) -> DeploymentInputs {
        let environment = ["LMS_CFG": configYAML]
        let request = SettingsRequest(
            settings: Self.settingsModule,
            pythonPath: [PathComponents.join(envRoot, "site-settings"), PathComponents.join(envRoot, EdxPlatformConventions.platformFolderName)],
            configYAML: configYAML,
            environment: environment,
            overrides: overrides,
            workingDirectory: root)
        return DeploymentInputs(settings: request, sitePackages: [sitePackages], buildEnvironment: buildEnvironment)
    }

    /// Where the example's files come from.
    enum Source: Equatable {
        /// A folder holding the example (the checkout's Examples/deployment, or PROCTORING_ASSETS_EXAMPLE).
        case folder(String)
        /// The copy compiled into the binary (EmbeddedExampleDeployment), for a binary without a checkout.
        case embedded
    }

    /// PROCTORING_ASSETS_EXAMPLE when set; otherwise the checkout this file was compiled from, when it is
    /// still there and the binary is not a packaged one (a packaged binary never looks at the paths of the
    /// machine it was built on); otherwise the embedded copy.
    static func locateSource(environment: [String: String], packaged: Bool = BuildInfo.isPackaged) throws(DiagnosticError)
        -> Source
    {
        if let configured = environment["PROCTORING_ASSETS_EXAMPLE"], !configured.isEmpty {
            if DiskFileSystem().directoryExists(configured) { return .folder(configured) }
            throw DiagnosticError(Diagnostic(
                .exampleDeploymentNotFound, "PROCTORING_ASSETS_EXAMPLE names \(configured), which is not a folder",
                at: .environment("PROCTORING_ASSETS_EXAMPLE"),
                fix: "point PROCTORING_ASSETS_EXAMPLE at Examples/deployment of a proctoring-assets checkout, or unset it to use the example built into the tool"))
        }
        if !packaged {
            // This file is Sources/ProctoringAssets/ExampleDeployment.swift in the checkout.
            let checkout = PathComponents.dirname(PathComponents.dirname(PathComponents.dirname(#filePath)))
            let candidate = PathComponents.join(checkout, "Examples/deployment")
            if DiskFileSystem().directoryExists(candidate) { return .folder(candidate) }
        }
        return .embedded
    }

    /// Writes the embedded example's files under `destination` (an existing, empty folder).
    private static func writeEmbeddedFiles(to destination: String) throws {
        let manager = FileManager.default
        for file in EmbeddedExampleDeployment.files {
            let path = PathComponents.join(destination, file.path)
            try manager.createDirectory(atPath: PathComponents.dirname(path), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
