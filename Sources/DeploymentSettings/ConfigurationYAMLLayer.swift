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
        if let deep = YAMLNestingScan.firstPointDeeper(than: YAMLConversion.maximumDepth * 4, in: text) {
            // Far too deep for the recursive composer: refuse before composing.
            return .failure(DiagnosticError(YAMLConversion.tooDeep(path: path, line: deep.line, column: deep.column)))
        }
        if let key = YAMLAliasKeyScan.firstAliasKey(in: text) {
            return .failure(DiagnosticError(
                Diagnostic(
                    .configYAMLUnsafeTag, "an alias is used as a mapping key; the tool does not read alias keys",
                    at: .file(path, line: key.line, column: key.column),
                    fix: "write the key out; safe_load refuses a list or mapping as a key (found unhashable key)")))
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
        var conversion = YAMLConversion(path: path)
        guard let document = conversion.convert(root, depth: 1) else {
            return .failure(DiagnosticError(conversion.problems))
        }
        guard case .dict(let entries) = document, case .mapping(let mapping) = root else {
            return .failure(DiagnosticError(
                Diagnostic(
                    .configYAMLNotMapping, "configuration YAML \(path) is not a mapping at the top level",
                    at: .file(path, line: root.mark?.line, column: root.mark?.column),
                    fix: "put the settings as top-level keys of a mapping (`KEY: value`)")))
        }
        var origins: [String: Provenance] = [:]
        for key in mapping.keys {
            if let name = key.string, origins[name] == nil {
                origins[name] = Provenance(kind: .yaml, location: .configurationKey(name, file: path, line: key.mark?.line))
            }
        }
        // Keys that come from a merge (`<<: *defaults`) point at their own line too.
        for entry in entries {
            if let name = entry.key.stringValue, origins[name] == nil {
                origins[name] = Provenance(kind: .yaml, location: .configurationKey(name, file: path, line: nil))
            }
        }
        return .success(ConfigurationYAMLLayer(path: path, document: document, keyOrigins: origins))
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
            case .duplicatedKeysInMapping(let duplicates, let context):
                // Yams orders the keys (and picks the one whose place it reports) by `Node`'s `<`, which does not
                // order a list or mapping key against a scalar, nor two scalars that differ only by tag: then its
                // choice follows hash order and changes from run to run. Names are sorted here, and the place is
                // given only when Yams's choice is determined.
                let names = duplicates.sorted()
                let determined = !names.contains("<uncovertable>") && Set(names).count == names.count
                return Diagnostic(
                    .configYAMLInvalid,
                    "duplicate key \(names.map { "'" + $0 + "'" }.joined(separator: ", ")) in one mapping",
                    at: determined ? .file(path, line: context.mark.line, column: context.mark.column) : .file(path),
                    fix: "remove all but one of the duplicate keys; PyYAML's safe_load silently keeps the last one, so the earlier ones are dead and usually a mistake",
                    notes: ["this tool refuses duplicate keys where the LMS (PyYAML) keeps the last value"])
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

