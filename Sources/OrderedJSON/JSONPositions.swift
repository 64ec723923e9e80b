/// One step into a JSON document: an object key or an array index.
public enum JSONPathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): return "[\"\(key)\"]"
        case .index(let index): return "[\(index)]"
        }
    }
}

/// Where the values and member keys of a parsed JSON text are, as byte offsets into its UTF-8 text, by
/// path, so findings about the document can point at the file. The parser records them
/// (`JSONParser.parseWithPositions`); `JSONValue` itself carries none. When an object repeats a key, the
/// last member is recorded, the one `JSONValue`'s subscript and Python's `json` return.
public struct JSONPositions: Sendable {
    var values: [[JSONPathComponent]: Int] = [:]
    var keys: [[JSONPathComponent]: Int] = [:]

    /// Offset of the first byte of the value at `path` (`[]` is the whole document).
    public func valueOffset(of path: [JSONPathComponent]) -> Int? {
        values[path]
    }

    /// Offset of the opening quote of the key of the object member at `path`.
    public func keyOffset(of path: [JSONPathComponent]) -> Int? {
        keys[path]
    }

    /// Offset of the value at `path`, or of the closest enclosing value when there is none (a missing member).
    public func nearestValueOffset(of path: [JSONPathComponent]) -> Int {
        var path = path
        while !path.isEmpty, values[path] == nil { path.removeLast() }
        return values[path] ?? 0
    }
}
