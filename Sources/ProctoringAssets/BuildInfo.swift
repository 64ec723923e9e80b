import CBuildInfo

/// The tool's version (the one place it is written) and, for a packaged binary, the commit it was built
/// from. `scripts/package` reads the version back from `--version` for the wheel's metadata.
public enum BuildInfo {
    public static let version = "0.1.0"

    /// The commit of a binary built by `scripts/package`; nil for any other build (`swift build`).
    public static var packageCommit: String? {
        let commit = String(cString: proctoring_assets_package_commit())
        return commit.isEmpty ? nil : commit
    }

    /// True for a binary built by `scripts/package`: it may run on a machine without the checkout.
    public static var isPackaged: Bool { packageCommit != nil }

    /// What `--version` prints: `0.1.0 (commit 1a2b3c4…)`, or `0.1.0 (development build)`.
    public static var versionDescription: String {
        "\(version) (\(packageCommit.map { "commit \($0)" } ?? "development build"))"
    }
}
