import CFolderListing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The names in one folder with the type the folder's listing gives each (`getdents64`'s `d_type`), read
/// once to answer many questions about that folder — what is at a name (`stat`), whether a name is a
/// symbolic link (`lstat`) — instead of one `fstatat` per question. Made only on file systems whose listing
/// types are exact (`FileSystemType.listsExactTypes`); read anew by every check, never kept.
struct FolderListing {
    /// What the listing says about one name.
    enum Lookup: Equatable {
        /// A regular file (not a link).
        case file
        /// A folder (not a link).
        case directory
        /// No such name: the lookup is case-sensitive, so `stat` would fail with ENOENT.
        case missing
        /// Only `stat` can tell: a symbolic link, another kind of file, a type the listing does not give, a
        /// name absent from a folder whose lookups may ignore case, or a name the listing cannot hold.
        case askStat
    }

    private var types: [String: UInt8] = [:]
    /// True when a name absent from the listing is absent from the folder: lookups there compare bytes
    /// (no casefold attribute, on a file system where that attribute is the only way to fold case).
    private(set) var absentMeansMissing = false

    /// FS_IOC_GETFLAGS and FS_CASEFOLD_FL of <linux/fs.h>.
    private static let getFlagsRequest: UInt = 0x8008_6601
    private static let caseFoldFlag: Int32 = 0x4000_0000
    private static let bufferSize = 32_768

    /// Lists the folder open as `folder` (an `O_PATH` descriptor is enough); nil when it cannot be listed
    /// (then every question goes to `stat`).
    init?(folder: Int32, type: FileSystemType) {
        guard type.listsExactTypes else { return nil }
        let descriptor = openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if type.caseFoldingIsAFolderAttribute {
            // The request's size says `long`, the kernel writes an `int`: room for the first, the second read
            // from the first four bytes.
            var flags: (Int32, Int32) = (0, 0)
            let status = withUnsafeMutablePointer(to: &flags) { ioctl(descriptor, Self.getFlagsRequest, UnsafeMutableRawPointer($0)) }
            absentMeansMissing = status == 0 && flags.0 & Self.caseFoldFlag == 0
        }
        var buffer = [UInt8](repeating: 0, count: Self.bufferSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { pa_read_folder_entries(descriptor, $0.baseAddress, UInt($0.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return }
            buffer.withUnsafeBytes { read(records: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// Adds the `struct linux_dirent64` records: inode (8 bytes), offset (8), record length (2), type (1),
    /// then the name, NUL-terminated.
    private mutating func read(records: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 19 < records.count {
            let length = Int(records.loadUnaligned(fromByteOffset: offset + 16, as: UInt16.self))
            guard length > 19, offset + length <= records.count else { return }
            let type = records[offset + 18]
            let nameBytes = UnsafeRawBufferPointer(rebasing: records[(offset + 19)..<(offset + length)])
            let name = nameBytes.prefix { $0 != 0 }
            offset += length
            guard !name.isEmpty, !name.elementsEqual(".".utf8), !name.elementsEqual("..".utf8) else { continue }
            let text = String(decoding: name, as: UTF8.self)
            // A name that is not UTF-8 cannot equal an asked name (a String); left out, it reads as missing.
            guard text.utf8.elementsEqual(name) else { continue }
            types[text] = type
        }
    }

    func lookup(_ name: String) -> Lookup {
        guard let type = types[name] else {
            let plain = !name.isEmpty && name != "." && name != ".." && !name.utf8.contains { $0 == UInt8(ascii: "/") || $0 == 0 }
            return absentMeansMissing && plain ? .missing : .askStat
        }
        switch Int32(type) {
        case Int32(DT_REG): return .file
        case Int32(DT_DIR): return .directory
        default: return .askStat
        }
    }
}
