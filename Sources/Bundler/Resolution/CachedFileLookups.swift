import FileSystemSupport
import Synchronization

/// The file system as one build's resolver sees it: `entryKind` (stat) and `realPath` answers are remembered,
/// so the thousands of probes of a build (each request tries a file, its extensions, directories, and resolves
/// symbolic links of its importer and its result) cost one system call per distinct path. File contents are
/// read through, uncached: each module is read once. A resolver lives for one build, so nothing is stale.
struct CachedFileLookups: FileSystem {
    private final class Answers: Sendable {
        let kinds = Mutex<[String: FileEntryKind?]>([:])
        let realPaths = Mutex<[String: Result<String, FileSystemError>]>([:])
    }

    let underlying: any FileSystem
    private let answers = Answers()

    /// `fileSystem` itself when it already caches.
    static func wrapping(_ fileSystem: any FileSystem) -> any FileSystem {
        fileSystem is CachedFileLookups ? fileSystem : CachedFileLookups(underlying: fileSystem)
    }

    private init(underlying: any FileSystem) {
        self.underlying = underlying
    }

    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        try underlying.readFile(path)
    }

    func entryKind(_ path: String) -> FileEntryKind? {
        if let known = answers.kinds.withLock({ $0[path] }) { return known }
        let kind = underlying.entryKind(path)
        answers.kinds.withLock { $0[path] = .some(kind) }
        return kind
    }

    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        try underlying.listDirectory(path)
    }

    /// The directory's real path comes from these answers too, so a file system that can look at the last
    /// component alone resolves each directory once per build, not once per file in it.
    func realPath(_ path: String) throws(FileSystemError) -> String {
        let known = answers.realPaths.withLock { $0[path] }
        let answer =
            known
            ?? Result { () throws(FileSystemError) -> String in
                try underlying.realPath(path) { try? realPath(PathComponents.dirname(path)) }
            }
        if known == nil { answers.realPaths.withLock { $0[path] = answer } }
        return try answer.get()
    }
}
