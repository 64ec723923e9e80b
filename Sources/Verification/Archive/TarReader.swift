/// Reads a tar stream entry by entry: ustar, GNU long names/links (`L`/`K`), pax extended and global
/// headers (`x`/`g`: `path`, `linkpath`, `size`). Contents are read in bounded pieces through
/// `readContents(upTo:)`; whatever the caller does not read is skipped by the next `nextEntry()`.
struct TarReader<Source: ByteChunkSource> {
    /// GNU long names and pax headers are held in memory; real ones are a few hundred bytes.
    static var metadataLimit: Int { 1024 * 1024 }

    private var reader: BufferedByteReader<Source>
    private var remainingContents = 0
    private var remainingPadding = 0
    private var globalPax: [String: String] = [:]
    private var finished = false
    private(set) var entryCount = 0

    init(source: Source) {
        self.reader = BufferedByteReader(source: source)
    }

    /// The next entry, or nil after the end-of-archive blocks.
    mutating func nextEntry() throws(ArchiveReadError) -> TarEntry? {
        if finished { return nil }
        try skipRest()
        var longName: [UInt8]?
        var longLinkName: [UInt8]?
        var pax: [String: String] = [:]
        while true {
            guard let header = try readHeader() else {
                finished = true
                // The end blocks come before any trailing padding; reading the rest checks gzip CRCs too.
                try reader.drain()
                if longName != nil || longLinkName != nil || !pax.isEmpty {
                    throw .truncatedTar(offset: reader.offset, reason: "archive ends after a long-name or pax header")
                }
                return nil
            }
            let flag = header.typeFlag
            let headerSize = try header.size()
            switch flag {
            case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
                let data = try readMetadata(size: headerSize, header: header)
                switch flag {
                case UInt8(ascii: "L"): longName = TarHeaderBlock.cString(data[...])
                case UInt8(ascii: "K"): longLinkName = TarHeaderBlock.cString(data[...])
                case UInt8(ascii: "x"): pax.merge(try PaxRecords.parse(data, headerOffset: header.offset)) { $1 }
                default: globalPax.merge(try PaxRecords.parse(data, headerOffset: header.offset)) { $1 }
                }
                continue
            default:
                break
            }
            let records = globalPax.merging(pax) { $1 }
            let name = records["path"] ?? String(decoding: longName ?? header.recordedName, as: UTF8.self)
            let linkName =
                records["linkpath"] ?? String(decoding: longLinkName ?? header.recordedLinkName, as: UTF8.self)
            var size = headerSize
            if let paxSize = records["size"] {
                guard let parsed = Int(paxSize), parsed >= 0 else {
                    throw .malformedHeader(headerOffset: header.offset, reason: "pax size `\(paxSize)` is not a number")
                }
                size = parsed
            }
            guard !name.isEmpty else {
                throw .malformedHeader(headerOffset: header.offset, reason: "entry with an empty name")
            }
            var type = TarEntryType(typeFlag: flag, name: name)
            if records.keys.contains(where: { $0.hasPrefix("GNU.sparse.") }) {
                type = .unsupported(typeFlag: UInt8(ascii: "S"))
            }
            let dataSize = type.hasData(typeFlag: flag) ? size : 0
            remainingContents = dataSize
            remainingPadding = Self.padding(after: dataSize)
            entryCount += 1
            return TarEntry(
                name: name, linkName: linkName, type: type, size: dataSize, mode: try header.mode(),
                headerOffset: header.offset)
        }
    }

    /// Up to `count` bytes of the current entry's contents; empty when all were read.
    mutating func readContents(upTo count: Int) throws(ArchiveReadError) -> ArraySlice<UInt8> {
        guard remainingContents > 0 else { return [] }
        let part = try reader.read(upTo: min(count, remainingContents))
        if part.isEmpty {
            throw .truncatedTar(offset: reader.offset, reason: "archive ends inside an entry's contents")
        }
        remainingContents -= part.count
        return part
    }

    private mutating func skipRest() throws(ArchiveReadError) {
        let wanted = remainingContents + remainingPadding
        remainingContents = 0
        remainingPadding = 0
        guard wanted > 0 else { return }
        if try reader.skip(wanted) < wanted {
            throw .truncatedTar(offset: reader.offset, reason: "archive ends inside an entry's contents")
        }
    }

    /// The next header block, checked; nil at the end-of-archive (zero) block.
    private mutating func readHeader() throws(ArchiveReadError) -> TarHeaderBlock? {
        let offset = reader.offset
        let bytes = try reader.read(exactly: TarHeaderBlock.size)
        if bytes.isEmpty {
            throw .truncatedTar(offset: offset, reason: "archive ends without the end-of-archive blocks")
        }
        guard bytes.count == TarHeaderBlock.size else {
            throw .truncatedTar(offset: offset, reason: "archive ends inside a header")
        }
        let header = TarHeaderBlock(bytes: bytes, offset: offset)
        if header.isZero { return nil }
        try header.verifyChecksum()
        return header
    }

    private mutating func readMetadata(size: Int, header: TarHeaderBlock) throws(ArchiveReadError) -> [UInt8] {
        guard size <= Self.metadataLimit else {
            throw .malformedHeader(
                headerOffset: header.offset, reason: "long-name or pax header of \(size) bytes (limit 1 MiB)")
        }
        let data = try reader.read(exactly: size)
        let padding = Self.padding(after: size)
        guard data.count == size, try reader.skip(padding) == padding else {
            throw .truncatedTar(offset: reader.offset, reason: "archive ends inside a long-name or pax header")
        }
        return data
    }

    private static func padding(after size: Int) -> Int {
        (TarHeaderBlock.size - size % TarHeaderBlock.size) % TarHeaderBlock.size
    }
}
