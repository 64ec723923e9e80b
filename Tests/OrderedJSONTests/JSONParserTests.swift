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

/// Nesting: up to `JSONParser.nestingLimit` levels parse; deeper text is "too deep", not "not valid JSON",
/// and even a million levels end in that error rather than a stack overflow.
@Suite struct JSONNestingLimitTests {
    static func arrays(_ levels: Int) -> String {
        String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
    }

    static func objects(_ levels: Int) -> String {
        String(repeating: #"{"a":"#, count: levels) + "1" + String(repeating: "}", count: levels)
    }

    @Test func validJSONUpToTheLimitParses() throws {
        var value = try JSONParser.parse(Self.arrays(JSONParser.nestingLimit))
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            guard let first = elements.first else { break }
            value = first
        }
        #expect(depth == JSONParser.nestingLimit)
        #expect(try JSONParser.parse(Self.objects(JSONParser.nestingLimit - 1))["a"] != nil)
    }

    @Test(arguments: [JSONParser.nestingLimit + 1, 1_000, 1_000_000])
    func deeperIsTooDeep(levels: Int) {
        for text in [Self.arrays(levels), Self.objects(levels), String(repeating: "[", count: levels)] {
            #expect {
                try JSONParser.parse(text)
            } throws: { error in
                guard let error = error as? JSONSyntaxError else { return false }
                return error.isNestingTooDeep && error.message.contains("deeper than 512 levels") && error.line == 1
            }
        }
    }

    @Test func aSyntaxErrorIsNotTooDeep() {
        #expect {
            try JSONParser.parse("[[[1,]]]")
        } throws: { error in
            (error as? JSONSyntaxError)?.isNestingTooDeep == false
        }
    }
}
