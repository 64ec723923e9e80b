import Bundler
import Encodings
import FileSystemSupport
import ProctoringBackends

/// Names one build in the cache folder: a hash of everything the bundles depend on that is not a file the
/// bundler reads (those are recorded in the entry and checked on reuse, see `BuildInput`). The settings
/// are evaluated on every run; what they decide for the bundles (entries, their requests, the context
/// folder, the defines and the mode) is part of the key.
struct BuildCacheKey: Sendable, Hashable {
    /// File-name safe: the SHA-256 of `description` in base64url.
    let value: String
    /// The hashed text, one `name=value` line per input (kept for tests and `--verbose`).
    let description: String

    init(
        config: WorkerConfig, workersJSONPath: String, contextDirectory: String, defines: BuildDefines, options: BuildOptions,
        tool: ToolIdentity
    ) {
        var lines = [
            "format=\(String(decoding: BuildCacheEntry.magic, as: UTF8.self).trimmingTrailingNewline)",
            "tool=\(tool.description)",
            "workersJSON=\(workersJSONPath)",
            "context=\(contextDirectory)",
            "defines.text=\(defines.defines.text.map { "\"\($0)\"" } ?? "unset")",
            "defines.location=\(defines.defines.location.description)",
        ]
        for entry in config.entries {
            lines.append("entry=\(entry.name)\u{0}\(entry.requests.joined(separator: "\u{0}"))")
        }
        // Every other field of the defines and of the options is part of the key, including fields added
        // later: a field that does not change the bundles only costs a cache miss, a forgotten one would
        // serve a stale result.
        lines += Self.fields(of: defines, excluding: ["defines"]).map { "defines.\($0)" }
        lines += Self.fields(of: options, excluding: Self.optionsNotChangingBundles).map { "options.\($0)" }
        description = lines.joined(separator: "\n")
        let base64 = SubresourceIntegrity.value(of: Array(description.utf8), algorithm: .sha256).dropFirst("sha256-".count)
        value = String(base64.compactMap { character -> Character? in
            switch character {
            case "+": return "-"
            case "/": return "_"
            case "=": return nil
            default: return character
            }
        })
    }

    /// Options that only decide what happens after bundling (workers.json, the stats file, writing), or the
    /// cache itself.
    static let optionsNotChangingBundles: Set<String> = ["workers", "statsFormat", "dryRun", "cacheDirectory"]

    static func fields(of value: Any, excluding excluded: Set<String>) -> [String] {
        Mirror(reflecting: value).children.compactMap { child in
            guard let label = child.label, !excluded.contains(label) else { return nil }
            return "\(label)=\(canonicalDescription(child.value))"
        }.sorted()
    }

    /// A description that is the same in every process for equal values: dictionaries and sets (whose
    /// order depends on the per-process hash seed) are described in sorted order.
    static func canonicalDescription(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        let children = mirror.children.map { child in
            (child.label.map { "\($0): " } ?? "") + canonicalDescription(child.value)
        }
        switch mirror.displayStyle {
        case .optional:
            return children.first ?? "nil"
        case .dictionary, .set:
            return "[" + children.sorted().joined(separator: ", ") + "]"
        case nil:
            return String(reflecting: value)
        default:
            if children.isEmpty { return String(reflecting: value) }
            return "\(mirror.subjectType)(" + children.joined(separator: ", ") + ")"
        }
    }
}

/// Which build of proctoring-assets produced an entry. A packaged binary names its commit; a development
/// build (`swift build`) changes without its version changing, so its executable's size and modification
/// time are part of it too.
struct ToolIdentity: Sendable, Hashable, CustomStringConvertible {
    var description: String

    static var current: ToolIdentity {
        var text = BuildInfo.versionDescription
        if !BuildInfo.isPackaged {
            text += " executable " + ExecutableStamp.current
        }
        return ToolIdentity(description: text)
    }
}

extension String {
    fileprivate var trimmingTrailingNewline: String {
        hasSuffix("\n") ? String(dropLast()) : self
    }
}
