#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls (so errors keep their reason: missing, denied, …).
public struct DiskFileSystem: FileSystem {
    public init() {}

    public func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait forever for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Self.error(errno, path: path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.error(errno, path: path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notAFile(path: path)
        default: throw .other(path: path, reason: "not a regular file (a FIFO, socket or device); give a file")
        }
        // Read straight into the result, sized by fstat plus one byte so that the end shows in the same call when
        // the size was right; a file that grew meanwhile is read on to its end.
        var chunkSize = max(Int(status.st_size), 0) + 1
        var bytes = try Self.readChunk(descriptor, upTo: chunkSize, path: path)
        var lastChunkCount = bytes.count
        while lastChunkCount == chunkSize {
            chunkSize = max(chunkSize, 65_536)
            let chunk = try Self.readChunk(descriptor, upTo: chunkSize, path: path)
            bytes.append(contentsOf: chunk)
            lastChunkCount = chunk.count
        }
        return bytes
    }

    /// Up to `limit` bytes (at least 1), fewer only at the end of the file.
    private static func readChunk(_ descriptor: Int32, upTo limit: Int, path: String) throws(FileSystemError) -> [UInt8] {
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: limit) { buffer, initializedCount in
            guard let base = buffer.baseAddress else { return }
            while initializedCount < limit {
                let count = read(descriptor, base + initializedCount, limit - initializedCount)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if count == 0 { return }
                initializedCount += count
            }
        }
        if let failure { throw Self.error(failure, path: path) }
        return bytes
    }

    public func entryKind(_ path: String) -> FileEntryKind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return nil
        }
    }

    public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        guard let directory = opendir(path) else { throw Self.error(errno, path: path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix(while: { $0 != 0 })
                return String(decoding: bytes, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    public func realPath(_ path: String) throws(FileSystemError) -> String {
        guard let resolved = realpath(path, nil) else { throw Self.error(errno, path: path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// For a normal absolute path whose last component is no symbolic link, the real directory joined with that
    /// component (what `realpath` gives, after one `lstat`); anything else goes to `realpath` itself, which also
    /// gives every failure its reason.
    public func realPath(_ path: String, realDirectory: () -> String?) throws(FileSystemError) -> String {
        guard path.hasPrefix("/"), path != "/", PathComponents.normalize(path) == path, let directory = realDirectory()
        else { return try realPath(path) }
        let candidate = PathComponents.join(directory, PathComponents.basename(path))
        var status = stat()
        if lstat(candidate, &status) == 0, status.st_mode & S_IFMT != S_IFLNK { return candidate }
        return try realPath(path)
    }

    /// Whether the current user may write into `directory` (to create a file there).
    public func isWritableDirectory(_ directory: String) -> Bool {
        access(directory, W_OK | X_OK) == 0
    }

    static func error(_ code: Int32, path: String) -> FileSystemError {
        switch code {
        case ENOENT: return .notFound(path: path)
        case ENOTDIR: return .notADirectory(path: path)
        case EACCES, EPERM: return .permissionDenied(path: path)
        case EISDIR: return .notAFile(path: path)
        default: return .other(path: path, reason: String(cString: strerror(code)))
        }
    }
}
