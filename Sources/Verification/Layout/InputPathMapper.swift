import FileSystemSupport

/// Maps a path as the settings or flags name it (a path in the image, e.g. `/openedx/staticfiles`)
/// onto the input: as given when the input is that folder on disk, else under the input's root, else
/// by its longest trailing part that exists (`staticfiles` inside a tarball of the static root).
struct InputPathMapper {
    let fileSystem: any FileSystem
    let inputRoot: String

    func map(_ path: String, kind: FileEntryKind) -> String? {
        candidates(for: path).first { fileSystem.entryKind($0) == kind }
    }

    func candidates(for path: String) -> [String] {
        let normalized = PathComponents.normalize(path)
        var result: [String] = []
        if normalized.hasPrefix("/") && LayoutSearch.isInside(normalized, inputRoot) {
            result.append(normalized)
        }
        let components = normalized.split(separator: "/").filter { $0 != ".." }.map(String.init)
        for dropped in 0..<components.count {
            let suffix = components[dropped...].joined(separator: "/")
            result.append(PathComponents.normalize(PathComponents.join(inputRoot, suffix)))
        }
        if components.isEmpty { result.append(inputRoot) }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }
}
