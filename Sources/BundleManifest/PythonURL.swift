/// The parts of Python's `urllib.parse` and Django's URL helpers that decide a static file's URL,
/// reproduced exactly so that our URLs equal the LMS's.
enum PythonURL {
    struct Split: Equatable {
        var scheme = ""
        var netloc = ""
        var path = ""
        var query = ""
        var fragment = ""
    }

    /// `urllib.parse.urlsplit` (3.11): leading C0/space stripped, tab/CR/LF removed, scheme only when the
    /// text before `:` is `[A-Za-z][A-Za-z0-9+.-]*`.
    static func split(_ text: String) -> Split {
        var url = Substring(text.drop(while: { $0.unicodeScalars.allSatisfy { $0.value <= 0x20 } }))
        url = Substring(url.filter { $0 != "\t" && $0 != "\r" && $0 != "\n" })
        var result = Split()
        if let colon = url.firstIndex(of: ":"), colon != url.startIndex,
            let first = url.first, first.isASCII, first.isLetter,
            url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        {
            result.scheme = url[..<colon].lowercased()
            url = url[url.index(after: colon)...]
        }
        if url.hasPrefix("//") {
            let rest = url.dropFirst(2)
            let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
            result.netloc = String(rest[..<end])
            url = rest[end...]
        }
        if let hash = url.firstIndex(of: "#") {
            result.fragment = String(url[url.index(after: hash)...])
            url = url[..<hash]
        }
        if let question = url.firstIndex(of: "?") {
            result.query = String(url[url.index(after: question)...])
            url = url[..<question]
        }
        result.path = String(url)
        return result
    }

    private static let usesRelative: Set<String> = [
        "", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms", "prospero", "rtsp",
        "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss",
    ]
    private static let usesNetloc: Set<String> = [
        "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews",
        "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss",
    ]

    static func unsplit(_ parts: Split) -> String {
        var url = parts.path
        if !parts.netloc.isEmpty || (!parts.scheme.isEmpty && usesNetloc.contains(parts.scheme) && !url.hasPrefix("//")) {
            if !url.isEmpty && !url.hasPrefix("/") { url = "/" + url }
            url = "//" + parts.netloc + url
        }
        if !parts.scheme.isEmpty { url = parts.scheme + ":" + url }
        if !parts.query.isEmpty { url += "?" + parts.query }
        if !parts.fragment.isEmpty { url += "#" + parts.fragment }
        return url
    }

    /// `urllib.parse.urljoin(base, url)` (params ignored: `;` never survives `filepath_to_uri`).
    static func join(_ base: String, _ url: String) -> String {
        if base.isEmpty { return url }
        if url.isEmpty { return base }
        let baseParts = split(base)
        var parts = split(url)
        if parts.scheme.isEmpty { parts.scheme = baseParts.scheme }
        if parts.scheme != baseParts.scheme || !usesRelative.contains(parts.scheme) { return url }
        if usesNetloc.contains(parts.scheme) {
            if !parts.netloc.isEmpty { return unsplit(parts) }
            parts.netloc = baseParts.netloc
        }
        if parts.path.isEmpty {
            parts.path = baseParts.path
            if parts.query.isEmpty { parts.query = baseParts.query }
            return unsplit(parts)
        }
        var baseSegments = baseParts.path.components(separatedByCharacter: "/")
        if baseSegments.last != "" { baseSegments.removeLast() }
        var segments: [String]
        if parts.path.hasPrefix("/") {
            segments = parts.path.components(separatedByCharacter: "/")
        } else {
            segments = baseSegments + parts.path.components(separatedByCharacter: "/")
            if segments.count > 2 {
                let middle = segments[1..<(segments.count - 1)].filter { !$0.isEmpty }
                segments = [segments[0]] + middle + [segments[segments.count - 1]]
            }
        }
        var resolved: [String] = []
        for segment in segments {
            if segment == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
            } else if segment != "." {
                resolved.append(segment)
            }
        }
        if let last = segments.last, last == "." || last == ".." { resolved.append("") }
        let joined = resolved.joined(separator: "/")
        parts.path = joined.isEmpty ? "/" : joined
        return unsplit(parts)
    }

    /// `urllib.parse.quote(text, safe=safe)`: UTF-8, upper-case hex.
    static func quote(_ text: String, safe: String) -> String {
        let safeBytes = Set(safe.utf8)
        var output = ""
        for byte in text.utf8 {
            let isAlwaysSafe =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "~")
            if isAlwaysSafe || safeBytes.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }

    /// `urllib.parse.unquote`: `%XX` decoded as UTF-8 bytes (invalid sequences replaced), other text kept.
    static func unquote(_ text: String) -> String {
        guard text.contains("%") else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Django's `filepath_to_uri`.
    static func filepathToURI(_ path: String) -> String {
        quote(path.replacingBackslashes(), safe: "/~!*()'")
    }

    /// Django's `Settings._add_script_prefix` for STATIC_URL, with the default script prefix `/`
    /// (no request in flight when the worker URL is computed outside a view).
    static func addScriptPrefix(_ value: String, scriptPrefix: String = "/") -> String {
        if value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("/") { return value }
        return scriptPrefix + value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    /// `str.split(sep)` for one character: keeps empty pieces, always at least one.
    func components(separatedByCharacter separator: Character) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    fileprivate func replacingBackslashes() -> String {
        String(map { $0 == "\\" ? "/" : $0 })
    }
}
