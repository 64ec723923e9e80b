/// Parses the records of a pax extended header (`x` or `g`): `LEN key=value\n`, where LEN counts the
/// whole record in bytes, including itself and the newline.
enum PaxRecords {
    static func parse(_ data: [UInt8], headerOffset: Int) throws(ArchiveReadError) -> [String: String] {
        var records: [String: String] = [:]
        var start = 0
        while start < data.count {
            // Tar writers pad the data with NULs; nothing after them is a record.
            if data[start] == 0 { break }
            var cursor = start
            var length = 0
            while cursor < data.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(data[cursor]) {
                length = length * 10 + Int(data[cursor] - UInt8(ascii: "0"))
                guard length <= data.count else { throw malformed(headerOffset, "record length beyond the header") }
                cursor += 1
            }
            guard cursor > start, cursor < data.count, data[cursor] == UInt8(ascii: " ") else {
                throw malformed(headerOffset, "record does not start with `LENGTH `")
            }
            let end = start + length
            guard end <= data.count, end > cursor + 1, data[end - 1] == UInt8(ascii: "\n") else {
                throw malformed(headerOffset, "record length does not end at a newline")
            }
            let body = data[(cursor + 1)..<(end - 1)]
            guard let equals = body.firstIndex(of: UInt8(ascii: "=")) else {
                throw malformed(headerOffset, "record without `key=value`")
            }
            let key = String(decoding: body[body.startIndex..<equals], as: UTF8.self)
            let value = String(decoding: body[(equals + 1)...], as: UTF8.self)
            records[key] = value
            start = end
        }
        return records
    }

    private static func malformed(_ offset: Int, _ reason: String) -> ArchiveReadError {
        .malformedHeader(headerOffset: offset, reason: "pax extended header: \(reason)")
    }
}
