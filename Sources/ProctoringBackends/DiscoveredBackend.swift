import Diagnostics

/// An installed Python distribution (a `*.dist-info` or `*.egg-info` folder).
public struct DistributionIdentity: Sendable, Hashable {
    /// `Name:` of its metadata (or the folder name's prefix when the metadata has none).
    public var name: String
    public var version: String?
    /// The metadata folder; nil for backends that come from the built-in table or an override.
    public var metadataPath: String?

    public init(name: String, version: String?, metadataPath: String? = nil) {
        self.name = name
        self.version = version
        self.metadataPath = metadataPath
    }

    /// PEP 503 normalisation (lowercase, runs of `-_.` → `-`), the key under which importlib.metadata
    /// treats two folders as the same distribution.
    public var normalizedName: String { Self.normalize(name) }

    public static func normalize(_ name: String) -> String {
        var result = ""
        var lastWasSeparator = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { result.append("-") }
                lastWasSeparator = true
            } else {
                result.append(character)
                lastWasSeparator = false
            }
        }
        return result
    }
}

/// Where a backend's description came from.
public enum BackendOrigin: Sendable, Hashable {
    /// An `openedx.proctoring` entry point of an installed distribution.
    case entryPoint
    /// `--backend NAME=NPM_MODULE`.
    case override
    /// `KnownProctoringBackends`, used when no site-packages are given.
    case knownTable
}

/// One proctoring backend as edx_proctoring would load it: the entry-point name (the key of
/// PROCTORING_BACKENDS) and what its class says about its worker.
public struct DiscoveredBackend: Sendable, Hashable {
    public var name: String
    public var distribution: DistributionIdentity?
    /// `package.module:Class`.
    public var objectReference: String?
    /// The Python file of the module the entry point names, when found.
    public var moduleFile: String?
    public var npmModuleDeclaration: NpmModuleDeclaration
    /// Where `npm_module` was read (the assignment, the flag, or the table).
    public var npmModuleLocation: SourceLocation?
    /// The entry_points.txt line, the flag, …
    public var location: SourceLocation?
    public var origin: BackendOrigin

    public init(
        name: String, distribution: DistributionIdentity?, objectReference: String?, moduleFile: String? = nil,
        npmModuleDeclaration: NpmModuleDeclaration, npmModuleLocation: SourceLocation? = nil,
        location: SourceLocation? = nil, origin: BackendOrigin
    ) {
        self.name = name
        self.distribution = distribution
        self.objectReference = objectReference
        self.moduleFile = moduleFile
        self.npmModuleDeclaration = npmModuleDeclaration
        self.npmModuleLocation = npmModuleLocation
        self.location = location
        self.origin = origin
    }

    /// The npm package of the backend's worker, when its class declares one.
    public var npmModule: String? {
        if case .declared(let module) = npmModuleDeclaration { return module }
        return nil
    }
}
