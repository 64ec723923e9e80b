import Diagnostics
import FileSystemSupport
import Testing
@testable import DeploymentSettings

enum Fixtures {
    /// `Tests/Fixtures/Settings`, found from this file.
    static let settingsRoot: String = {
        let testsFolder = PathComponents.dirname(PathComponents.dirname(#filePath))
        return PathComponents.join(testsFolder, "Fixtures", "Settings")
    }()
}

/// Loads settings from an in-memory tree under /srv and returns the result or the thrown diagnostics.
struct InMemorySettings {
    var fileSystem = InMemoryFileSystem()

    mutating func add(_ path: String, _ text: String) {
        fileSystem.addFile(path, text)
    }

    func load(
        _ settings: String?, pythonPath: [String] = ["/srv"], configYAML: String? = nil,
        environment: [String: String] = [:], overrides: SettingsOverrides = SettingsOverrides()
    ) -> (settings: ResolvedSettings?, errors: [Diagnostic], diagnostics: [Diagnostic]) {
        let collector = DiagnosticCollector()
        let request = SettingsRequest(
            settings: settings, pythonPath: pythonPath, configYAML: configYAML, environment: environment,
            overrides: overrides, workingDirectory: "/srv")
        do {
            let resolved = try SettingsLoader(fileSystem: fileSystem).load(request, diagnostics: collector)
            return (resolved, [], collector.diagnostics)
        } catch {
            return (nil, error.diagnostics, collector.diagnostics)
        }
    }

    /// Runs `source` as /srv/app/settings.py and returns its settings.
    static func evaluate(_ source: String, environment: [String: String] = [:]) -> ResolvedSettings? {
        var tree = InMemorySettings()
        tree.add("/srv/app/__init__.py", "")
        tree.add("/srv/app/settings.py", source)
        return tree.load("app.settings", environment: environment).settings
    }
}
