import Encodings

/// The byte offsets where the lines of a module's source start, so that the positions of all its requests
/// cost one pass over the source plus a search each (a module of core-js makes hundreds of requests).
/// Positions are those `TextPosition(of:in:)` gives: 1-based line, 1-based column counted in characters.
struct LineStarts {
    private let source: [UInt8]
    private let starts: [Int]

    init(_ source: [UInt8]) {
        self.source = source
        var starts = [0]
        source.withUnsafeBufferPointer { bytes in
            for offset in bytes.indices where bytes[offset] == 0x0A { starts.append(offset + 1) }
        }
        self.starts = starts
    }

    func position(of offset: Int) -> TextPosition {
        let end = min(offset, source.count)
        // The last line start at or before `end`.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= end { low = middle } else { high = middle - 1 }
        }
        var column = 1
        for index in starts[low]..<end where source[index] & 0xC0 != 0x80 { column += 1 }
        return TextPosition(line: low + 1, column: column)
    }
}
