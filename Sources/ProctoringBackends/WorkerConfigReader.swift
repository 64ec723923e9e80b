import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// Reads an existing workers.json and checks the shape webpack's worker config uses as `entry`:
/// an object of npm module → `["babel-polyfill", "<path>"]` (or a plain string, the pre-2018 form).
public struct WorkerConfigReader: Sendable {
    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// Warnings (legacy string entries) go to `diagnostics`; problems that make the file unusable are thrown.
    public func read(path: String, diagnostics: DiagnosticCollector = DiagnosticCollector()) throws(DiagnosticError) -> WorkerConfig {
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(path)
        } catch {
            throw DiagnosticError(Diagnostic(
                .workerConfigUnreadable, "cannot read workers.json: \(error)", at: .file(path),
                fix: "generate it with `proctoring-assets workers` (or by starting Django with the proctoring settings)"))
        }
        let document: JSONValue
        let positions: JSONPositions
        do {
            (document, positions) = try JSONParser.parseWithPositions(bytes: bytes)
        } catch let error where error.isNestingTooDeep {
            throw DiagnosticError(Diagnostic(
                .workerConfigTooDeep,
                "workers.json nests arrays and objects deeper than \(JSONParser.nestingLimit) levels, deeper than proctoring-assets reads",
                at: .file(path, line: error.line, column: error.column),
                fix: "regenerate it with `proctoring-assets workers`"))
        } catch {
            throw DiagnosticError(Diagnostic(
                .workerConfigInvalidJSON, "workers.json is not valid JSON: \(error.message)",
                at: .file(path, line: error.line, column: error.column),
                fix: "regenerate it with `proctoring-assets workers`",
                notes: ["webpack's worker config requires it inside a try/catch and silently builds no worker"]))
        }
        guard case .object(let members) = document else {
            throw DiagnosticError(Diagnostic(
                .workerConfigInvalidShape, "workers.json is \(document.kindDescription), not an object of npm module to entry",
                at: .file(path, line: 1, column: 1), fix: "regenerate it with `proctoring-assets workers`"))
        }
        var config = WorkerConfig()
        var problems: [Diagnostic] = []
        for member in members {
            let location = positions.keyOffset(of: [.key(member.key)]).map { offset -> SourceLocation in
                let position = TextPosition(of: offset, in: bytes)
                return .file(path, line: position.line, column: position.column)
            } ?? .file(path)
            switch member.value {
            case .string(let request):
                diagnostics.emit(Diagnostic(
                    .workerConfigLegacyStringEntry,
                    "entry '\(member.key)' is a plain string (edx-proctoring before December 2018), without babel-polyfill",
                    at: location, fix: "regenerate it with `proctoring-assets workers`"))
                config.set(member.key, requests: [request])
            case .array(let elements):
                let requests = elements.compactMap(\.stringValue)
                guard requests.count == elements.count, requests.count >= 2 else {
                    problems.append(Diagnostic(
                        .workerConfigInvalidShape,
                        "entry '\(member.key)' must be [\"babel-polyfill\", \"<path of the worker>\"] (strings only)",
                        at: location, fix: "regenerate it with `proctoring-assets workers`"))
                    continue
                }
                guard requests[0] == "babel-polyfill" else {
                    problems.append(Diagnostic(
                        .workerConfigInvalidShape,
                        "entry '\(member.key)' starts with \"\(requests[0])\", not \"babel-polyfill\"",
                        at: location, fix: "regenerate it with `proctoring-assets workers`"))
                    continue
                }
                config.set(member.key, requests: requests)
            default:
                problems.append(Diagnostic(
                    .workerConfigInvalidShape,
                    "entry '\(member.key)' is \(member.value.kindDescription), not [\"babel-polyfill\", \"<path>\"]",
                    at: location, fix: "regenerate it with `proctoring-assets workers`"))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return config
    }
}
