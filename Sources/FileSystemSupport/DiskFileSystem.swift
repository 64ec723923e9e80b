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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, path: path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
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
