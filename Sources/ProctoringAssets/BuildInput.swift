import Encodings
import FileSystemSupport

/// One question the bundler asked the file system, as the build cache records it: reading a file, asking
/// what is at a path (the resolver's probes, including the paths that do not exist), listing a folder, or
/// resolving symbolic links. A cached result is reused only when every recorded question still gets the
/// same answer.
struct BuildInput: Sendable, Hashable, Comparable {
    enum Query: UInt8, Sendable, Hashable {
        case readFile = 1
        case entryKind = 2
        case listDirectory = 3
        case realPath = 4
    }

    var query: Query
    var path: String

    static func < (lhs: BuildInput, rhs: BuildInput) -> Bool {
        (lhs.query.rawValue, lhs.path) < (rhs.query.rawValue, rhs.path)
    }

    /// The answer the file system gives now, in the form the cache stores (a content hash for file
    /// contents and listings, so that the entry stays small and the comparison exact).
    func answer(in fileSystem: any FileSystem) -> String {
        switch query {
        case .readFile:
            do { return Self.answer(readingFile: try fileSystem.readFile(path)) } catch { return Self.answer(failure: error) }
        case .entryKind:
            return Self.answer(entryKind: fileSystem.entryKind(path))
        case .listDirectory:
            do { return Self.answer(listing: try fileSystem.listDirectory(path)) } catch { return Self.answer(failure: error) }
        case .realPath:
            do { return Self.answer(realPath: try fileSystem.realPath(path)) } catch { return Self.answer(failure: error) }
        }
    }

    static func answer(readingFile bytes: [UInt8]) -> String {
        SubresourceIntegrity.value(of: bytes, algorithm: .sha256)
    }

    static func answer(entryKind kind: FileEntryKind?) -> String {
        switch kind {
        case .file: return "file"
        case .directory: return "directory"
        case nil: return "none"
        }
    }

    static func answer(listing names: [String]) -> String {
        // NUL cannot appear in a file name, so the joined form is unambiguous.
        SubresourceIntegrity.value(of: Array(names.joined(separator: "\u{0}").utf8), algorithm: .sha256)
    }

    static func answer(realPath resolved: String) -> String {
        realPathPrefix + resolved
    }

    private static let realPathPrefix = "path "

    /// Whether `answer` is `answer(realPath: path)` — a path that resolves to itself — compared in place,
    /// without building that text (asked for every recorded `realPath` question of a cached rebuild).
    static func isRealPathAnswer(_ answer: String, resolvingTo path: String) -> Bool {
        let answerBytes = answer.utf8
        let prefixBytes = realPathPrefix.utf8
        guard answerBytes.count == prefixBytes.count + path.utf8.count, answerBytes.starts(with: prefixBytes) else { return false }
        return answerBytes.dropFirst(prefixBytes.count).elementsEqual(path.utf8)
    }

    static func answer(failure error: FileSystemError) -> String {
        "error " + error.reason
    }
}
