// libFuzzer target: the JSON reader (OrderedJSON's JSONParser, with and without positions) and writer.
// Built and run by `scripts/fuzz json SECONDS` (not part of the package, not part of CI).
//
// For every input: both parse entry points agree (same value or same error); an error points inside the text;
// a value written in each style (Python's json.dumps, JSON.stringify compact and indented) parses back to the
// same value and writes the same text again; every value and member key has a recorded position that starts
// with the right character.
import Diagnostics
import OrderedJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkJSON(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

func checkJSON(_ bytes: [UInt8]) {
    let plain = Result { () throws(JSONSyntaxError) in try JSONParser.parse(bytes: bytes) }
    let positioned = Result { () throws(JSONSyntaxError) in try JSONParser.parseWithPositions(bytes: bytes) }
    switch (plain, positioned) {
    case (.failure(let error), .failure(let other)):
        guard error == other else { finding("the two entry points fail differently: \(error) / \(other)") }
        guard error.offset >= 0, error.offset <= bytes.count, error.line >= 1, error.column >= 1 else {
            finding("error outside the text (\(bytes.count) bytes): offset \(error.offset), \(error)")
        }
        guard error.line <= lineCount(of: bytes) else { finding("error on line \(error.line) of \(lineCount(of: bytes)): \(error)") }
    case (.success(let value), .success(let result)):
        guard value == result.value else { finding("parseWithPositions reads another value than parse") }
        checkPositions(of: value, at: [], in: bytes, positions: result.positions)
        for style in [JSONStyle.python, .javaScriptCompact, .javaScriptIndented(2)] {
            let text = JSONWriter.write(value, style: style)
            let again: JSONValue
            do {
                again = try JSONParser.parse(text)
            } catch {
                finding("written text (\(style)) does not parse: \(error)\n--- text:\n\(text)")
            }
            guard again == value else { finding("written text (\(style)) parses to another value\n--- text:\n\(text)") }
            guard JSONWriter.write(again, style: style) == text else { finding("writing (\(style)) is not stable") }
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            guard (try? JSONParser.parse(text)) == value else { finding("parse(String) reads another value than parse(bytes:)") }
        }
    default:
        finding("one entry point accepts what the other refuses: \(plain) / \(positioned)")
    }
}

/// Walks the value as `JSONValue`'s subscript sees it (a repeated key: the last member).
func checkPositions(of value: JSONValue, at path: [JSONPathComponent], in bytes: [UInt8], positions: JSONPositions) {
    guard let offset = positions.valueOffset(of: path), offset >= 0, offset < bytes.count else {
        finding("no position for the value at \(path.map(\.description).joined())")
    }
    let first = bytes[offset]
    let expected: Bool
    switch value {
    case .null: expected = first == UInt8(ascii: "n")
    case .bool(let flag): expected = first == UInt8(ascii: flag ? "t" : "f")
    case .number: expected = first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    case .string: expected = first == UInt8(ascii: "\"")
    case .array(let elements):
        expected = first == UInt8(ascii: "[")
        for (index, element) in elements.enumerated() {
            checkPositions(of: element, at: path + [.index(index)], in: bytes, positions: positions)
        }
    case .object(let members):
        expected = first == UInt8(ascii: "{")
        var lastIndex: [String: Int] = [:]
        for (index, member) in members.enumerated() { lastIndex[member.key] = index }
        for (index, member) in members.enumerated() where lastIndex[member.key] == index {
            let memberPath = path + [.key(member.key)]
            guard let keyOffset = positions.keyOffset(of: memberPath), keyOffset >= 0, keyOffset < bytes.count,
                bytes[keyOffset] == UInt8(ascii: "\"")
            else { finding("no or a wrong key position for \(memberPath.map(\.description).joined())") }
            guard keyOffset > offset else { finding("the key of \(memberPath.map(\.description).joined()) is before its object") }
            checkPositions(of: member.value, at: memberPath, in: bytes, positions: positions)
        }
    }
    guard expected else {
        finding("the position of \(path.map(\.description).joined()) (byte \(offset)) does not start a \(value.kindDescription)")
    }
}
