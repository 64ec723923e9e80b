/// What a file holds, decided from its first bytes (never from its name).
enum ArchiveFormat: Equatable {
    case gzip
    case tar
    case unrecognized(reason: String)

    static func sniff(_ prefix: [UInt8]) -> ArchiveFormat {
        if prefix.isEmpty { return .unrecognized(reason: "the file is empty") }
        if prefix.starts(with: [0x1F, 0x8B]) { return .gzip }
        if prefix.count >= TarHeaderBlock.size {
            let header = TarHeaderBlock(bytes: Array(prefix[0..<TarHeaderBlock.size]), offset: 0)
            if header.isZero { return .tar }
            if (try? header.verifyChecksum()) != nil { return .tar }
        }
        for (magic, name) in otherFormats where prefix.starts(with: magic) {
            return .unrecognized(reason: "it is \(name), which verify does not read; repack it as .tar.gz")
        }
        if looksLikeText(prefix) {
            let firstLine = prefix.prefix(60).prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            return .unrecognized(reason: "it looks like a text file (starts with \"\(String(decoding: firstLine, as: UTF8.self))\")")
        }
        let bytes = prefix.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return .unrecognized(reason: "it starts with the bytes \(bytes.joined(separator: " ")), not gzip or tar")
    }

    private static let otherFormats: [([UInt8], String)] = [
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed"),
    ]

    private static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        guard !sample.contains(0) else { return false }
        let control = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
        return control * 100 <= sample.count
    }
}
