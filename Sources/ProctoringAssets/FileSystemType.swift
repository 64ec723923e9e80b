import CFolderListing

/// The file system a folder is on (`fstatfs`' magic number), for the build cache's input-check shortcuts
/// that give exactly the answer of the generic calls only on some file systems: local ones whose folder
/// listings and reads come straight from the kernel's own structures, not a network or FUSE file system
/// (NFS, a Docker Desktop bind mount from macOS) whose listings may come from a cache or lookups may ignore
/// case.
struct FileSystemType: Equatable, Sendable {
    let magic: Int64

    static let ext4 = FileSystemType(magic: 0xEF53)  // ext2, ext3 and ext4 share it
    static let xfs = FileSystemType(magic: 0x5846_5342)
    static let btrfs = FileSystemType(magic: 0x9123_683E)
    static let tmpfs = FileSystemType(magic: 0x0102_1994)
    static let overlay = FileSystemType(magic: 0x794C_7630)

    /// The type of the file system `descriptor` (an `O_PATH` one too) is on; nil when `fstatfs` fails.
    static func of(descriptor: Int32) -> FileSystemType? {
        let magic = pa_file_system_type(descriptor)
        return magic < 0 ? nil : FileSystemType(magic: Int64(magic))
    }

    /// A listing's "regular file" or "folder" for a name is what `lstat` of that name gives (and, neither
    /// being a link, `stat`). Overlayfs merges its layers' listings and lookups the same way.
    var listsExactTypes: Bool {
        [Self.ext4, Self.xfs, Self.btrfs, Self.tmpfs, Self.overlay].contains(self)
    }

    /// Name lookups compare bytes exactly unless the folder has the casefold attribute (`FS_CASEFOLD_FL`,
    /// which `FS_IOC_GETFLAGS` shows; overlayfs shows its layer's). Not XFS: its case-insensitive mode is a
    /// whole-file-system option the attribute does not show.
    var caseFoldingIsAFolderAttribute: Bool {
        [Self.ext4, Self.btrfs, Self.tmpfs, Self.overlay].contains(self)
    }

    /// `read` of a regular file returns fewer bytes than asked only at the file's end (the page-cache read
    /// of a local file system). Not overlayfs: its reads are those of its layers, which may be anything.
    var shortReadIsEndOfFile: Bool {
        [Self.ext4, Self.xfs, Self.btrfs, Self.tmpfs].contains(self)
    }
}
