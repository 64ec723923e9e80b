import Diagnostics
import FileSystemSupport
import OrderedJSON
import Synchronization

/// The fields of a package.json that resolution reads.
struct PackageManifest: Sendable, Hashable {
    /// Path of the package.json as reached (directory + "/package.json").
    let path: String
    let directory: String
    let json: JSONValue

    var name: String? { json["name"]?.stringValue }
    var version: String? { json["version"]?.stringValue }
    var isModuleType: Bool { json["type"]?.stringValue == "module" }

    /// `exports`, unless absent or null (node treats `"exports": null` as no exports field).
    var exports: JSONValue? {
        guard let value = json["exports"], value != .null else { return nil }
        return value
    }

    var imports: JSONValue? {
        guard let value = json["imports"], value != .null else { return nil }
        return value
    }

    /// The object form of `browser`, when present.
    var browserMap: [JSONMember]? { json["browser"]?.objectMembers }
}

/// Reads package.json files once per directory; shared by every request of one build.
final class PackageManifestCache: Sendable {
    enum Lookup: Sendable {
        case absent
        case present(PackageManifest)
        case failed(Diagnostic)
    }

    private let fileSystem: any FileSystem
    private let entries = Mutex<[String: Lookup]>([:])

    init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// The package.json directly in `directory`.
    func manifest(in directory: String) -> Lookup {
        if let cached = entries.withLock({ $0[directory] }) { return cached }
        let lookup = read(directory)
        entries.withLock { $0[directory] = lookup }
        return lookup
    }

    /// The nearest package.json at or above `directory` (node's package scope), optionally only one
    /// with a `name` (for package identity; nested package.json files often carry only `type`).
    func nearestManifest(from directory: String, requiringName: Bool = false) -> Lookup {
        var current = directory
        while true {
            let lookup = manifest(in: current)
            switch lookup {
            case .failed: return lookup
            case .present(let manifest) where !requiringName || manifest.name != nil: return lookup
            default: break
            }
            if current == "/" || current.isEmpty { return .absent }
            current = PathComponents.dirname(current)
        }
    }

    private func read(_ directory: String) -> Lookup {
        let path = PathComponents.join(directory, "package.json")
        guard fileSystem.entryKind(path) == .file else { return .absent }
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(path)
        } catch {
            return .failed(ResolutionDiagnostics.unreadable(error, reading: "package.json"))
        }
        do {
            let json = try JSONParser.parse(bytes: bytes)
            guard case .object = json else {
                return .failed(
                    Diagnostic(
                        .packageJSONInvalid, "package.json must contain a JSON object, found \(json.kindDescription)",
                        at: .file(path, line: 1, column: 1),
                        fix: "reinstall the package (`npm install`) or fix \(path)"))
            }
            return .present(PackageManifest(path: path, directory: directory, json: json))
        } catch {
            return .failed(
                Diagnostic(
                    .packageJSONInvalid, "package.json is not valid JSON: \(error.message)",
                    at: .file(path, line: error.line, column: error.column),
                    fix: "reinstall the package (`npm install`) or fix the JSON at line \(error.line), column \(error.column)"))
        }
    }
}
