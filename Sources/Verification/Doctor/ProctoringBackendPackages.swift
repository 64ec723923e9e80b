/// The npm modules of the public proctoring backends, for when no site-packages are given.
/// Stand-in for `KnownProctoringBackends` of ProctoringBackends; keep every lookup going through
/// `npmModule(forBackendNamed:)` so the lead can swap the table.
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
        switch name {
        case "proctortrack": return .npmModule("edx-proctoring-proctortrack")
        case "mockprock": return .npmModule("@edx/mockprock")
        case "null", "mock", "software_secure", "rpnow4": return .noWorker
        default: return .unknown
        }
    }

    /// Other npm package names that provide the same worker (Proctortrack v2 keeps the entry point name).
    public static func alternatives(for package: String) -> [String] {
        package == "edx-proctoring-proctortrack" ? ["edx-proctoring-proctortrack-v2"] : []
    }
}
