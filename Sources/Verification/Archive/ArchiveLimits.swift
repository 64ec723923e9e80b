/// How much of an archive's contents is kept in memory. Files beyond a limit are still listed, with
/// their size and SHA-384 computed while streaming.
public struct ArchiveLimits: Sendable, Hashable {
    /// Largest file whose contents are kept.
    public var maximumRetainedFileSize: Int
    /// Total of all kept contents; a file that would take the total beyond it is only hashed
    /// (smaller files after it may still be kept).
    public var maximumRetainedTotalSize: Int

    /// Most bytes a compressed archive may expand to (a whole Open edX image is a few GiB).
    public var maximumExpandedSize: Int
    /// Most bytes of expanded data per compressed byte, checked once `ratioCheckStart` bytes came out:
    /// real images compress 3–10 times, a decompression bomb a thousand times.
    public var maximumCompressionRatio: Int
    public var ratioCheckStart: Int

    public init(
        maximumRetainedFileSize: Int = 64 * 1024 * 1024, maximumRetainedTotalSize: Int = 512 * 1024 * 1024,
        maximumExpandedSize: Int = 32 * 1024 * 1024 * 1024, maximumCompressionRatio: Int = 200,
        ratioCheckStart: Int = 64 * 1024 * 1024
    ) {
        self.maximumRetainedFileSize = maximumRetainedFileSize
        self.maximumRetainedTotalSize = maximumRetainedTotalSize
        self.maximumExpandedSize = maximumExpandedSize
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioCheckStart = ratioCheckStart
    }
}
