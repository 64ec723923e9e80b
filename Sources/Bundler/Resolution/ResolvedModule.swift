import Diagnostics
import FileSystemSupport

/// How the bundler must treat a resolved file.
public enum ModuleFormat: String, Sendable, Hashable {
    /// `.mjs`, or `.js` inside a package whose nearest package.json says `"type": "module"`.
    case esm
    /// `.cjs`, or `.js` without `"type": "module"` (the parser may still find ESM syntax in it, which
    /// webpack accepts as `javascript/auto`).
    case commonJS
    case json
    /// Replaced by `false` in a `browser` field: an empty CommonJS module (`module.exports = {}`).
    case empty
}

/// The package a module belongs to: the nearest package.json with a `name`.
public struct PackageIdentity: Sendable, Hashable {
    public var name: String
    public var version: String?
    /// Real path of the package.json.
    public var manifestPath: String

    public init(name: String, version: String?, manifestPath: String) {
        self.name = name
        self.version = version
        self.manifestPath = manifestPath
    }

    public var rootDirectory: String { PathComponents.dirname(manifestPath) }
}

/// The outcome of resolving one request.
public struct ResolvedModule: Sendable, Hashable {
    /// The module's identity: the real path of the file (symlinks resolved), or for an empty module
    /// `(disabled):<path or module name>` (esbuild's spelling), which never names a real file.
    public var path: String
    public var format: ModuleFormat
    public var package: PackageIdentity?
    /// Non-fatal findings, e.g. `PA149` when webpack with the edx config would not find this file.
    public var warnings: [Diagnostic]

    public init(path: String, format: ModuleFormat, package: PackageIdentity?, warnings: [Diagnostic] = []) {
        self.path = path
        self.format = format
        self.package = package
        self.warnings = warnings
    }

    public var isEmpty: Bool { format == .empty }
}
