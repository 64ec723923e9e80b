import DeploymentSettings
import Diagnostics
import FileSystemSupport
import OrderedJSON

/// The `settings` command: the proctoring-related settings with their provenance.
public struct SettingsInspection: Sendable {
    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func run(_ inputs: DeploymentInputs, example: ExampleDeployment? = nil) -> CommandReport {
        let collector = DiagnosticCollector()
        let settings: ResolvedSettings
        do {
            settings = try SettingsLoader(fileSystem: fileSystem).load(inputs.settings, diagnostics: collector)
        } catch {
            collector.emit(contentsOf: error.diagnostics)
            return CommandReport(command: "settings", diagnostics: collector.diagnostics)
        }
        var lines: [String] = []
        if let example { lines.append("Example deployment copied to \(example.root)") }
        if let name = inputs.settings.settings { lines.append("Settings module: \(name)") }
        lines.append(contentsOf: SettingsSummary.lines(settings, names: ResolvedSettings.proctoringNames))
        let members = ResolvedSettings.proctoringNames.map { name in
            JSONMember(name, settings[name].map(Self.json) ?? .null)
        }
        let result: JSONValue = .object([
            JSONMember("settingsModule", inputs.settings.settings.map(JSONValue.string) ?? .null),
            JSONMember("exampleRoot", example.map { .string($0.root) } ?? .null),
            JSONMember("filesRead", .array(settings.filesRead.map(JSONValue.string))),
            JSONMember("settings", .object(members)),
        ])
        return CommandReport(command: "settings", diagnostics: collector.diagnostics, result: result, summaryLines: lines)
    }

    static func json(_ setting: SettingValue) -> JSONValue {
        let location = setting.provenance.location
        return .object([
            JSONMember("value", setting.value.jsonValue),
            JSONMember("repr", .string(setting.value.pythonRepr)),
            JSONMember("origin", .object([
                JSONMember("kind", .string(setting.provenance.kind.rawValue)),
                JSONMember("file", location.file.map(JSONValue.string) ?? .null),
                JSONMember("line", location.line.map(JSONValue.integer) ?? .null),
                JSONMember("column", location.column.map(JSONValue.integer) ?? .null),
                JSONMember("source", location.source.map(JSONValue.string) ?? .null),
            ])),
            JSONMember("conditional", .bool(setting.isConditional)),
        ])
    }
}
