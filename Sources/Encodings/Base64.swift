/// RFC 4648 base64 with padding, the alphabet SRI and webpack-bundle-tracker use; written out to avoid
/// Foundation. The one copy the project uses (bundles, stats-file integrity, verify, source maps).
public enum Base64 {
    /// The 64 digits, in value order.
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let digitValues: [Int8] = {
        var values = [Int8](repeating: -1, count: 128)
        for (index, byte) in alphabet.enumerated() { values[Int(byte)] = Int8(index) }
        return values
    }()

    /// The value of one base64 digit, or nil for a byte outside the alphabet.
    public static func digit(of byte: UInt8) -> Int? {
        guard byte < 128, digitValues[Int(byte)] >= 0 else { return nil }
        return Int(digitValues[Int(byte)])
    }

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = bytes[index]
            let second = remaining > 1 ? bytes[index + 1] : 0
            let third = remaining > 2 ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(remaining > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
