#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes delivered in chunks of bounded size; `nil` marks the end.
protocol ByteChunkSource {
    mutating func nextChunk() throws(ArchiveReadError) -> [UInt8]?
}

/// Reads a file through a POSIX descriptor in fixed-size chunks, so memory stays bounded whatever
/// the file's size.
final class FileChunkSource: ByteChunkSource {
    static let chunkSize = 256 * 1024
    private let descriptor: Int32
    private var buffer: [UInt8]

    init(path: String) throws(ArchiveReadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw .cannotOpen(
                reason: String(cString: strerror(code)), isMissing: code == ENOENT || code == ENOTDIR,
                isDenied: code == EACCES || code == EPERM)
        }
        self.descriptor = descriptor
        self.buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    deinit { close(descriptor) }

    func nextChunk() throws(ArchiveReadError) -> [UInt8]? {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(reason: String(cString: strerror(errno)))
            }
            if count == 0 { return nil }
            return Array(buffer[0..<count])
        }
    }
}

/// Bytes already in memory, delivered in chunks (used for sniffing and in tests).
struct MemoryChunkSource: ByteChunkSource {
    private var remaining: ArraySlice<UInt8>
    private let chunkSize: Int

    init(_ bytes: [UInt8], chunkSize: Int = 64 * 1024) {
        self.remaining = bytes[...]
        self.chunkSize = max(1, chunkSize)
    }

    mutating func nextChunk() throws(ArchiveReadError) -> [UInt8]? {
        if remaining.isEmpty { return nil }
        let chunk = Array(remaining.prefix(chunkSize))
        remaining = remaining.dropFirst(chunkSize)
        return chunk
    }
}

/// A source whose first bytes were already read (to sniff the format) and are replayed first.
struct PrefixedChunkSource<Base: ByteChunkSource>: ByteChunkSource {
    private var prefix: [UInt8]?
    private var base: Base

    init(prefix: [UInt8], base: Base) {
        self.prefix = prefix.isEmpty ? nil : prefix
        self.base = base
    }

    mutating func nextChunk() throws(ArchiveReadError) -> [UInt8]? {
        if let prefix {
            self.prefix = nil
            return prefix
        }
        return try base.nextChunk()
    }
}
