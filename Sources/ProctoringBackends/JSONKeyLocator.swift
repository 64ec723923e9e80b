/// Finds where a key of the top-level JSON object is written, so that a message about `main` can point
/// at its line and column. Assumes text the JSON parser accepted.
enum JSONKeyLocator {
    /// Byte offset of the last `"key"` written as a member name of the top-level object.
    static func offsetOfTopLevelKey(_ key: String, in bytes: [UInt8]) -> Int? {
        var depth = 0
        var index = 0
        var found: Int?
        let wanted = Array(key.utf8)
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                let content = bytes[min(start + 1, bytes.count)..<min(index, bytes.count)]
                index += 1
                var next = index
                while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                if depth == 1, next < bytes.count, bytes[next] == UInt8(ascii: ":"), Array(content) == wanted {
                    found = start
                }
            default:
                index += 1
            }
        }
        return found
    }
}
