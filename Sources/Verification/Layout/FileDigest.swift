import Crypto
import FileSystemSupport

/// Size and SHA-384 of one file of the input, for reports ("the three files with sizes and hashes").
public struct FileDigest: Sendable, Hashable {
    public var size: Int
    /// Lowercase hex.
    public var sha384: String

    public init(size: Int, sha384: String) {
        self.size = size
        self.sha384 = sha384
    }

    static func hex<Digest: Sequence<UInt8>>(_ digest: Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}

extension VerificationInput {
    /// The file's size and SHA-384: from the archive's record (also for files too large to keep in
    /// memory), or streamed from disk in bounded chunks for a folder.
    public func fileDigest(_ path: String) throws(FileSystemError) -> FileDigest {
        if let archive {
            guard let record = archive.fileRecord(path) else {
                _ = try archive.realPath(path)
                throw .notAFile(path: path)
            }
            return FileDigest(size: record.size, sha384: record.sha384)
        }
        guard fileSystem.fileExists(path) else {
            if fileSystem.directoryExists(path) { throw .notAFile(path: path) }
            throw .notFound(path: path)
        }
        do {
            let source = try FileChunkSource(path: path)
            var hasher = SHA384()
            var size = 0
            while let chunk = try source.nextChunk() {
                size += chunk.count
                chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
            return FileDigest(size: size, sha384: FileDigest.hex(hasher.finalize()))
        } catch {
            switch error {
            case .cannotOpen(_, _, true): throw .permissionDenied(path: path)
            case .cannotOpen(let reason, _, _), .readFailed(let reason): throw .other(path: path, reason: reason)
            default: throw .other(path: path, reason: "\(error)")
            }
        }
    }
}
