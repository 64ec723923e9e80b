import Diagnostics
import Encodings
import Yams

/// Turns a composed YAML node tree into the Python values `yaml.safe_load` (PyYAML 6, SafeLoader, as
/// edx-platform's production settings use) would construct: merge keys, `!!binary`, `!!set`, `!!omap`
/// and `!!pairs` as PyYAML builds them; tags safe_load refuses (`!!python/…`, local tags) and values that
/// do not match their tag are errors; dates and times are unknown values (Python has `datetime` objects).
///
/// Aliased nodes are shared by the composer but expanded by every consumer of the values, so the
/// conversion counts expanded nodes and stops at `maximumNodes` ("billion laughs").
struct YAMLConversion {
    /// PyYAML's recursive composer stops with RecursionError at about 492 levels.
    static let maximumDepth = 490
    static let maximumNodes = 1_000_000

    let path: String
    private(set) var problems: [Diagnostic] = []
    private var nodesLeft = maximumNodes

    init(path: String) {
        self.path = path
    }

    static func tooDeep(path: String, line: Int?, column: Int?) -> Diagnostic {
        Diagnostic(
            .configYAMLNestedTooDeeply,
            "configuration YAML nests more than \(maximumDepth) levels deep (PyYAML stops with RecursionError at about 492)",
            at: .file(path, line: line, column: column), fix: "flatten the structure; no setting needs this depth")
    }

    /// The value of `node`, or nil when a problem was recorded (the first one stops the conversion).
    mutating func convert(_ node: Node, depth: Int) -> PythonValue? {
        guard problems.isEmpty else { return nil }
        guard depth <= Self.maximumDepth else {
            problems.append(Self.tooDeep(path: path, line: node.mark?.line, column: node.mark?.column))
            return nil
        }
        nodesLeft -= 1
        guard nodesLeft >= 0 else {
            problems.append(
                Diagnostic(
                    .configYAMLAliasExpansion,
                    "configuration YAML expands to more than \(Self.maximumNodes) values through its aliases",
                    at: location(node),
                    fix: "remove the aliases (`*name`) that repeat large structures, or the nesting that multiplies them"))
            return nil
        }
        let tag = node.tag.description
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar.string, tag: tag, node: node)
        case .sequence(let sequence):
            var items: [PythonValue] = []
            for item in sequence {
                guard let value = convert(item, depth: depth + 1) else { return nil }
                items.append(value)
            }
            switch tag {
            case Tag.Name.seq.rawValue: return .list(items)
            case Tag.Name.omap.rawValue, Tag.Name.pairs.rawValue:
                // A list of (key, value) tuples, each item a one-key mapping.
                var pairs: [PythonValue] = []
                for item in items {
                    guard case .dict(let entries) = item, entries.count == 1 else {
                        return refuse(node, "an !!omap / !!pairs item must be a mapping of one key")
                    }
                    pairs.append(.tuple([entries[0].key, entries[0].value]))
                }
                return .list(pairs)
            default:
                return refuseTag(tag, node)
            }
        case .mapping(let mapping):
            guard tag == Tag.Name.map.rawValue || tag == Tag.Name.set.rawValue else { return refuseTag(tag, node) }
            guard let pairs = flattened(mapping, depth: depth) else { return nil }
            var entries: [PythonDictEntry] = []
            var keys = DictionaryKeyIndex(entries)
            for (keyNode, valueNode) in pairs {
                guard let key = convert(keyNode, depth: depth + 1), let value = convert(valueNode, depth: depth + 1) else {
                    return nil
                }
                switch key {
                case .list, .dict: return refuse(keyNode, "found unhashable key (a list or mapping used as a key)")
                default: break
                }
                // Later keys win and keep the first key's place, as assigning into a Python dict does.
                keys.set(value, forKey: key, in: &entries)
            }
            if tag == Tag.Name.set.rawValue { return .list(entries.map(\.key)) }
            return .dict(entries)
        case .alias:
            return refuse(node, "an alias the composer did not resolve")
        }
    }

    /// PyYAML's `flatten_mapping`: the pairs of `<<` merges first (a list of mappings merged last to first),
    /// then the mapping's own pairs.
    private mutating func flattened(_ mapping: Node.Mapping, depth: Int) -> [(Node, Node)]? {
        var merged: [(Node, Node)] = []
        var own: [(Node, Node)] = []
        for (key, value) in mapping {
            guard key.tag.description == Tag.Name.merge.rawValue else {
                own.append((key, value))
                continue
            }
            switch value {
            case .mapping(let inner):
                guard let pairs = flattened(inner, depth: depth + 1) else { return nil }
                merged.append(contentsOf: pairs)
            case .sequence(let sequence):
                var groups: [[(Node, Node)]] = []
                for item in sequence {
                    guard case .mapping(let inner) = item else {
                        _ = refuse(item, "expected a mapping for merging")
                        return nil
                    }
                    guard let pairs = flattened(inner, depth: depth + 1) else { return nil }
                    groups.append(pairs)
                }
                for group in groups.reversed() { merged.append(contentsOf: group) }
            default:
                _ = refuse(value, "expected a mapping or list of mappings for merging")
                return nil
            }
        }
        return merged + own
    }

    private mutating func scalarValue(_ text: String, tag: String, node: Node) -> PythonValue? {
        switch tag {
        case Tag.Name.str.rawValue, Tag.Name.value.rawValue, Tag.Name.merge.rawValue: return .string(text)
        case Tag.Name.null.rawValue: return PythonValue.none
        case Tag.Name.bool.rawValue:
            guard let flag = node.bool else { return refuse(node, "'\(text)' is not a boolean (tagged !!bool)") }
            return .bool(flag)
        case Tag.Name.int.rawValue:
            // An explicit `!!int` on a quoted scalar is converted too (`!!int '7'`).
            guard let number = node.int ?? Int(text.filter { $0 != "_" }) else {
                return refuse(node, "'\(text)' is not an integer (tagged !!int)")
            }
            return .int(String(number))
        case Tag.Name.float.rawValue:
            guard let number = node.float else { return refuse(node, "'\(text)' is not a number (tagged !!float)") }
            return .float(PythonFormatting.floatRepr(number))
        case Tag.Name.binary.rawValue:
            guard let bytes = Self.decodeBase64(text) else { return refuse(node, "!!binary value is not base64") }
            return .bytes(bytes)
        case Tag.Name.timestamp.rawValue:
            return .unknown(
                UnknownValue(reason: "YAML timestamp \(text) (a Python datetime) is not modelled", location: location(node)))
        default:
            return refuseTag(tag, node)
        }
    }

    private mutating func refuseTag(_ tag: String, _ node: Node) -> PythonValue? {
        problems.append(
            Diagnostic(
                .configYAMLUnsafeTag,
                "yaml.safe_load has no constructor for the tag '\(tag)': the LMS would stop with ConstructorError",
                at: location(node), fix: "remove the tag; settings values are plain strings, numbers, lists and mappings"))
        return nil
    }

    private mutating func refuse(_ node: Node, _ reason: String) -> PythonValue? {
        problems.append(
            Diagnostic(
                .configYAMLUnsafeTag, "yaml.safe_load would refuse this value: \(reason)", at: location(node),
                fix: "write the value as a plain YAML scalar, list or mapping"))
        return nil
    }

    private func location(_ node: Node) -> SourceLocation {
        .file(path, line: node.mark?.line, column: node.mark?.column)
    }

    /// `base64.decodebytes`: characters outside the alphabet are skipped; the rest must be whole groups.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var digits: [Int] = []
        var padding = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") {
                padding += 1
            } else if let digit = Base64.digit(of: byte) {
                guard padding == 0 else { return nil }
                digits.append(digit)
            }
        }
        guard (digits.count + padding) % 4 == 0, padding <= 2 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < digits.count {
            let group = digits[index..<min(index + 4, digits.count)]
            var accumulator = 0
            for digit in group { accumulator = accumulator << 6 | digit }
            accumulator <<= 6 * (4 - group.count)
            let produced = group.count - 1
            for shift in [16, 8, 0].prefix(produced) { bytes.append(UInt8((accumulator >> shift) & 0xFF)) }
            index += 4
        }
        return bytes
    }
}

