#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The moves of one commit of `StagedOutput`, written before the first move so that a run stopped in the
/// middle (SIGKILL, power loss) can be completed by the next one: one line per file, tab-separated staged
/// path, destination and backup path.
struct CommitJournal {
    struct Step {
        var staged: String
        var destination: String
        var previous: String
    }

    var steps: [Step]

    static let header = "proctoring-assets commit journal 1"

    func encoded() -> [UInt8] {
        let lines = [Self.header] + steps.map { "\($0.staged)\t\($0.destination)\t\($0.previous)" }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The journal at `path`, or nil when it is not a complete journal of this format.
    static func read(_ path: String) -> CommitJournal? {
        guard let bytes = try? DiskFileSystem().readFile(path), bytes.last == UInt8(ascii: "\n") else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == header else { return nil }
        var steps: [Step] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields.allSatisfy({ $0.hasPrefix("/") }) else { return nil }
            steps.append(Step(staged: fields[0], destination: fields[1], previous: fields[2]))
        }
        return CommitJournal(steps: steps)
    }
}
