import FileSystemSupport

/// The files given to doctor at their places in the image, and the folders above them; nothing else.
struct PlacedFilesFileSystem: FileSystem {
    /// Image path → path on this machine.
    let files: [String: String]
    let base: any FileSystem

    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        guard let host = files[PathComponents.normalize(path)] else {
            throw entryKind(path) == .directory ? .notAFile(path: path) : .notFound(path: path)
        }
        return try base.readFile(host)
    }

    func entryKind(_ path: String) -> FileEntryKind? {
        let path = PathComponents.normalize(path)
        if files[path] != nil { return .file }
        let prefix = path == "/" ? "/" : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } ? .directory : nil
    }

    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        let path = PathComponents.normalize(path)
        guard entryKind(path) == .directory else { throw .notADirectory(path: path) }
        let prefix = path == "/" ? "/" : path + "/"
        let names = Set(files.keys.filter { $0.hasPrefix(prefix) }.compactMap { $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init) })
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    func realPath(_ path: String) throws(FileSystemError) -> String {
        let path = PathComponents.normalize(path)
        guard entryKind(path) != nil else { throw .notFound(path: path) }
        return path
    }
}
