#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a part:
/// a temporary file in the same directory, fsync, chmod, rename over the target, fsync the directory.
public struct AtomicFileWriter: Sendable {
    public init() {}

    /// Writes `bytes` to `path` with permission bits `mode` (e.g. `0o664`, as edx_proctoring chmods
    /// workers.json). Creates missing parent directories when `createDirectories` is true.
    public func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, createDirectories: Bool = false)
        throws(FileSystemError)
    {
        let directory = PathComponents.dirname(path).isEmpty ? "." : PathComponents.dirname(path)
        if createDirectories {
            try makeDirectories(directory)
        }
        var template = Array((directory + "/." + PathComponents.basename(path) + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw DiskFileSystem.error(errno, path: directory) }
        let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporaryPath) }
        }
        do {
            defer { close(descriptor) }
            if let code = bytes.withUnsafeBytes({ DescriptorWriting.writeAll($0, to: descriptor) }) {
                throw DiskFileSystem.error(code, path: path)
            }
            guard fchmod(descriptor, mode) == 0 else { throw DiskFileSystem.error(errno, path: path) }
            guard fsync(descriptor) == 0 else { throw DiskFileSystem.error(errno, path: path) }
        }
        guard rename(temporaryPath, path) == 0 else { throw DiskFileSystem.error(errno, path: path) }
        succeeded = true
        syncDirectory(directory)
    }

    public func write(_ text: String, to path: String, mode: mode_t = 0o644, createDirectories: Bool = false)
        throws(FileSystemError)
    {
        try write(Array(text.utf8), to: path, mode: mode, createDirectories: createDirectories)
    }

    /// `mkdir -p`.
    public func makeDirectories(_ path: String) throws(FileSystemError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw DiskFileSystem.error(errno, path: current)
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw .notADirectory(path: path)
        }
    }

    private func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
