import FileSystemSupport

/// The entries of an archive as a read-only `FileSystem`, so verify rules run the same over a folder
/// and over a tarball. Paths are absolute inside the archive's virtual root (`/openedx/workers.json`
/// for the entry `./openedx/workers.json`). Symbolic links resolve only inside the archive: absolute
/// targets against the virtual root, and a relative target that climbs above it resolves to nothing.
public struct ArchiveFileSystem: FileSystem {
    enum Node: Sendable, Hashable {
        case directory
        case file(ArchiveFile)
        case symbolicLink(target: String)
    }

    /// The archive on disk, for messages.
    public let archivePath: String
    private let nodes: [String: Node]
    private let children: [String: [String]]

    init(archivePath: String, nodes: [String: Node]) {
        self.archivePath = archivePath
        self.nodes = nodes
        var children: [String: [String]] = [:]
        for path in nodes.keys where path != "/" {
            children[PathComponents.dirname(path), default: []].append(PathComponents.basename(path))
        }
        self.children = children.mapValues { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    /// Every recorded path (files, directories, links), sorted.
    public var allPaths: [String] {
        nodes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Bytes of file contents held in memory.
    public var retainedByteCount: Int {
        nodes.values.reduce(0) { total, node in
            if case .file(let file) = node { return total + (file.contents?.count ?? 0) }
            return total
        }
    }

    /// Whether some files were only hashed because the kept contents reached the total limit.
    public var hasFilesOverTotalLimit: Bool {
        nodes.values.contains { node in
            if case .file(let file) = node, case .exceedsTotalLimit = file.retention { return true }
            return false
        }
    }

    /// The size, hash and (maybe) contents of the file at `path`, following links.
    public func fileRecord(_ path: String) -> ArchiveFile? {
        guard case .resolved(let resolved) = resolve(path), case .file(let file) = nodes[resolved] else { return nil }
        return file
    }

    /// The target of the symbolic link at `path` itself (not following it), as recorded.
    public func symbolicLinkTarget(_ path: String) -> String? {
        guard case .symbolicLink(let target) = nodes[PathComponents.normalize(path)] else { return nil }
        return target
    }

    public func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        let resolved = try realPath(path)
        switch nodes[resolved] {
        case .file(let file):
            guard let contents = file.contents else { throw .other(path: path, reason: file.unavailableReason) }
            return contents
        case .directory: throw .notAFile(path: path)
        case .symbolicLink, nil: throw .notFound(path: path)
        }
    }

    public func entryKind(_ path: String) -> FileEntryKind? {
        guard case .resolved(let resolved) = resolve(path) else { return nil }
        switch nodes[resolved] {
        case .file: return .file
        case .directory: return .directory
        case .symbolicLink, nil: return nil
        }
    }

    public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        let resolved = try realPath(path)
        switch nodes[resolved] {
        case .directory: return children[resolved] ?? []
        case .file: throw .notADirectory(path: path)
        case .symbolicLink, nil: throw .notFound(path: path)
        }
    }

    public func realPath(_ path: String) throws(FileSystemError) -> String {
        switch resolve(path) {
        case .resolved(let resolved): return resolved
        case .missing: throw .notFound(path: path)
        case .notADirectory: throw .notADirectory(path: path)
        case .escapes(let link):
            throw .other(path: path, reason: "symbolic link \(link) points outside the archive")
        case .loops(let link):
            throw .other(path: path, reason: "too many levels of symbolic links at \(link)")
        }
    }

    enum Resolution: Equatable {
        case resolved(String)
        case missing
        case notADirectory
        case escapes(link: String)
        case loops(link: String)
    }

    static let maximumLinkHops = 40

    /// Walks `path` component by component, replacing each symbolic link by its target.
    func resolve(_ path: String) -> Resolution {
        let start = path.hasPrefix("/") ? path : "/" + path
        var pending = Array(start.split(separator: "/").map(String.init).reversed())
        var resolved: [String] = []
        var hops = 0
        while let component = pending.popLast() {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            switch nodes[candidate] {
            case .symbolicLink(let target):
                hops += 1
                if hops > Self.maximumLinkHops { return .loops(link: candidate) }
                if target.hasPrefix("/") {
                    resolved = []
                } else if Self.climbsAboveRoot(target, from: resolved.count) {
                    return .escapes(link: candidate)
                }
                pending.append(contentsOf: target.split(separator: "/").map(String.init).reversed())
            case .file:
                if !pending.contains(where: { $0 != "." && !$0.isEmpty }) {
                    resolved.append(component)
                } else {
                    return .notADirectory
                }
            case .directory:
                resolved.append(component)
            case nil:
                return .missing
            }
        }
        return .resolved("/" + resolved.joined(separator: "/"))
    }

    /// Whether a relative link target, read from a directory `depth` levels below the root, goes above it.
    static func climbsAboveRoot(_ target: String, from depth: Int) -> Bool {
        var level = depth
        for component in target.split(separator: "/") {
            if component == ".." {
                level -= 1
                if level < 0 { return true }
            } else if component != "." {
                level += 1
            }
        }
        return false
    }

    /// Every symbolic link path, sorted (for the escape/loop check after loading).
    var symbolicLinkPaths: [String] {
        nodes.compactMap { path, node -> String? in
            if case .symbolicLink = node { return path }
            return nil
        }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
