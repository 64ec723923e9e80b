#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The staged files of one commit: each written completely under its own private name, then all made
/// durable together.
///
/// Writing them all before syncing any lets the first `fsync` commit the file system's journal with the
/// others' data already written, so the later ones find little left to do (instead of one journal commit
/// and one directory sync per file). The names are private (`StagedOutput` removes leftovers of an
/// interrupted run), so a staged file needs no temporary name of its own: a crash while writing it leaves a
/// leftover, never a destination.
struct StagedFileSet {
    private(set) var paths: [String] = []
    private var descriptors: [Int32] = []

    /// Creates `path` (which must not exist) with `bytes` and permission bits `mode` (whatever the umask).
    mutating func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(FileSystemError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw DiskFileSystem.error(errno, path: path) }
        paths.append(path)
        descriptors.append(descriptor)
        if let code = bytes.withUnsafeBytes({ DescriptorWriting.writeAll($0, to: descriptor) }) {
            throw DiskFileSystem.error(code, path: path)
        }
        guard fchmod(descriptor, mode) == 0 else { throw DiskFileSystem.error(errno, path: path) }
    }

    /// Makes every file's content durable, then — when `includingNames` — the folders holding them, each
    /// once (needed before a journal may name the staged files).
    mutating func sync(includingNames: Bool) throws(FileSystemError) {
        for (path, descriptor) in zip(paths, descriptors) where fsync(descriptor) != 0 {
            throw DiskFileSystem.error(errno, path: path)
        }
        closeAll()
        if includingNames { Self.syncFolders(of: paths) }
    }

    /// Closes and removes every staged file (a failed commit).
    mutating func discard() {
        closeAll()
        for path in paths { unlink(path) }
        paths = []
    }

    /// `fsync` of the folder of each path, once per folder, in first-seen order.
    static func syncFolders(of paths: [String]) {
        var seen: Set<String> = []
        for path in paths {
            let folder = PathComponents.dirname(path)
            guard seen.insert(folder).inserted else { continue }
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
        }
    }

    private mutating func closeAll() {
        for descriptor in descriptors { close(descriptor) }
        descriptors = []
    }
}
