/// Path arithmetic exactly as CPython's `posixpath` and `pathlib` do it on POSIX, where it differs
/// from the tool's own file-system paths (`PathComponents`): two leading slashes are kept, and pathlib
/// drops `.` parts, empty parts and trailing slashes without resolving `..`.
enum PythonPaths {
    /// `os.path.normpath`: POSIX allows `//` at the start to mean something else, so exactly two leading
    /// slashes stay; three or more become one.
    static func normpath(_ path: String) -> String {
        if path.isEmpty { return "." }
        let leadingSlashes = path.prefix(while: { $0 == "/" }).count
        let prefix = leadingSlashes == 2 ? "//" : (leadingSlashes > 0 ? "/" : "")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if prefix.isEmpty {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = prefix + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `str(pathlib.PurePosixPath(*parts))`: joined like `os.path.join` (an absolute part restarts), then
    /// empty and `.` parts and trailing slashes dropped; `..` is kept.
    static func pathlibString(_ parts: [String]) -> String {
        var root = ""
        var names: [Substring] = []
        for part in parts {
            let leadingSlashes = part.prefix(while: { $0 == "/" }).count
            if leadingSlashes > 0 {
                root = leadingSlashes == 2 ? "//" : "/"
                names = []
            }
            for name in part.split(separator: "/", omittingEmptySubsequences: true) where name != "." {
                names.append(name)
            }
        }
        let text = root + names.joined(separator: "/")
        return text.isEmpty ? "." : text
    }
}
