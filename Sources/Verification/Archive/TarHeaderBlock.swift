/// Field access on one 512-byte tar header (ustar / GNU / v7 layouts).
struct TarHeaderBlock {
    static let size = 512
    let bytes: [UInt8]
    let offset: Int

    var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    var typeFlag: UInt8 { bytes[156] }

    /// POSIX ustar (`ustar\0`) stores a path prefix at 345; the old GNU format (`ustar  \0`) keeps
    /// other data there.
    var isPOSIXUstar: Bool { Array(bytes[257..<263]) == Array("ustar".utf8) + [0] }

    var recordedName: [UInt8] {
        let name = Self.cString(bytes[0..<100])
        let prefix = isPOSIXUstar ? Self.cString(bytes[345..<500]) : []
        return prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
    }

    var recordedLinkName: [UInt8] { Self.cString(bytes[157..<257]) }

    func mode() throws(ArchiveReadError) -> UInt32 {
        UInt32(truncatingIfNeeded: try number(100..<108, field: "mode") & 0o7777)
    }

    func size() throws(ArchiveReadError) -> Int {
        try number(124..<136, field: "size")
    }

    /// Verifies the header against its checksum field. Historic writers summed signed chars, so both
    /// sums are accepted, as GNU tar does.
    func verifyChecksum() throws(ArchiveReadError) {
        let recorded = try number(148..<156, field: "checksum")
        // Runs for every header of archives with 100 000s of entries: a plain loop over the buffer.
        let (unsignedSum, signedSum) = bytes.withUnsafeBufferPointer { buffer -> (Int, Int) in
            var unsignedSum = 0
            var signedSum = 0
            var index = 0
            while index < buffer.count {
                let value = index >= 148 && index < 156 ? UInt8(ascii: " ") : buffer[index]
                unsignedSum &+= Int(value)
                signedSum &+= Int(Int8(bitPattern: value))
                index &+= 1
            }
            return (unsignedSum, signedSum)
        }
        if recorded != unsignedSum && recorded != signedSum {
            throw .checksumMismatch(headerOffset: offset, recorded: recorded, computed: unsignedSum)
        }
    }

    /// An octal field (NUL/space terminated, leading spaces allowed) or GNU base-256 (high bit set).
    func number(_ range: Range<Int>, field: String) throws(ArchiveReadError) -> Int {
        let raw = bytes[range]
        guard let first = raw.first else { return 0 }
        if first & 0x80 != 0 {
            guard first == 0x80 else {
                throw .malformedHeader(headerOffset: offset, reason: "negative base-256 \(field) field")
            }
            var value = 0
            for byte in raw.dropFirst() {
                guard value <= (Int.max >> 8) else {
                    throw .malformedHeader(headerOffset: offset, reason: "\(field) field too large")
                }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var seenDigit = false
        for byte in raw {
            if byte == UInt8(ascii: " ") && !seenDigit { continue }
            if byte == 0 || byte == UInt8(ascii: " ") { break }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) else {
                throw .malformedHeader(
                    headerOffset: offset, reason: "\(field) field is not an octal number (\(Self.printable(raw)))")
            }
            guard value <= (Int.max >> 3) else {
                throw .malformedHeader(headerOffset: offset, reason: "\(field) field too large")
            }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
            seenDigit = true
        }
        return value
    }

    static func cString(_ slice: ArraySlice<UInt8>) -> [UInt8] {
        Array(slice.prefix { $0 != 0 })
    }

    static func printable(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
