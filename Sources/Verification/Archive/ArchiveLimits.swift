/// How much of an archive's contents is kept in memory. Files beyond a limit are still listed, with
/// their size and SHA-384 computed while streaming.
public struct ArchiveLimits: Sendable, Hashable {
    /// Largest file whose contents are kept.
    public var maximumRetainedFileSize: Int
    /// Total of all kept contents; a file that would take the total beyond it is only hashed
    /// (smaller files after it may still be kept).
    public var maximumRetainedTotalSize: Int

    public init(maximumRetainedFileSize: Int = 64 * 1024 * 1024, maximumRetainedTotalSize: Int = 512 * 1024 * 1024) {
        self.maximumRetainedFileSize = maximumRetainedFileSize
        self.maximumRetainedTotalSize = maximumRetainedTotalSize
    }
}
