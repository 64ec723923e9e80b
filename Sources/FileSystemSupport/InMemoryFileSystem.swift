/// A file tree held in memory, for tests: files, directories (implied by the files in them) and
/// symbolic links.
public struct InMemoryFileSystem: FileSystem {
    private var files: [String: [UInt8]] = [:]
    private var links: [String: String] = [:]
    private var directories: Set<String> = ["/"]
    private var unreadable: Set<String> = []

    public init(files: [String: String] = [:]) {
        for (path, text) in files { addFile(path, text) }
    }

    public mutating func addFile(_ path: String, _ text: String) {
        addFile(path, bytes: Array(text.utf8))
    }

    public mutating func addFile(_ path: String, bytes: [UInt8]) {
        let path = PathComponents.normalize(path)
        files[path] = bytes
        addDirectory(PathComponents.dirname(path))
    }

    public mutating func addDirectory(_ path: String) {
        var current = PathComponents.normalize(path)
        while current != "/" && !current.isEmpty {
            directories.insert(current)
            current = PathComponents.dirname(current)
        }
    }

    /// `ln -s target path`; a relative target is resolved against the link's directory.
    public mutating func addSymbolicLink(_ path: String, target: String) {
        let path = PathComponents.normalize(path)
        links[path] = target
        addDirectory(PathComponents.dirname(path))
    }

    /// Makes reads of `path` fail with permission denied, as a mode-000 file or directory would.
    public mutating func markUnreadable(_ path: String) {
        unreadable.insert(PathComponents.normalize(path))
    }

    public func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        let resolved = try realPath(path)
        if unreadable.contains(resolved) { throw .permissionDenied(path: path) }
        if let bytes = files[resolved] { return bytes }
        if directories.contains(resolved) { throw .notAFile(path: path) }
        throw .notFound(path: path)
    }

    public func entryKind(_ path: String) -> FileEntryKind? {
        guard let resolved = try? realPath(path) else { return nil }
        if files[resolved] != nil { return .file }
        if directories.contains(resolved) { return .directory }
        return nil
    }

    public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        let resolved = try realPath(path)
        if unreadable.contains(resolved) { throw .permissionDenied(path: path) }
        guard directories.contains(resolved) else {
            throw files[resolved] != nil ? .notADirectory(path: path) : .notFound(path: path)
        }
        let prefix = resolved == "/" ? "/" : resolved + "/"
        var names = Set<String>()
        for candidate in Array(files.keys) + Array(directories) + Array(links.keys)
        where candidate.hasPrefix(prefix) && candidate != resolved {
            let rest = candidate.dropFirst(prefix.count)
            if !rest.contains("/") { names.insert(String(rest)) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    public func realPath(_ path: String) throws(FileSystemError) -> String {
        var resolved = "/"
        var pending = PathComponents.normalize(path).split(separator: "/").map(String.init)
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            let candidate = PathComponents.join(resolved, component)
            if let target = links[candidate] {
                hops += 1
                if hops > 40 { throw .other(path: path, reason: "too many levels of symbolic links") }
                let absoluteTarget = target.hasPrefix("/") ? target : PathComponents.join(resolved, target)
                pending = PathComponents.normalize(absoluteTarget).split(separator: "/").map(String.init) + pending
                resolved = "/"
                continue
            }
            guard files[candidate] != nil || directories.contains(candidate) else { throw .notFound(path: path) }
            if files[candidate] != nil && !pending.isEmpty { throw .notADirectory(path: path) }
            resolved = candidate
        }
        return resolved
    }
}
