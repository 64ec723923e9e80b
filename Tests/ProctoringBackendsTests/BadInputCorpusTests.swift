import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import Testing

@testable import ProctoringBackends
import Encodings

/// Each folder of Tests/Fixtures/Backends/BadInput is one case: input trees, `case.json` (the settings and
/// options), and `expected.txt` (every diagnostic as `TextReportRenderer(color: false)` prints it, the case
/// folder written as `$CASE`, then an `outcome:` line). Set PA_RECORD_BAD_INPUT=1 to rewrite expected.txt.
@Suite("bad-input corpus")
struct BadInputCorpusTests {
    static var corpusDirectory: String { fixturesDirectory() + "/BadInput" }

    static var caseNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory)) ?? [])
            .filter { DiskFileSystem().directoryExists(corpusDirectory + "/" + $0) }
            .sorted()
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.caseNames.count >= 16)
    }

    @Test(arguments: caseNames)
    func matchesExpectedReport(_ caseName: String) throws {
        let caseDirectory = Self.corpusDirectory + "/" + caseName
        let actual = try run(caseDirectory: caseDirectory).replacingOccurrences(of: caseDirectory, with: "$CASE")
        let expectedPath = caseDirectory + "/expected.txt"
        if ProcessInfo.processInfo.environment["PA_RECORD_BAD_INPUT"] == "1" {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: expectedPath))
            return
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(actual == expected)
    }

    /// Discovery (or the known table when no site-packages are given) and the planner, as `workers` runs
    /// them, without writing into the fixture tree.
    private func run(caseDirectory: String) throws -> String {
        let casePath = caseDirectory + "/case.json"
        let caseBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: casePath)))
        let (document, positions) = try JSONParser.parseWithPositions(bytes: caseBytes)
        var values: [String: SettingValue] = [:]
        for member in document.objectMembers ?? [] where member.key.uppercased() == member.key {
            let line = positions.keyOffset(of: [.key(member.key)]).map { TextPosition(of: $0, in: caseBytes).line }
            let location = Diagnostics.SourceLocation.configurationKey(member.key, file: casePath, line: line)
            values[member.key] = settingValue(member.key, member.value, location: location, caseDirectory: caseDirectory)
        }
        let settings = ResolvedSettings(values: values, filesRead: [casePath], settingsName: "case.json")
        let sitePackages = (document["sitePackages"]?.arrayValue ?? []).compactMap(\.stringValue).map { caseDirectory + "/" + $0 }
        let overrideTexts = (document["backendOverrides"]?.arrayValue ?? []).compactMap(\.stringValue)
        let unreadable = (document["unreadable"]?.arrayValue ?? []).compactMap(\.stringValue).map { caseDirectory + "/" + $0 }
        let options = WorkerConfigOptions(allowEmpty: document["allowEmpty"]?.boolValue ?? false, workingDirectory: caseDirectory)

        let fileSystem = UnreadableOverlayFileSystem(unreadablePrefixes: unreadable)
        let diagnostics = DiagnosticCollector()
        var outcome: String
        do throws(DiagnosticError) {
            var overrides: [BackendOverride] = []
            for text in overrideTexts {
                do {
                    overrides.append(try BackendOverride.parse(text))
                } catch {
                    diagnostics.emit(contentsOf: error.diagnostics)
                    throw error
                }
            }
            let backends = sitePackages.isEmpty
                ? KnownProctoringBackends.backends(overrides: overrides)
                : try BackendDiscovery(fileSystem: fileSystem).discover(sitePackages: sitePackages, overrides: overrides, diagnostics: diagnostics)
            let plan = try WorkerConfigPlanner(fileSystem: fileSystem).plan(
                settings: settings, backends: backends, options: options, diagnostics: diagnostics)
            outcome = plan.writesFile
                ? "outcome: writes \(plan.outputPath): " + String(decoding: plan.pythonJSONBytes, as: UTF8.self)
                : "outcome: nothing to write"
        } catch {
            outcome = "outcome: refused (\(codes(error.diagnostics).joined(separator: ", ")))"
        }
        return (rendered(diagnostics.diagnostics) + [outcome]).joined(separator: "\n") + "\n"
    }

    /// Paths are relative to the case folder; `{"$unknown": reason}` and `{"$conditional": value}` stand for
    /// what the settings evaluator produces for code it cannot run and for assignments inside if/try.
    private func settingValue(_ name: String, _ json: JSONValue, location: Diagnostics.SourceLocation, caseDirectory: String) -> SettingValue {
        if let reason = json["$unknown"]?.stringValue {
            return SettingValue(
                value: .unknown(UnknownValue(reason: reason, location: location)),
                provenance: Provenance(kind: .yaml, location: location))
        }
        if let inner = json["$conditional"] {
            var value = settingValue(name, inner, location: location, caseDirectory: caseDirectory)
            value.isConditional = true
            return value
        }
        var value = pythonValue(json)
        if ["ENV_ROOT", "NODE_MODULES_ROOT"].contains(name), case .string(let path) = value, !path.isEmpty, !path.hasPrefix("/") {
            value = .path(caseDirectory + "/" + path)
        }
        return SettingValue(value: value, provenance: Provenance(kind: .yaml, location: location))
    }

    private func pythonValue(_ json: JSONValue) -> PythonValue {
        switch json {
        case .null: return .none
        case .bool(let flag): return .bool(flag)
        case .number(let text): return text.contains(".") || text.contains("e") ? .float(text) : .int(text)
        case .string(let text): return .string(text)
        case .array(let items): return .list(items.map(pythonValue))
        case .object(let members): return .dict(members.map { PythonDictEntry(key: .string($0.key), value: pythonValue($0.value)) })
        }
    }
}
