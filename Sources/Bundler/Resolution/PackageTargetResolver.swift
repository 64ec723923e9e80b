import FileSystemSupport
import OrderedJSON

/// Node's PACKAGE_EXPORTS_RESOLVE / PACKAGE_IMPORTS_RESOLVE over a parsed `exports` or `imports`
/// field: exact keys, single-`*` patterns (longest prefix wins), nested condition objects walked in
/// key order, arrays as fallbacks, `null` as an explicit exclusion. Legacy folder keys ending in
/// "/" (removed in node 17) are not supported.
struct PackageTargetResolver {
    enum Outcome: Equatable {
        /// An absolute path inside the package (not checked for existence: node uses it as is).
        case path(String)
        /// An `imports` target naming another package, to be resolved as a bare request.
        case bareRequest(String)
        /// The subpath matched a `null` target.
        case excluded
        /// No key, or no condition, matched.
        case noMatch
        case invalidTarget(String)
        case invalidField(String)
    }

    let packageDirectory: String
    /// Active conditions; `default` always matches in addition.
    let conditions: Set<String>

    /// `subpath` is "." or "./x".
    func resolveExport(_ subpath: String, exports: JSONValue) -> Outcome {
        let map: [JSONMember]
        switch exports {
        case .object(let members):
            let dotted = members.filter { $0.key.hasPrefix(".") }.count
            if dotted == 0 {
                map = [JSONMember(".", exports)]
            } else if dotted == members.count {
                map = members
            } else {
                return .invalidField(
                    "\"exports\" mixes subpath keys (starting with \".\") and condition keys in one object")
            }
        case .string, .array:
            map = [JSONMember(".", exports)]
        default:
            return .invalidField("\"exports\" must be a string, an array or an object, found \(exports.kindDescription)")
        }
        return resolveInMap(subpath, map: map, allowsBareTargets: false)
    }

    /// `specifier` starts with "#".
    func resolveImport(_ specifier: String, imports: JSONValue) -> Outcome {
        guard case .object(let members) = imports else {
            return .invalidField("\"imports\" must be an object, found \(imports.kindDescription)")
        }
        return resolveInMap(specifier, map: members, allowsBareTargets: true)
    }

    private func resolveInMap(_ key: String, map: [JSONMember], allowsBareTargets: Bool) -> Outcome {
        if !key.contains("*"), let exact = map.last(where: { $0.key == key }) {
            return resolveTarget(exact.value, patternMatch: nil, allowsBareTargets: allowsBareTargets)
        }
        var best: (member: JSONMember, match: String, prefixLength: Int)?
        for member in map {
            let parts = member.key.split(separator: "*", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let prefix = String(parts[0])
            let suffix = String(parts[1])
            guard key.hasPrefix(prefix), key != prefix, key.count >= prefix.count + suffix.count,
                key.hasSuffix(suffix)
            else { continue }
            let match = String(key.dropFirst(prefix.count).dropLast(suffix.count))
            if let current = best {
                // PATTERN_KEY_COMPARE: the longer prefix wins, then the longer key.
                let longerPrefix = prefix.count > current.prefixLength
                let sameLongerKey = prefix.count == current.prefixLength && member.key.count > current.member.key.count
                if !(longerPrefix || sameLongerKey) { continue }
            }
            best = (member, match, prefix.count)
        }
        guard let best else { return .noMatch }
        return resolveTarget(best.member.value, patternMatch: best.match, allowsBareTargets: allowsBareTargets)
    }

    private func resolveTarget(_ target: JSONValue, patternMatch: String?, allowsBareTargets: Bool) -> Outcome {
        switch target {
        case .string(let text):
            return resolveStringTarget(text, patternMatch: patternMatch, allowsBareTargets: allowsBareTargets)
        case .array(let alternatives):
            var lastFailure: Outcome = .noMatch
            for alternative in alternatives {
                let outcome = resolveTarget(alternative, patternMatch: patternMatch, allowsBareTargets: allowsBareTargets)
                switch outcome {
                case .path, .bareRequest: return outcome
                case .invalidField: return outcome
                case .excluded, .noMatch, .invalidTarget: lastFailure = outcome
                }
            }
            return lastFailure
        case .object(let members):
            for member in members {
                if Int(member.key) != nil {
                    return .invalidField("condition keys must not be array indices (\"\(member.key)\")")
                }
                guard member.key == "default" || conditions.contains(member.key) else { continue }
                let outcome = resolveTarget(member.value, patternMatch: patternMatch, allowsBareTargets: allowsBareTargets)
                if outcome == .noMatch { continue }
                return outcome
            }
            return .noMatch
        case .null:
            return .excluded
        default:
            return .invalidTarget("a target must be a string, an array, an object or null, found \(target.kindDescription)")
        }
    }

    private func resolveStringTarget(_ text: String, patternMatch: String?, allowsBareTargets: Bool) -> Outcome {
        let substituted = patternMatch.map { text.replacingOccurrences(of: "*", with: $0) } ?? text
        if !text.hasPrefix("./") {
            if allowsBareTargets && !text.hasPrefix("../") && !text.hasPrefix("/") && !text.isEmpty {
                return .bareRequest(substituted)
            }
            return .invalidTarget("target \"\(text)\" must start with \"./\"")
        }
        let segments = substituted.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for segment in segments {
            let lowered = segment.lowercased()
            if segment == ".." || segment == "." || lowered == "node_modules" {
                return .invalidTarget("target \"\(substituted)\" contains the segment \"\(segment)\"")
            }
        }
        return .path(PathComponents.normalize(PathComponents.join(packageDirectory, substituted)))
    }
}

extension String {
    /// Replaces every occurrence of `target` (non-empty) without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
