import Diagnostics

/// The public proctoring providers and their workers, for when no site-packages are given (the tool then
/// cannot read entry points, and assumes the released packages).
public enum KnownProctoringBackends {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var distribution: String
        public var objectReference: String
        public var npmModule: String?
    }

    /// edx-proctoring's own backends; none has a worker.
    public static let edxProctoringBuiltIns: [Entry] = [
        Entry(name: "null", distribution: "edx-proctoring", objectReference: "edx_proctoring.backends.null:NullBackendProvider", npmModule: nil),
        Entry(name: "mock", distribution: "edx-proctoring", objectReference: "edx_proctoring.backends.mock:MockProctoringBackendProvider", npmModule: nil),
        Entry(name: "software_secure", distribution: "edx-proctoring", objectReference: "edx_proctoring.backends.software_secure:SoftwareSecureBackendProvider", npmModule: nil),
        Entry(name: "rpnow4", distribution: "edx-proctoring", objectReference: "edx_proctoring.backends.software_secure:SoftwareSecureBackendProvider", npmModule: nil),
    ]

    public static let proctortrack = Entry(
        name: "proctortrack", distribution: "edx-proctoring-proctortrack",
        objectReference: "edx_proctoring_proctortrack.backends.proctortrack_rest:ProctortrackBackendProvider",
        npmModule: "edx-proctoring-proctortrack")

    /// Proctortrack's newer distribution: same entry-point name, its own npm package.
    public static let proctortrackV2 = Entry(
        name: "proctortrack", distribution: "edx-proctoring-proctortrack-v2",
        objectReference: "edx_proctoring_proctortrack.backends.proctortrack_rest:ProctortrackBackendProvider",
        npmModule: "edx-proctoring-proctortrack-v2")

    public static let mockprock = Entry(
        name: "mockprock", distribution: "mockprock", objectReference: "mockprock.backend:MockProckBackend",
        npmModule: "@edx/mockprock")

    /// The table in discovery order: edx-proctoring's built-ins, then the providers.
    public static func entries(proctortrackV2: Bool = false) -> [Entry] {
        edxProctoringBuiltIns + [proctortrackV2 ? Self.proctortrackV2 : proctortrack, mockprock]
    }

    /// The table as discovered backends, with overrides applied.
    public static func backends(proctortrackV2: Bool = false, overrides: [BackendOverride] = []) -> [DiscoveredBackend] {
        let table = entries(proctortrackV2: proctortrackV2).map { entry in
            DiscoveredBackend(
                name: entry.name, distribution: DistributionIdentity(name: entry.distribution, version: nil),
                objectReference: entry.objectReference,
                npmModuleDeclaration: entry.npmModule.map { .declared($0) } ?? .notDeclared,
                npmModuleLocation: SourceLocation(source: "known backend \(entry.name)"),
                location: SourceLocation(source: "known backend \(entry.name)"), origin: .knownTable)
        }
        return BackendOverride.apply(overrides, to: table)
    }
}
