/// Reads the source around a value to find the name it is bound to: `NAME = value`, `NAME: value`,
/// `"NAME": value` or `obj.NAME = value`. This is how a substituted JS_ENV_EXTRA_CONFIG value shows up
/// in a bundle (`const CDN_URL = "…";`, `({"PROCTORTRACK_CDN_URL": …})`), minified or not.
struct SubstitutedValueContext {
    let bytes: [UInt8]

    /// The name the value starting at `offset` is assigned to, or nil when it is not a plain binding.
    func boundName(ofValueAt offset: Int) -> String? {
        var index = skipSpaceBackward(from: offset - 1)
        guard index >= 0 else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "="):
            if index > 0, Self.compoundOperatorBytes.contains(bytes[index - 1]) { return nil }
        case UInt8(ascii: ":"):
            break
        default:
            return nil
        }
        index = skipSpaceBackward(from: index - 1)
        guard index >= 0 else { return nil }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var start = index - 1
            while start >= 0, bytes[start] != quote {
                if bytes[start] == UInt8(ascii: "\n") { return nil }
                start -= 1
            }
            guard start >= 0 else { return nil }
            return String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        }
        var start = index
        while start >= 0, Self.isIdentifierByte(bytes[start]) { start -= 1 }
        guard start < index else { return nil }
        return String(decoding: bytes[(start + 1)...index], as: UTF8.self)
    }

    /// True when nothing but a statement or list end follows `end` (so the value is the whole right side).
    func valueEnds(at end: Int) -> Bool {
        var index = end
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"),
                UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return true
            default: return false
            }
        }
        return true
    }

    /// The end of the string literal whose opening quote is at `offset`.
    func stringLiteralEnd(from offset: Int) -> Int? {
        guard offset < bytes.count else { return nil }
        let quote = bytes[offset]
        var index = offset + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote { return index + 1 }
            if bytes[index] == UInt8(ascii: "\n") { return nil }
            index += 1
        }
        return nil
    }

    /// Names that end in URL, or look like a configuration constant (`PROCTORTRACK_CONFIG_KEY`).
    static func expectsString(_ name: String) -> Bool {
        if expectsURL(name) { return true }
        let letters = name.filter(\.isLetter)
        return name.contains("_") && !letters.isEmpty && letters.allSatisfy(\.isUppercase)
    }

    /// `CDN_URL`, `serviceUrl`, `PROCTORTRACK_CDN_URL`; not `URL_SEARCH_PARAMS` (core-js has that one).
    static func expectsURL(_ name: String) -> Bool {
        name.uppercased().hasSuffix("URL")
    }

    /// `scheme://…` or a protocol-relative `//host…`.
    static func looksLikeURL(_ value: String) -> Bool {
        if value.hasPrefix("//") && value.count > 2 { return true }
        guard let range = value.firstRange(of: "://") else { return false }
        let scheme = value[..<range.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
            && value.count > scheme.count + 3
    }

    private static let compoundOperatorBytes: Set<UInt8> = Set("=!<>+-*/%&|^?".utf8)

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    private func skipSpaceBackward(from start: Int) -> Int {
        var index = min(start, bytes.count - 1)
        while index >= 0, [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes[index]) { index -= 1 }
        return index
    }
}
