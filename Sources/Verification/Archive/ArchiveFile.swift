/// A regular file of an archive: always its size and SHA-384, and its contents when they were kept.
public struct ArchiveFile: Sendable, Hashable {
    public enum Retention: Sendable, Hashable {
        case retained
        /// Larger than `ArchiveLimits.maximumRetainedFileSize`.
        case exceedsFileLimit(limit: Int)
        /// Kept contents had reached `ArchiveLimits.maximumRetainedTotalSize`.
        case exceedsTotalLimit(limit: Int)
        /// The caller's retention filter did not ask for this file.
        case notRequested
    }

    public var size: Int
    /// Lowercase hex SHA-384 of the contents.
    public var sha384: String
    /// Permission bits from the tar header.
    public var mode: UInt32
    public var retention: Retention
    /// The contents, when `retention == .retained`.
    public var contents: [UInt8]?

    public init(size: Int, sha384: String, mode: UInt32, retention: Retention, contents: [UInt8]?) {
        self.size = size
        self.sha384 = sha384
        self.mode = mode
        self.retention = retention
        self.contents = contents
    }

    /// Why reading the contents fails, for the `FileSystemError` message.
    var unavailableReason: String {
        let what: String
        switch retention {
        case .retained: what = "contents kept"
        case .exceedsFileLimit(let limit):
            what = "\(size) bytes, larger than the per-file limit of \(ByteCountText.describe(limit))"
        case .exceedsTotalLimit(let limit):
            what = "the archive's kept contents reached the total limit of \(ByteCountText.describe(limit))"
        case .notRequested: what = "outside the folders being verified"
        }
        return "contents not kept in memory (\(what)); SHA-384 \(sha384); extract with --extract-to to read it"
    }
}

enum ByteCountText {
    static func describe(_ count: Int) -> String {
        if count >= 1024 * 1024 && count % (1024 * 1024) == 0 { return "\(count / (1024 * 1024)) MiB" }
        if count >= 1024 && count % 1024 == 0 { return "\(count / 1024) KiB" }
        return "\(count) bytes"
    }
}
