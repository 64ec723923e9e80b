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
        // Most paths a build probes are already normal: checking the bytes is much cheaper than rebuilding.
        if path.utf8.withContiguousStorageIfAvailable(isNormal) == true { return path }
        var contiguous = path
        return contiguous.withUTF8 { bytes in
            // The result is never longer than the path (an empty relative result is "." and the path is not empty).
            String(unsafeUninitializedCapacity: bytes.count) { output in normalizeBytes(bytes, into: output) }
        }
    }

    /// `normalize` in one pass over the bytes: components are copied into `output` as they come, and `..` takes
    /// the last one back off (so `output` is the component stack itself). Returns the result's length.
    static func normalizeBytes(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let isAbsolute = bytes.first == slash
        let rootLength = isAbsolute ? 1 : 0
        if isAbsolute { output[0] = slash }
        var length = rootLength
        var components = 0
        // Kept `..` components (relative paths only) are always the first ones: a later `..` removes anything else.
        var leadingParents = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == slash {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] != slash { index += 1 }
            let componentLength = index - start
            if bytes[start] == dot, componentLength == 1 { continue }
            if bytes[start] == dot, componentLength == 2, bytes[start + 1] == dot {
                if components > leadingParents {
                    // Back to the `/` before the last component, or to the root.
                    var end = length - 1
                    while end > rootLength, output[end] != slash { end -= 1 }
                    length = end > rootLength ? end : rootLength
                    components -= 1
                    continue
                }
                if isAbsolute { continue }
                leadingParents += 1
            }
            if components > 0 {
                output[length] = slash
                length += 1
            }
            for offset in start..<index { output[length + offset - start] = bytes[offset] }
            length += componentLength
            components += 1
        }
        if length == 0 {
            output[0] = dot
            return 1
        }
        return length
    }

    /// `normalize` without its fast path: the component rules themselves.
    static func normalizeByComponents(_ path: String) -> String {
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

    /// Whether `normalize` would return these bytes unchanged: no empty, `.` or `..` component, no trailing `/`
    /// (`/` alone is normal).
    static func isNormal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var componentStart = bytes.first == slash ? 1 : 0
        if componentStart == bytes.count { return componentStart == 1 }
        while true {
            var end = componentStart
            while end < bytes.count, bytes[end] != slash { end += 1 }
            let length = end - componentStart
            if length == 0 { return false }
            if bytes[componentStart] == dot, length == 1 || (length == 2 && bytes[componentStart + 1] == dot) { return false }
            if end == bytes.count { return true }
            componentStart = end + 1
        }
    }

    /// `os.path.dirname`: everything before the last `/` (trailing slashes of the head removed unless it is all slashes).
    public static func dirname(_ path: String) -> String {
        let utf8 = path.utf8
        let slash = UInt8(ascii: "/")
        guard let lastSlash = utf8.lastIndex(of: slash) else { return "" }
        let headEnd = utf8.index(after: lastSlash)
        var end = headEnd
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == slash { end = utf8.index(before: end) }
        // A head of slashes only stays as it is.
        return String(path[..<(end == utf8.startIndex ? headEnd : end)])
    }

    /// `os.path.basename`: everything after the last `/`.
    public static func basename(_ path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[utf8.index(after: slash)...])
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
