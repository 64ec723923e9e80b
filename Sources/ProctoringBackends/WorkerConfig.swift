import OrderedJSON

/// One webpack entry of workers.json: the npm module (entry name) and its requests.
public struct WorkerEntry: Sendable, Hashable {
    public var name: String
    /// `["babel-polyfill", "<NODE_MODULES_ROOT>/<npm_module>/<main>"]`; a single element for pre-2018 files.
    public var requests: [String]

    public init(name: String, requests: [String]) {
        self.name = name
        self.requests = requests
    }
}

/// The content of workers.json, in key order (= webpack's entry order).
public struct WorkerConfig: Sendable, Hashable {
    public var entries: [WorkerEntry]

    public init(entries: [WorkerEntry] = []) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    public var jsonValue: JSONValue {
        .object(entries.map { JSONMember($0.name, .array($0.requests.map { .string($0) })) })
    }

    /// The bytes edx_proctoring writes: `json.dumps(config).encode('utf-8')`.
    public var pythonJSONBytes: [UInt8] {
        Array(JSONWriter.write(jsonValue, style: .python).utf8)
    }

    /// Sets `name` as a Python dict does: a new key goes last, an existing key keeps its place.
    public mutating func set(_ name: String, requests: [String]) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].requests = requests
        } else {
            entries.append(WorkerEntry(name: name, requests: requests))
        }
    }
}
