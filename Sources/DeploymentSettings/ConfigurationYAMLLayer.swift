import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON
import Yams

/// The LMS_CFG / Tutor YAML file a production settings module loads with `yaml.safe_load`, read into
/// Python values with the line of every top-level key.
struct ConfigurationYAMLLayer: Sendable {
    var path: String
    var document: PythonValue
    /// Provenance of each top-level key (`yaml key FOO` at its line).
    var keyOrigins: [String: Provenance]

    static func load(path: String, fileSystem: any FileSystem) -> Result<ConfigurationYAMLLayer, DiagnosticError> {
        let text: String
        do {
            text = try fileSystem.readUTF8File(path)
        } catch {
            return .failure(DiagnosticError(readFailure(error, path: path, fileSystem: fileSystem)))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return .failure(DiagnosticError(syntaxFailure(error, path: path)))
        }
        guard let root else {
            // An empty file: yaml.safe_load returns None, and `vars().update(None)` fails in Python.
            return .failure(DiagnosticError(
                Diagnostic(
                    .configYAMLNotMapping, "configuration YAML \(path) is empty",
                    at: .file(path, line: 1, column: 1),
                    fix: "put the settings as top-level keys of a mapping (`KEY: value`), or drop --config-yaml")))
        }
        guard case .mapping(let mapping) = root else {
            return .failure(DiagnosticError(
                Diagnostic(
                    .configYAMLNotMapping, "configuration YAML \(path) is not a mapping at the top level",
                    at: .file(path, line: root.mark?.line, column: root.mark?.column),
                    fix: "put the settings as top-level keys of a mapping (`KEY: value`)")))
        }
        var entries: [PythonDictEntry] = []
        var origins: [String: Provenance] = [:]
        for (key, value) in mapping {
            let keyValue = convert(key, path: path)
            entries.append(PythonDictEntry(key: keyValue, value: convert(value, path: path)))
            if let name = keyValue.stringValue {
                origins[name] = Provenance(
                    kind: .yaml, location: .configurationKey(name, file: path, line: key.mark?.line))
            }
        }
        return .success(ConfigurationYAMLLayer(path: path, document: .dict(entries), keyOrigins: origins))
    }

    private static func convert(_ node: Node, path: String) -> PythonValue {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .none
            case Tag.Name.bool.rawValue: return node.bool.map(PythonValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .int(String($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map { .float(PythonFormatting.floatRepr($0)) } ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            return .dict(mapping.map { PythonDictEntry(key: convert($0.key, path: path), value: convert($0.value, path: path)) })
        case .sequence(let sequence):
            return .list(sequence.map { convert($0, path: path) })
        case .alias:
            return .unknown(
                UnknownValue(reason: "YAML alias", location: .file(path, line: node.mark?.line, column: node.mark?.column)))
        }
    }

    private static func readFailure(_ error: FileSystemError, path: String, fileSystem: any FileSystem) -> Diagnostic {
        switch error {
        case .notFound:
            return Diagnostic(
                .configYAMLUnreadable, "configuration YAML \(path) does not exist", at: .flag("--config-yaml"),
                fix: "pass the path of the LMS_CFG / Tutor YAML file the deployment uses (relative paths are taken from the working directory)")
        case .notUTF8(_, let offset):
            let bytes = (try? fileSystem.readFile(path)) ?? []
            let position = TextPosition(of: offset, in: bytes)
            return Diagnostic(
                .configYAMLUnreadable, "configuration YAML \(path) is not UTF-8 text (invalid byte 0x\(String(bytes.indices.contains(offset) ? bytes[offset] : 0, radix: 16)) at byte offset \(offset))",
                at: .file(path, line: position.line, column: position.column), fix: "save the file as UTF-8 (for example with `iconv -f latin1 -t utf-8`)")
        default:
            return Diagnostic(
                .configYAMLUnreadable, "configuration YAML cannot be read: \(error.description)", at: .file(path),
                fix: "make the file readable by the user running the tool (for example `chmod a+r`)")
        }
    }

    private static func syntaxFailure(_ error: any Error, path: String) -> Diagnostic {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                var message = "invalid YAML: \(problem)"
                if let context { message += " (\(context.text) at line \(context.mark.line))" }
                return Diagnostic(
                    .configYAMLInvalid, message, at: .file(path, line: mark.line, column: mark.column),
                    fix: "fix the YAML syntax at this place; `python -c 'import yaml,sys; yaml.safe_load(open(sys.argv[1]))' FILE` shows the same error")
            default:
                break
            }
        }
        return Diagnostic(
            .configYAMLInvalid, "invalid YAML: \(error)", at: .file(path),
            fix: "fix the YAML syntax of the file")
    }
}

