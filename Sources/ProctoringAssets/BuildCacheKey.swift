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
        // Every other field of the defines and of the options is part of the key: a field that does not
        // change the bundles only costs a cache miss, a forgotten one would serve a stale result.
        // `BuildCacheKeyTests` checks with Mirror that the lists below name every stored field.
        lines += Self.keyedFields(of: defines).map { "defines.\($0.name)=\($0.value)" }
        lines += Self.keyedFields(of: options).map { "options.\($0.name)=\($0.value)" }
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

    /// The fields of the defines other than the define values (keyed above), by name, described.
    static let definesNotListed: Set<String> = ["defines"]

    static func keyedFields(of defines: BuildDefines) -> [(name: String, value: String)] {
        [("mode", defines.mode.rawValue)]
    }

    /// Spelled out rather than reflected: reflecting over the values costs the process a runtime search of
    /// every protocol conformance of the binary per type and protocol asked about (≈ 2 ms at start-up).
    static func keyedFields(of options: BuildOptions) -> [(name: String, value: String)] {
        [
            ("bundler", options.bundler.rawValue),
            ("deployTimeConfig", "\(options.deployTimeConfig)"),
            // Only with --js-from-python; reflected, as it nests several types.
            ("javaScriptModules", options.javaScriptModules.map { canonicalDescription($0) } ?? "nil"),
            ("minify", options.minify.map { "\($0)" } ?? "nil"),
            ("sourceMap", "\(options.sourceMap)"),
        ]
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
