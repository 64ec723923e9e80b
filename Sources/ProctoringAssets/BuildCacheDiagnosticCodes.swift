import Diagnostics

extension DiagnosticCode {
    public static let buildCacheEntryUnusable = DiagnosticCode(
        "PA650", "Build cache entry ignored", severity: .note,
        explanation: """
            `--cache DIR` found an entry for this build that it cannot trust: truncated (a build killed while \
            writing on a file system without atomic rename), damaged (its checksum does not match), written by \
            another version of proctoring-assets, or for other inputs. The entry was ignored, the workers were \
            bundled from scratch and the entry was replaced. A cached result is never used unless every input \
            it records is unchanged, so nothing else is needed; delete the folder if this keeps happening.
            """)
    public static let buildCacheNotWritten = DiagnosticCode(
        "PA651", "Build cache not written", severity: .warning,
        explanation: """
            `--cache DIR` could not store the bundles of this build in DIR (it is not a folder, not writable, or \
            the disk is full). The build itself succeeded; the next one will bundle from scratch again. Give a \
            writable folder (in Docker, a `RUN --mount=type=cache,target=DIR` mount).
            """)
    public static let buildCacheNotUsed = DiagnosticCode(
        "PA652", "Build cache not used", severity: .note,
        explanation: """
            `--cache DIR` reuses the bundles of our own bundler, whose every file-system read it records. webpack \
            and esbuild read files it cannot see, so with `--bundler webpack` or `--bundler esbuild` the cache is \
            neither read nor written. Use `--bundler native` (the default) to benefit from it.
            """)
}

/// Codes of the build cache (`--cache DIR`).
public enum BuildCacheCatalog {
    public static let codes: [DiagnosticCode] = [.buildCacheEntryUnusable, .buildCacheNotWritten, .buildCacheNotUsed]
}
