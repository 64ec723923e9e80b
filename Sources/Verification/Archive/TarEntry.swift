/// What a tar entry is, after GNU long names and pax headers were applied.
public enum TarEntryType: Sendable, Hashable {
    case regularFile
    case directory
    case symbolicLink
    case hardLink
    case characterDevice
    case blockDevice
    case fifo
    /// GNU sparse files, multi-volume parts, volume labels, vendor types: the raw type flag.
    case unsupported(typeFlag: UInt8)

    init(typeFlag: UInt8, name: String) {
        switch typeFlag {
        case UInt8(ascii: "0"), UInt8(ascii: "7"): self = .regularFile
        // Pre-POSIX archives mark directories only by a trailing slash on a "regular" entry.
        case 0: self = name.hasSuffix("/") ? .directory : .regularFile
        case UInt8(ascii: "1"): self = .hardLink
        case UInt8(ascii: "2"): self = .symbolicLink
        case UInt8(ascii: "3"): self = .characterDevice
        case UInt8(ascii: "4"): self = .blockDevice
        case UInt8(ascii: "5"), UInt8(ascii: "D"): self = .directory
        case UInt8(ascii: "6"): self = .fifo
        default: self = .unsupported(typeFlag: typeFlag)
        }
    }

    /// Whether the header's size counts bytes of data that follow it in the archive.
    func hasData(typeFlag: UInt8) -> Bool {
        switch self {
        case .regularFile, .unsupported: return true
        case .directory: return typeFlag == UInt8(ascii: "D")
        default: return false
        }
    }
}

/// One member of a tar archive, as stored (name not yet checked for safety).
public struct TarEntry: Sendable, Hashable {
    /// The name as recorded (pax `path` > GNU `L` > ustar prefix + name), decoded as UTF-8.
    public var name: String
    /// Target of a symbolic or hard link (pax `linkpath` > GNU `K` > header).
    public var linkName: String
    public var type: TarEntryType
    /// Bytes of contents that follow the header (0 for links, directories, devices).
    public var size: Int
    /// Permission bits from the header.
    public var mode: UInt32
    /// Offset of the entry's (last) header in the decompressed stream, for messages.
    public var headerOffset: Int
}
