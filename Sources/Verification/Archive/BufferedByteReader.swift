/// Exact-size reads over a chunked source, keeping at most one chunk in memory. Tracks the offset in
/// the (decompressed) stream for messages.
struct BufferedByteReader<Source: ByteChunkSource> {
    private var source: Source
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private(set) var offset = 0

    init(source: Source) {
        self.source = source
    }

    /// Ensures unread bytes are buffered; false at the end of the stream.
    private mutating func fill() throws(ArchiveReadError) -> Bool {
        while position == chunk.count {
            if atEnd { return false }
            guard let next = try source.nextChunk() else {
                atEnd = true
                return false
            }
            chunk = next
            position = 0
        }
        return true
    }

    /// Up to `count` bytes (fewer only at the end of the stream, or to stay within one chunk); empty at the end.
    mutating func read(upTo count: Int) throws(ArchiveReadError) -> ArraySlice<UInt8> {
        guard count > 0, try fill() else { return [] }
        let end = position + min(count, chunk.count - position)
        let slice = chunk[position..<end]
        offset += end - position
        position = end
        return slice
    }

    /// Exactly `count` bytes, or fewer when the stream ends first (the caller reports truncation).
    mutating func read(exactly count: Int) throws(ArchiveReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let part = try read(upTo: count - bytes.count)
            if part.isEmpty { break }
            bytes.append(contentsOf: part)
        }
        return bytes
    }

    /// Skips `count` bytes; returns how many were actually skipped.
    mutating func skip(_ count: Int) throws(ArchiveReadError) -> Int {
        var skipped = 0
        while skipped < count {
            let part = try read(upTo: count - skipped)
            if part.isEmpty { break }
            skipped += part.count
        }
        return skipped
    }

    /// Reads and discards everything left (so a gzip stream's CRC and later members are still checked).
    mutating func drain() throws(ArchiveReadError) {
        while !(try read(upTo: Int.max)).isEmpty {}
    }
}
