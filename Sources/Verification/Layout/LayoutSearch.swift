import DeploymentSettings
import FileSystemSupport

/// One breadth-first walk of the input, bounded in depth and in folders listed, collecting the
/// names the layout is made of. Results are in walk order (by depth, then by sorted name), so they
/// never depend on the order a disk lists folders. Symbolic links to folders are not descended into
/// twice, and never outside the input.
struct LayoutSearch {
    var statsFiles: [String] = []
    var workersFiles: [String] = []
    var platformFolders: [String] = []
    var sitePackagesFolders: [String] = []
    /// True when the depth or folder bound stopped the walk before it had seen everything.
    var wasLimited = false

    /// Folders that never hold a deployment's parts and can be huge.
    static let skippedFolderNames: Set<String> = ["node_modules", ".git", "__pycache__"]
    /// Kernel file systems of a whole-image root (only skipped at the input's root).
    static let skippedRootFolderNames: Set<String> = ["proc", "sys", "dev"]

    static func run(
        in fileSystem: any FileSystem, root: String, statsFileName: String, maximumDepth: Int, maximumDirectories: Int
    ) -> LayoutSearch {
        var search = LayoutSearch()
        let realRoot = (try? fileSystem.realPath(root)) ?? root
        var visited: Set<String> = [realRoot]
        var level = [root]
        var depth = 0
        var listed = 0
        while !level.isEmpty {
            var next: [String] = []
            for directory in level {
                if listed >= maximumDirectories {
                    search.wasLimited = true
                    return search
                }
                listed += 1
                guard let names = try? fileSystem.listDirectory(directory) else { continue }
                for name in names {
                    let path = PathComponents.join(directory, name)
                    switch fileSystem.entryKind(path) {
                    case .file:
                        if name == statsFileName { search.statsFiles.append(path) }
                        if name == EdxPlatformConventions.workersJSONName { search.workersFiles.append(path) }
                    case .directory:
                        if name == EdxPlatformConventions.platformFolderName { search.platformFolders.append(path) }
                        if name == "site-packages" {
                            search.sitePackagesFolders.append(path)
                            continue
                        }
                        if skippedFolderNames.contains(name) { continue }
                        if depth == 0 && skippedRootFolderNames.contains(name) { continue }
                        guard let real = try? fileSystem.realPath(path), isInside(real, realRoot),
                            visited.insert(real).inserted
                        else { continue }
                        if depth + 1 > maximumDepth {
                            search.wasLimited = true
                        } else {
                            next.append(path)
                        }
                    case nil:
                        continue
                    }
                }
            }
            level = next
            depth += 1
        }
        return search
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }
}
