import Diagnostics

/// A value of the static subset of Python that settings files use.
public indirect enum PythonValue: Sendable, Hashable {
    case none
    case bool(Bool)
    /// Integer digits as Python would print them (`repr`).
    case int(String)
    /// Float as Python's `repr` would print it.
    case float(String)
    case string(String)
    case bytes([UInt8])
    case list([PythonValue])
    case tuple([PythonValue])
    /// Keys in insertion order, as Python 3.7+ dicts keep them.
    case dict([PythonDictEntry])
    /// A `path.Path` (edx's `path()`) or `pathlib.Path` object, holding its string form.
    case path(String)
    /// Something outside the evaluated subset: a call we do not model, a name never assigned, …
    case unknown(UnknownValue)

    /// The string form for `str` and path objects (`str(path)` is its text).
    public var stringValue: String? {
        switch self {
        case .string(let text), .path(let text): return text
        default: return nil
        }
    }

    /// Python's name of the value's type with an article, for messages ("a str", "a dict", "None").
    public var typeDescription: String {
        switch self {
        case .none, .bytes: return typeName
        case .int: return "an int"
        case .path: return "a path"
        case .unknown: return "an unknown value"
        default: return "a " + typeName
        }
    }

    /// Value under `key` for a dict, last assignment wins.
    public subscript(key: String) -> PythonValue? {
        guard case .dict(let entries) = self else { return nil }
        return entries.last(where: { $0.key == .string(key) })?.value
    }

    /// The keys of a dict that are strings, in order.
    public var dictStringKeys: [String]? {
        guard case .dict(let entries) = self else { return nil }
        return entries.compactMap { $0.key.stringValue }
    }
}

public struct PythonDictEntry: Sendable, Hashable {
    public var key: PythonValue
    public var value: PythonValue

    public init(key: PythonValue, value: PythonValue) {
        self.key = key
        self.value = value
    }
}

/// Why a value could not be evaluated statically, and where.
public struct UnknownValue: Sendable, Hashable {
    public var reason: String
    public var location: SourceLocation

    public init(reason: String, location: SourceLocation) {
        self.reason = reason
        self.location = location
    }
}
