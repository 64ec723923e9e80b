/// The base64 variable-length quantities of source map `mappings` (Source Map Revision 3): each value is
/// sign-folded into its lowest bit and written as 5-bit groups, least significant first, with bit 6 set
/// on every group but the last. The one codec the project uses (the JavaScript printer's maps and the
/// bundler's combined maps).
public enum Base64VLQ {
    /// Appends the encoding of `value` to `output`.
    public static func append(_ value: Int, to output: inout [UInt8]) {
        var rest = value < 0 ? ((-value) << 1) | 1 : value << 1
        repeat {
            var digit = rest & 31
            rest >>= 5
            if rest > 0 { digit |= 32 }
            output.append(Base64.alphabet[digit])
        } while rest > 0
    }

    /// Decodes the values of one segment's text (between `,`/`;` separators); characters outside the
    /// base64 alphabet are skipped, as browsers' source map readers do.
    public struct Decoder {
        private var value = 0
        private var shift = 0

        public init() {}

        /// Feeds one byte; returns a value when `byte` ends one.
        public mutating func feed(_ byte: UInt8) -> Int? {
            guard let digit = Base64.digit(of: byte) else { return nil }
            value += (digit & 31) << shift
            if digit & 32 != 0 {
                shift += 5
                return nil
            }
            let decoded = value & 1 == 1 ? -(value >> 1) : value >> 1
            value = 0
            shift = 0
            return decoded
        }
    }
}
