import DeploymentSettings

/// Human lines for resolved settings: each value with where it came from.
enum SettingsSummary {
    static func lines(_ settings: ResolvedSettings, names: [String]) -> [String] {
        var lines = settings.inputOrigins.map { "Using the \($0)" }
        if !settings.filesRead.isEmpty {
            lines.append("Settings files read (import order): " + settings.filesRead.joined(separator: " -> "))
        }
        for name in names {
            guard let setting = settings[name] else {
                lines.append("  \(name) = (not set)")
                continue
            }
            var line = "  \(name) = \(setting.value.pythonRepr)"
            line += "\n      from \(setting.provenance.kind.rawValue) \(setting.provenance.location.description)"
            if setting.isConditional { line += " (conditional: set inside an if/try branch)" }
            lines.append(line)
        }
        return lines
    }
}
