import Testing
@testable import OrderedJSON

@Suite struct JSONParserTests {
    @Test func keepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": [true, null, "x"], "m": {"k": -0.5e3}}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m"])
        #expect(value["a"] == [true, nil, "x"])
        #expect(value["m"]?["k"] == .number("-0.5e3"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\né😀"))
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 1, 9, "expected a string key in double quotes"),
        ("{\n  \"main\": \"x.js\"\n  \"name\": 1}", 3, 3, "expected ',' or '}' in the object"),
        (#"[1, 2"#, 1, 6, "unexpected end of JSON text, expected ',' or ']' in the array"),
        (#"{"a": "#, 1, 7, "unexpected end of JSON text, expected a value"),
        (#"{"é": tru}"#, 1, 7, "unexpected character, expected 'true'"),
        (#"01"#, 1, 2, "a number may not start with 0"),
        (#""abc"#, 1, 1, "unterminated string"),
        (#"{} x"#, 1, 4, "unexpected text after the JSON value"),
    ])
    func reportsPosition(text: String, line: Int, column: Int, message: String) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.line == line && error.column == column && error.message == message
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) {
            try JSONParser.parse(bytes: [0x22, 0xC3, 0x28, 0x22])
        }
    }
}

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
