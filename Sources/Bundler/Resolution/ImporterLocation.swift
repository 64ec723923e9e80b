import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// Where a request comes from: the importing file (or, for entries, the context directory) and the
/// position of the request text, used to resolve relative paths and to point messages at the request.
public struct ImporterLocation: Sendable, Hashable {
    /// The importing file; nil for entry requests, which resolve from a context directory.
    public var file: String?
    /// The directory relative requests and the node_modules walk start from.
    public var directory: String
    /// Where the request is written (file:line:col of the string literal, or the workers.json entry).
    public var requestLocation: SourceLocation?

    public init(file: String?, directory: String, requestLocation: SourceLocation?) {
        self.file = file
        self.directory = directory
        self.requestLocation = requestLocation
    }

    /// A request written in `path` (absolute) at `line`:`column` (1-based).
    public static func file(_ path: String, line: Int? = nil, column: Int? = nil) -> ImporterLocation {
        ImporterLocation(
            file: path, directory: PathComponents.dirname(path),
            requestLocation: .file(path, line: line, column: column))
    }

    /// A request whose string literal starts at `byteOffset` in `source`, the UTF-8 text of `path`.
    public static func file(_ path: String, byteOffset: Int, in source: [UInt8]) -> ImporterLocation {
        let position = TextPosition(of: byteOffset, in: source)
        return .file(path, line: position.line, column: position.column)
    }

    /// An entry request resolved from `directory` (webpack's `context`), declared at `declaredAt`.
    public static func context(_ directory: String, declaredAt: SourceLocation? = nil) -> ImporterLocation {
        ImporterLocation(file: nil, directory: directory, requestLocation: declaredAt)
    }

    /// "/a/b.js" or "context /openedx/edx-platform", for messages.
    var description: String {
        if let file { return file }
        return "context \(directory)"
    }
}
