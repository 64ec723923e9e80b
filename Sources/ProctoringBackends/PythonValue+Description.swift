import DeploymentSettings

extension PythonValue {
    /// Python's name of the value's type, with an article, for messages ("a str", "a dict").
    var typeDescription: String {
        switch self {
        case .none: return "None"
        case .bool: return "a bool"
        case .int: return "an int"
        case .float: return "a float"
        case .string: return "a str"
        case .bytes: return "bytes"
        case .list: return "a list"
        case .tuple: return "a tuple"
        case .dict: return "a dict"
        case .path: return "a path"
        case .unknown: return "an unknown value"
        }
    }

    /// Python truthiness, for the values that have a static answer.
    var isFalsy: Bool {
        switch self {
        case .none: return true
        case .bool(let flag): return !flag
        case .int(let digits): return digits.allSatisfy { $0 == "0" || $0 == "-" || $0 == "+" }
        case .float(let text): return Double(text) == 0
        case .string(let text): return text.isEmpty
        case .bytes(let bytes): return bytes.isEmpty
        case .list(let items), .tuple(let items): return items.isEmpty
        case .dict(let entries): return entries.isEmpty
        case .path(let text): return text.isEmpty
        case .unknown: return false
        }
    }
}
