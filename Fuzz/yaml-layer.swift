// libFuzzer target: the configuration YAML layer (DeploymentSettings' ConfigurationYAMLLayer over Yams: merge
// keys, tags, aliases and their expansion bound, nesting limit, duplicate keys).
// Built and run by `scripts/fuzz yaml SECONDS` (not part of the package, not part of CI).
//
// For every input: reading twice gives the same document; a failure is diagnostics with PA codes pointing into
// the file; an accepted document is a mapping, and written back as YAML flow text (every scalar quoted or in the
// form YAML 1.1 resolves to its type) it reads back to the same Python values.
@testable import DeploymentSettings
import Diagnostics
import FileSystemSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLLayer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkYAML(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

let yamlPath = "/srv/config.yml"

func readLayer(_ bytes: [UInt8]) -> Result<ConfigurationYAMLLayer, DiagnosticError> {
    var fileSystem = InMemoryFileSystem()
    fileSystem.addFile(yamlPath, bytes: bytes)
    return ConfigurationYAMLLayer.load(path: yamlPath, fileSystem: fileSystem)
}

func checkYAML(_ bytes: [UInt8]) {
    let first = readLayer(bytes)
    let second = readLayer(bytes)
    switch (first, second) {
    case (.failure(let error), .failure(let again)):
        guard !error.diagnostics.isEmpty else { finding("a refused YAML file without a diagnostic") }
        checkDiagnostics(error.diagnostics, file: yamlPath, lineCount: lineCount(of: bytes), context: "yaml")
        guard error.diagnostics == again.diagnostics else { finding("reading the same YAML twice fails differently:\n\(error.diagnostics)\n\(again.diagnostics)") }
    case (.success(let layer), .success(let again)):
        guard layer.document == again.document, layer.keyOrigins == again.keyOrigins else {
            finding("reading the same YAML twice gives different values")
        }
        guard case .dict(let entries) = layer.document else { finding("an accepted YAML document that is not a mapping") }
        for entry in entries {
            if let name = entry.key.stringValue, layer.keyOrigins[name] == nil { finding("top-level key \(name) has no origin") }
        }
        var budget = 20_000
        guard let text = YAMLFlowText.write(layer.document, budget: &budget) else { return }
        switch readLayer(Array(text.utf8)) {
        case .failure(let error):
            finding("the document written back as YAML is refused: \(error)\n--- text:\n\(text)")
        case .success(let reread):
            guard reread.document == layer.document else {
                finding("the document written back as YAML reads differently\n--- text:\n\(text)\n--- first:\n\(layer.document)\n--- again:\n\(reread.document)")
            }
        }
    default:
        finding("reading the same YAML twice: once accepted, once refused")
    }
}

/// Python values as YAML flow text; nil for values YAML cannot state without tags (bytes, tuples, paths,
/// unknown values) or when the text would hold more than `budget` values.
enum YAMLFlowText {
    static func write(_ value: PythonValue, budget: inout Int) -> String? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch value {
        case .none: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let digits): return digits
        case .float(let repr):
            switch repr {
            case "inf": return ".inf"
            case "-inf": return "-.inf"
            case "nan": return ".nan"
            default:
                // YAML 1.1 floats need a dot and a signed exponent: 1e+20 → 1.0e+20.
                guard !repr.contains("."), let exponent = repr.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return repr }
                return String(repr[..<exponent]) + ".0" + String(repr[exponent...])
            }
        case .string(let text): return quoted(text)
        case .list(let items):
            var parts: [String] = []
            for item in items {
                guard let part = write(item, budget: &budget) else { return nil }
                parts.append(part)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .dict(let entries):
            var parts: [String] = []
            for entry in entries {
                guard let key = write(entry.key, budget: &budget), let value = write(entry.value, budget: &budget) else { return nil }
                parts.append(key + ": " + value)
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .bytes, .tuple, .path, .unknown:
            return nil
        }
    }

    /// A double-quoted scalar with everything outside printable ASCII escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case " "..."~": result.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16)
                result += scalar.value <= 0xFFFF
                    ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return result + "\""
    }
}
