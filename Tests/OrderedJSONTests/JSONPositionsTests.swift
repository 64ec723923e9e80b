import Testing
import OrderedJSON

@Suite struct JSONPositionsTests {
    @Test func recordsWhereEachValueAndKeyIs() throws {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"é\": null,\n  \"a\": true\n}"
        let bytes = Array(text.utf8)
        let (value, positions) = try JSONParser.parseWithPositions(bytes: bytes)
        #expect(value == (try JSONParser.parse(bytes: bytes)))
        func at(_ offset: Int?) -> String? {
            offset.map { String(decoding: bytes[$0..<min($0 + 3, bytes.count)], as: UTF8.self) }
        }
        #expect(positions.valueOffset(of: []) == 0)
        #expect(at(positions.valueOffset(of: [.key("é")])) == "nul")
        #expect(at(positions.keyOffset(of: [.key("é")])) == "\"é")
        // A repeated key: the last member, the one Python's json and JSONValue's subscript return.
        #expect(at(positions.keyOffset(of: [.key("a")])) == "\"a\"")
        #expect(at(positions.valueOffset(of: [.key("a")])) == "tru")
        #expect(at(positions.valueOffset(of: [.key("a"), .index(1), .key("b")])) == "\"x\"")
        #expect(positions.valueOffset(of: [.key("missing")]) == nil)
        #expect(positions.nearestValueOffset(of: [.key("a"), .index(1), .key("missing")]) == positions.valueOffset(of: [.key("a"), .index(1)]))
    }
}
