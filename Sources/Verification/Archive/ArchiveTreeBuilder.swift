import FileSystemSupport

/// Accumulates archive entries into the node tree of an `ArchiveFileSystem`, applying tar's
/// replacement rules and refusing entries that would live under a file or a symbolic link.
struct ArchiveTreeBuilder {
    enum Conflict: Equatable {
        case underFile(String)
        case underSymbolicLink(String)
        case replacesDirectory
        case replacesFileWithDirectory
    }

    private(set) var nodes: [String: ArchiveFileSystem.Node] = ["/": .directory]
    private(set) var retainedBytes = 0

    /// Checks that every ancestor of `path` is (or can become) a real directory, then creates the missing ones.
    private mutating func prepareParents(of path: String) -> Conflict? {
        var ancestors: [String] = []
        var current = PathComponents.dirname(path)
        while current != "/" {
            ancestors.append(current)
            current = PathComponents.dirname(current)
        }
        for ancestor in ancestors.reversed() {
            switch nodes[ancestor] {
            case .file: return .underFile(ancestor)
            case .symbolicLink: return .underSymbolicLink(ancestor)
            case .directory, nil: continue
            }
        }
        for ancestor in ancestors where nodes[ancestor] == nil {
            nodes[ancestor] = .directory
        }
        return nil
    }

    /// Whether an entry at `path` could be added (without adding it), so contents are only kept for entries that will be.
    func conflict(adding path: String, isDirectory: Bool) -> Conflict? {
        var current = PathComponents.dirname(path)
        while current != "/" {
            switch nodes[current] {
            case .file: return .underFile(current)
            case .symbolicLink: return .underSymbolicLink(current)
            case .directory, nil: break
            }
            current = PathComponents.dirname(current)
        }
        switch (nodes[path], isDirectory) {
        case (.directory, false): return .replacesDirectory
        case (.file, true): return .replacesFileWithDirectory
        default: return nil
        }
    }

    mutating func add(_ node: ArchiveFileSystem.Node, at path: String) -> Conflict? {
        let isDirectory = node == .directory
        if let conflict = conflict(adding: path, isDirectory: isDirectory) { return conflict }
        if let conflict = prepareParents(of: path) { return conflict }
        if case .file(let old) = nodes[path] { retainedBytes -= old.contents?.count ?? 0 }
        if case .file(let new) = node { retainedBytes += new.contents?.count ?? 0 }
        // A directory entry repeated (or after its children) keeps the existing directory.
        if !(isDirectory && nodes[path] == .directory) { nodes[path] = node }
        return nil
    }

    func node(at path: String) -> ArchiveFileSystem.Node? { nodes[path] }
}
