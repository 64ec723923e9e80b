/// Byte-level questions about a module's source, asked before (or instead of) walking its syntax tree.
enum SourceBytes {
    /// Whether `word` occurs anywhere in `source` (comments and strings included: a conservative answer).
    static func contains(_ source: [UInt8], _ word: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard let first = pattern.first, source.count >= pattern.count else { return false }
        var index = 0
        let last = source.count - pattern.count
        while index <= last {
            if source[index] == first {
                var matched = true
                for offset in 1..<pattern.count where source[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
