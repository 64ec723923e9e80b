/// Why an archive could not be read to its end. Converted to a diagnostic (all are input errors)
/// by `ArchiveLoader`, which knows the archive's path.
enum ArchiveReadError: Error, Sendable, Equatable {
    case cannotOpen(reason: String, isMissing: Bool, isDenied: Bool)
    case readFailed(reason: String)
    case corruptGzip(compressedOffset: Int, reason: String)
    case truncatedGzip(compressedOffset: Int)
    case checksumMismatch(headerOffset: Int, recorded: Int, computed: Int)
    case truncatedTar(offset: Int, reason: String)
    case malformedHeader(headerOffset: Int, reason: String)
    case notAnArchive(reason: String)
    /// The gzip stream expands beyond a limit of `ArchiveLimits` (a decompression bomb, or a larger image
    /// than the limit allows).
    case expansionLimit(expanded: Int, compressed: Int, reason: String)
}
