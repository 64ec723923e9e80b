import ProctoringBackends

/// Human lines for discovered backends: name, distribution, npm module, and where each was read.
enum BackendSummary {
    static func lines(_ backends: [DiscoveredBackend]) -> [String] {
        guard !backends.isEmpty else { return ["Backends: none found"] }
        var lines = ["Backends (entry points of group \(BackendDiscovery.group)):"]
        for backend in backends {
            var line = "  \(backend.name)"
            if let distribution = backend.distribution {
                line += "  \(distribution.name)" + (distribution.version.map { " \($0)" } ?? "")
            }
            if let object = backend.objectReference { line += "  \(object)" }
            if let location = backend.location { line += "\n      entry point at \(location.description)" }
            switch backend.npmModuleDeclaration {
            case .declared(let module):
                line += "\n      npm module '\(module)'"
                if let location = backend.npmModuleLocation { line += " from \(location.description)" }
            case .notDeclared:
                line += "\n      no npm module (no worker)"
            case .unknown(let reason):
                line += "\n      npm module unknown: \(reason)"
            }
            lines.append(line)
        }
        return lines
    }
}
