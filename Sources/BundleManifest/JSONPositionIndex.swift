import Encodings
import OrderedJSON

/// One step into a JSON document: an object key or an array index.
enum JSONPathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    var description: String {
        switch self {
        case .key(let key): return "[\"\(key)\"]"
        case .index(let index): return "[\(index)]"
        }
    }
}

/// Line and column of every value in a JSON text, so findings about a parsed document can point at the
/// place in the file. JSONValue itself carries no positions.
///
/// Only run on text that `JSONParser` accepted: the scanner trusts the grammar and stops quietly on anything else.
struct JSONPositionIndex {
    private var valuePositions: [[JSONPathComponent]: Int] = [:]
    private var keyPositions: [[JSONPathComponent]: Int] = [:]
    private let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var index = 0
        skipWhitespace(&index)
        scanValue(at: &index, path: [])
    }

    /// Position of the value at `path` (for a missing member: the closest enclosing value).
    func position(of path: [JSONPathComponent]) -> TextPosition {
        var path = path
        while !path.isEmpty, valuePositions[path] == nil { path.removeLast() }
        return TextPosition(of: valuePositions[path] ?? 0, in: bytes)
    }

    /// Position of the key of the member at `path` (falls back to the value's position).
    func keyPosition(of path: [JSONPathComponent]) -> TextPosition {
        if let offset = keyPositions[path] { return TextPosition(of: offset, in: bytes) }
        return position(of: path)
    }

    private mutating func scanValue(at index: inout Int, path: [JSONPathComponent]) {
        guard index < bytes.count else { return }
        valuePositions[path] = index
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace(&index)
            while index < bytes.count, bytes[index] != UInt8(ascii: "}") {
                let keyStart = index
                let keyEnd = endOfString(startingAt: index)
                let key = decodeString(bytes[keyStart..<keyEnd])
                index = keyEnd
                skipWhitespace(&index)
                index += 1  // ':'
                skipWhitespace(&index)
                let memberPath = path + [.key(key)]
                keyPositions[memberPath] = keyStart
                scanValue(at: &index, path: memberPath)
                skipWhitespace(&index)
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace(&index)
                }
            }
            index += 1
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace(&index)
            var element = 0
            while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
                scanValue(at: &index, path: path + [.index(element)])
                element += 1
                skipWhitespace(&index)
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace(&index)
                }
            }
            index += 1
        case UInt8(ascii: "\""):
            index = endOfString(startingAt: index)
        default:
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
        }
    }

    /// Index just past the closing quote of the string that starts at `start`.
    private func endOfString(startingAt start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 1
        }
        return index
    }

    private func decodeString(_ literal: ArraySlice<UInt8>) -> String {
        (try? JSONParser.parse(bytes: Array(literal)))?.stringValue ?? ""
    }

    private func skipWhitespace(_ index: inout Int) {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func isDelimiter(_ byte: UInt8) -> Bool {
        [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(byte)
    }
}
