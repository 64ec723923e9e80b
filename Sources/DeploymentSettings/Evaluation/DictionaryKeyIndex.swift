/// Positions of a dict's keys, so that setting n keys costs O(n) instead of scanning the entries for
/// every key. Keys are compared as `PythonValue.isEqualKey` does (a `str` equals a path with the same
/// text, `True` equals `1`).
struct DictionaryKeyIndex {
    private var positions: [PythonValue: Int] = [:]
    /// The entries the positions describe: their count and the address of their storage, so an index
    /// kept between statements is only used while nothing else replaced or shortened the entries.
    private var count = 0
    private var storage: UnsafeRawPointer?

    init(_ entries: [PythonDictEntry]) {
        for (position, entry) in entries.enumerated() { positions[entry.key.dictionaryKeyIdentity] = position }
        record(entries)
    }

    /// Whether the index still describes `entries`.
    func describes(_ entries: [PythonDictEntry]) -> Bool {
        entries.count == count && Self.address(of: entries) == storage
    }

    /// `entries[key] = value` in Python's dict order: an existing key keeps its place.
    mutating func set(_ value: PythonValue, forKey key: PythonValue, in entries: inout [PythonDictEntry]) {
        let identity = key.dictionaryKeyIdentity
        if let position = positions[identity], entries.indices.contains(position),
            entries[position].key.isEqualKey(to: key)
        {
            entries[position].value = value
        } else {
            positions[identity] = entries.count
            entries.append(PythonDictEntry(key: key, value: value))
        }
        record(entries)
    }

    private mutating func record(_ entries: [PythonDictEntry]) {
        count = entries.count
        storage = Self.address(of: entries)
    }

    private static func address(of entries: [PythonDictEntry]) -> UnsafeRawPointer? {
        entries.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
}

extension PythonValue {
    /// The value a dict key is hashed as, so that keys `isEqualKey` calls equal hash the same.
    var dictionaryKeyIdentity: PythonValue {
        switch self {
        case .path(let text): return .string(text)
        case .bool(let flag): return .int(flag ? "1" : "0")
        default: return self
        }
    }
}

extension Array where Element == PythonDictEntry {
    /// Sets every entry of `other` in order, as `dict.update` does, in O(count + other.count).
    mutating func setValues(from other: [PythonDictEntry]) {
        var index = DictionaryKeyIndex(self)
        for entry in other { index.set(entry.value, forKey: entry.key, in: &self) }
    }
}
