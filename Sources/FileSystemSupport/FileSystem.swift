/// Read access to a tree of files, so that every stage can run over a real disk or over an
/// in-memory tree in tests. Paths are absolute, `/`-separated.
public protocol FileSystem: Sendable {
    func readFile(_ path: String) throws(FileSystemError) -> [UInt8]
    /// Kind of the entry at `path` after following symbolic links, or nil when nothing is there.
    func entryKind(_ path: String) -> FileEntryKind?
    /// Names of the entries of a directory, sorted by their UTF-8 bytes (so results never depend on
    /// the order the operating system happens to return).
    func listDirectory(_ path: String) throws(FileSystemError) -> [String]
    /// The path with every symbolic link resolved, as node's module resolution does (`realpath`).
    func realPath(_ path: String) throws(FileSystemError) -> String
    /// `realPath(path)`, given a way to the real path of `path`'s directory (nil when it has none), for a caller
    /// that remembers the real paths of directories: a file system that can look at the last component alone
    /// (one `lstat` instead of one `readlink` per component) then need not resolve the directory again. The
    /// default ignores `realDirectory`.
    func realPath(_ path: String, realDirectory: () -> String?) throws(FileSystemError) -> String
}

public enum FileEntryKind: Sendable, Hashable {
    case file
    case directory
}

extension FileSystem {
    public func realPath(_ path: String, realDirectory: () -> String?) throws(FileSystemError) -> String {
        try realPath(path)
    }

    public func fileExists(_ path: String) -> Bool { entryKind(path) == .file }
    public func directoryExists(_ path: String) -> Bool { entryKind(path) == .directory }

    /// The file's text, or an error when it is not valid UTF-8 (with the byte offset of the first bad byte).
    public func readUTF8File(_ path: String) throws(FileSystemError) -> String {
        let bytes = try readFile(path)
        if let offset = UTF8Validation.firstInvalidByteOffset(bytes) {
            throw FileSystemError.notUTF8(path: path, byteOffset: offset)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why a file could not be read.
public enum FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(path: String)
    case notAFile(path: String)
    case notADirectory(path: String)
    case permissionDenied(path: String)
    case notUTF8(path: String, byteOffset: Int)
    case other(path: String, reason: String)

    public var path: String {
        switch self {
        case .notFound(let path), .notAFile(let path), .notADirectory(let path), .permissionDenied(let path),
            .notUTF8(let path, _), .other(let path, _):
            return path
        }
    }

    public var description: String { "\(path): \(reason)" }

    /// What went wrong, without the path (for messages that name the path themselves).
    public var reason: String {
        switch self {
        case .notFound: return "no such file or directory"
        case .notAFile: return "is a directory, not a file"
        case .notADirectory: return "not a directory"
        case .permissionDenied: return "permission denied"
        case .notUTF8(_, let offset): return "not UTF-8 text (invalid byte at offset \(offset))"
        case .other(_, let reason): return reason
        }
    }
}

enum UTF8Validation {
    static func firstInvalidByteOffset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            var decoder = UTF8()
            var iterator = bytes[index..<(index + length)].makeIterator()
            guard case .scalarValue = decoder.decode(&iterator) else { return index }
            index += length
        }
        return nil
    }
}
