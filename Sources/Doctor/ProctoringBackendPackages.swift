import ProctoringBackends

/// The npm modules of the public proctoring backends, for when no site-packages are given, read from
/// `KnownProctoringBackends`.
public enum ProctoringBackendPackages {
    public enum Lookup: Sendable, Hashable {
        /// The backend ships a worker in this npm package.
        case npmModule(String)
        /// The backend is known and has no worker.
        case noWorker
        /// Not a backend doctor knows.
        case unknown
    }

    /// Names are entry-point names (the keys of PROCTORING_BACKENDS); Proctortrack v2 keeps the name
    /// `proctortrack`, so its package is accepted through `alternatives(for:)`.
    public static func npmModule(forBackendNamed name: String) -> Lookup {
        guard let entry = KnownProctoringBackends.entries().first(where: { $0.name == name }) else { return .unknown }
        return entry.npmModule.map(Lookup.npmModule) ?? .noWorker
    }

    /// Other npm package names that provide the same worker (Proctortrack v2 keeps the entry point name).
    public static func alternatives(for package: String) -> [String] {
        package == KnownProctoringBackends.proctortrack.npmModule
            ? [KnownProctoringBackends.proctortrackV2.npmModule].compactMap { $0 } : []
    }
}
