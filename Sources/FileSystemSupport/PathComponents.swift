/// Pure path arithmetic on `/`-separated paths (the same rules as Python's `posixpath` and node's
/// `path.posix`), so results do not depend on the host's Foundation.
public enum PathComponents {
    /// `os.path.join`: an absolute component replaces everything before it; no normalisation.
    public static func join(_ first: String, _ rest: String...) -> String {
        join([first] + rest)
    }

    public static func join(_ parts: [String]) -> String {
        var result = ""
        for part in parts {
            if part.hasPrefix("/") {
                result = part
            } else if result.isEmpty || result.hasSuffix("/") {
                result += part
            } else {
                result += "/" + part
            }
        }
        return result
    }

    /// `os.path.normpath` for POSIX paths: removes `.`, resolves `..` lexically, collapses slashes.
    public static func normalize(_ path: String) -> String {
        if path.isEmpty { return "." }
        let isAbsolute = path.hasPrefix("/")
        var stack: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if let last = stack.last, last != ".." {
                    stack.removeLast()
                } else if !isAbsolute {
                    stack.append(component)
                }
                continue
            }
            stack.append(component)
        }
        let body = stack.joined(separator: "/")
        if isAbsolute { return "/" + body }
        return body.isEmpty ? "." : body
    }

    /// `os.path.dirname`: everything before the last `/` (trailing slashes of the head removed unless it is all slashes).
    public static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        var head = String(path[...slash])
        if head.contains(where: { $0 != "/" }) {
            while head.hasSuffix("/") { head.removeLast() }
        }
        return head
    }

    /// `os.path.basename`: everything after the last `/`.
    public static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `os.path.abspath`: joins with `workingDirectory` when relative, then normalises.
    public static func absolute(_ path: String, relativeTo workingDirectory: String) -> String {
        normalize(path.hasPrefix("/") ? path : join(workingDirectory, path))
    }

    /// The path of `path` relative to `base` (both absolute and normalised), as node's `path.relative`.
    public static func relative(_ path: String, from base: String) -> String {
        let target = normalize(path).split(separator: "/")
        let origin = normalize(base).split(separator: "/")
        var common = 0
        while common < target.count, common < origin.count, target[common] == origin[common] { common += 1 }
        let ups = Array(repeating: "..", count: origin.count - common)
        return (ups + target[common...].map(String.init)).joined(separator: "/")
    }
}
