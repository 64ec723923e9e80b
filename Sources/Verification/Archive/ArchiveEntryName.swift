/// Turns a tar entry name into an absolute path inside the archive's virtual root, refusing names that
/// could reach outside it.
enum ArchiveEntryName {
    enum Outcome: Equatable {
        /// `/`-rooted, normalised (`./a//b/` → `/a/b`).
        case path(String)
        /// The archive's root itself (`./`), which carries nothing to record.
        case root
        case unsafe(reason: String)
    }

    static func resolve(_ name: String) -> Outcome {
        if name.hasPrefix("/") { return .unsafe(reason: "an absolute name") }
        var components: [Substring] = []
        for component in name.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { return .unsafe(reason: "a `..` component") }
            components.append(component)
        }
        if components.isEmpty { return .root }
        return .path("/" + components.joined(separator: "/"))
    }
}
