import FileSystemSupport

/// What doctor takes a file to be, from its name or, failing that, its first line.
public enum DoctorInputKind: String, Sendable, Hashable {
    case earthfile
    case dockerfile
    case shellScript
    case tutorConfig
    case packageManifest
    case packageLock
    case pipRequirements
    case pythonSettings

    public static func detect(path: String, text: String) -> DoctorInputKind? {
        let name = PathComponents.basename(path)
        let lower = name.lowercased()
        if name == "Earthfile" || lower.hasSuffix(".earth") || lower.hasPrefix("earthfile") { return .earthfile }
        if lower.contains("dockerfile") || lower.hasPrefix("containerfile") { return .dockerfile }
        if lower == "package.json" { return .packageManifest }
        if lower == "package-lock.json" || lower == "npm-shrinkwrap.json" { return .packageLock }
        if lower.hasSuffix(".sh") || lower.hasSuffix(".bash") { return .shellScript }
        if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return .tutorConfig }
        if lower.hasPrefix("requirements") || lower.hasSuffix(".txt") || lower.hasSuffix(".in") { return .pipRequirements }
        if let dot = lower.lastIndex(of: "."), lower[lower.index(after: dot)...].contains("py") { return .pythonSettings }
        return detect(firstLinesOf: text)
    }

    private static func detect(firstLinesOf text: String) -> DoctorInputKind? {
        let lines = NumberedLine.split(text).map(\.trimmed).filter { !$0.isEmpty }
        if let first = lines.first, first.hasPrefix("#!") {
            if first.contains("python") { return .pythonSettings }
            if first.contains("sh") { return .shellScript }
        }
        guard let statement = lines.first(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else { return nil }
        let upper = statement.uppercased()
        if upper.hasPrefix("VERSION ") { return .earthfile }
        if upper.hasPrefix("FROM ") || upper.hasPrefix("ARG ") || upper.hasPrefix("# SYNTAX=") { return .dockerfile }
        if statement.hasPrefix("from ") || statement.hasPrefix("import ") { return .pythonSettings }
        return nil
    }
}
