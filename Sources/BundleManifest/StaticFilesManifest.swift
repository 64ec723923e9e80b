import Crypto
import Diagnostics
import OrderedJSON

/// Django's `STATIC_ROOT/staticfiles.json`, written by ManifestStaticFilesStorage during collectstatic and
/// read by `staticfiles_storage.url()` to map `bundles/x.js` to `bundles/x.<md5 12 hex>.js`.
public struct StaticFilesManifest: Sendable, Hashable {
    public static let fileName = "staticfiles.json"
    /// `ManifestFilesMixin.manifest_version` in Django 4.2–5.2; `load_manifest` accepts "1.0" and "1.1".
    public static let currentVersion = "1.1"

    /// Original name → hashed name, in the file's order (Django keeps dict insertion order).
    public var paths: [JSONMember]
    public var version: String

    public init(paths: [JSONMember] = [], version: String = StaticFilesManifest.currentVersion) {
        self.paths = paths
        self.version = version
    }

    /// Reads it as `load_manifest` does: JSON object with `version` "1.0" or "1.1", `paths` defaulting to {}.
    public static func parse(bytes: [UInt8], path: String) -> Result<StaticFilesManifest, DiagnosticError> {
        func failure(_ why: String, line: Int? = nil, column: Int? = nil) -> Result<StaticFilesManifest, DiagnosticError> {
            .failure(
                DiagnosticError(
                    Diagnostic(
                        .staticFilesManifestInvalid, "cannot load \(fileName): \(why)",
                        at: .file(path, line: line, column: column), fix: "rerun collectstatic",
                        notes: [
                            "Django raises ValueError(\"Couldn't load manifest 'staticfiles.json' (version \(currentVersion))\")"
                        ])))
        }
        let document: JSONValue
        do throws(JSONSyntaxError) {
            document = try JSONParser.parse(bytes: bytes)
        } catch {
            return failure(error.message, line: error.line, column: error.column)
        }
        guard case .object = document else { return failure("it holds \(document.kindDescription), not an object") }
        guard let version = document["version"]?.stringValue, version == "1.0" || version == "1.1" else {
            return failure("unsupported or missing \"version\"")
        }
        let paths = document["paths"]?.objectMembers ?? []
        return .success(StaticFilesManifest(paths: paths, version: version))
    }

    /// `hashed_files.get(name)` (a non-string value counts as missing here).
    public func hashedName(of name: String) -> String? {
        paths.last { $0.key == name }?.value.stringValue
    }

    /// Adds or replaces an entry, keeping the position of an existing key as a Python dict does.
    public mutating func record(_ name: String, hashedName: String) {
        if let position = paths.lastIndex(where: { $0.key == name }) {
            paths[position].value = .string(hashedName)
        } else {
            paths.append(JSONMember(name, .string(hashedName)))
        }
    }

    /// `save_manifest`: `json.dumps({"paths": …, "version": "1.1", "hash": …})` — Python separators,
    /// ASCII-escaped, no trailing newline. Saving always writes the current version, as Django does.
    public func rendered() -> String {
        let payload: JSONValue = .object([
            JSONMember("paths", .object(paths)),
            JSONMember("version", .string(Self.currentVersion)),
            JSONMember("hash", .string(manifestHash)),
        ])
        return JSONWriter.write(payload, style: .python)
    }

    /// `file_hash(None, ContentFile(json.dumps(sorted(hashed_files.items())).encode()))`.
    public var manifestHash: String {
        let sorted = paths.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        let pairs: JSONValue = .array(sorted.map { .array([.string($0.key), $0.value]) })
        return Self.fileHash(Array(JSONWriter.write(pairs, style: .python).utf8))
    }

    /// `HashedFilesMixin.file_hash`: first 12 hex digits of the MD5 of the content.
    public static func fileHash(_ content: [UInt8]) -> String {
        let digest = Insecure.MD5.hash(data: content)
        return String(digest.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined().prefix(12))
    }

    /// `HashedFilesMixin.hashed_name`: `<dir>/<root>.<hash><ext>` with `os.path.splitext` rules.
    public static func hashedName(of name: String, content: [UInt8]) -> String {
        let slash = name.lastIndex(of: "/")
        let directory = slash.map { String(name[...$0]) } ?? ""
        let fileName = slash.map { String(name[name.index(after: $0)...]) } ?? name
        let (root, ext) = splitExtension(fileName)
        return directory + root + "." + fileHash(content) + ext
    }

    /// `posixpath.splitext` of a base name: leading dots never start an extension.
    static func splitExtension(_ fileName: String) -> (root: String, ext: String) {
        guard let dot = fileName.lastIndex(of: "."),
            fileName[..<dot].contains(where: { $0 != "." })
        else { return (fileName, "") }
        return (String(fileName[..<dot]), String(fileName[dot...]))
    }
}