/// A cheap upper bound of a YAML text's nesting, so text far too deep for the recursive composer is
/// refused before it runs: indentation levels, `- ` / `? ` indicators starting a line, and flow
/// brackets outside quotes and comments.
enum YAMLNestingScan {
    static func firstPointDeeper(than limit: Int, in text: String) -> (line: Int, column: Int)? {
        var flowDepth = 0
        var indentStack: [Int] = []
        var line = 1
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let bytes = Array(rawLine.utf8)
            var index = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            if index == bytes.count || bytes[index] == UInt8(ascii: "#") { continue }
            if flowDepth == 0 {
                while let last = indentStack.last, last >= index { indentStack.removeLast() }
                indentStack.append(index)
            }
            var indicators = 0
            while index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "?"),
                bytes[index + 1] == UInt8(ascii: " ")
            {
                indicators += 1
                index += 2
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            }
            var quote: UInt8?
            var lineFlowPeak = flowDepth
            while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else {
                    switch byte {
                    case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
                    case UInt8(ascii: "#") where index == 0 || bytes[index - 1] == UInt8(ascii: " "): index = bytes.count
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flowDepth += 1
                        lineFlowPeak = max(lineFlowPeak, flowDepth)
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
                    default: break
                    }
                }
                index += 1
            }
            if indentStack.count + indicators + lineFlowPeak > limit { return (line, 1) }
        }
        return nil
    }
}

/// Finds an alias used as a mapping key (`? *a`, `*a : v`, `{*a: v}`). safe_load refuses a list or
/// mapping key ("found unhashable key"), but composing one first hashes the whole aliased value, which
/// for nested aliases ("billion laughs") never ends; so alias keys are refused before composing.
/// (Aliases are names of letters, digits, `-` and `_`, as libyaml reads them.)
enum YAMLAliasKeyScan {
    static func firstAliasKey(in text: String) -> (line: Int, column: Int)? {
        var line = 1
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let bytes = Array(rawLine.utf8)
            var quote: UInt8?
            var afterQuestionMark = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if byte == open { quote = nil }
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    quote = byte
                case UInt8(ascii: "#") where index == 0 || bytes[index - 1] == UInt8(ascii: " "):
                    index = bytes.count
                    continue
                case UInt8(ascii: "?") where index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " "):
                    afterQuestionMark = true
                case UInt8(ascii: "*"):
                    let start = index
                    var end = index + 1
                    while end < bytes.count, isAnchorCharacter(bytes[end]) { end += 1 }
                    var next = end
                    while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
                    let followedByColon =
                        next < bytes.count && bytes[next] == UInt8(ascii: ":")
                        && (next + 1 == bytes.count || [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[next + 1]))
                    if end > start + 1 && (followedByColon || afterQuestionMark) { return (line, start + 1) }
                    index = end
                    continue
                case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
                    break
                default:
                    afterQuestionMark = false
                }
                index += 1
            }
        }
        return nil
    }

    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
