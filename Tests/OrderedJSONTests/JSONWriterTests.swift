import Testing
@testable import OrderedJSON

@Suite struct JSONWriterTests {
    let sample: JSONValue = [
        "edx-proctoring-proctortrack": ["babel-polyfill", "/openedx/node_modules/x/é 😀\u{7F}.js"],
        "empty": .object([]),
        "list": .array([]),
    ]

    @Test func pythonDumpsStyle() {
        #expect(JSONWriter.write(sample, style: .python) ==
            #"{"edx-proctoring-proctortrack": ["babel-polyfill", "/openedx/node_modules/x/\u00e9 \ud83d\ude00\u007f.js"], "empty": {}, "list": []}"#)
    }

    @Test func javaScriptCompactStyle() {
        #expect(JSONWriter.write(sample, style: .javaScriptCompact) ==
            "{\"edx-proctoring-proctortrack\":[\"babel-polyfill\",\"/openedx/node_modules/x/é 😀\u{7F}.js\"],\"empty\":{},\"list\":[]}")
    }

    @Test func javaScriptIndentedStyle() {
        let value: JSONValue = ["status": "done", "chunks": ["a": ["a.js"]], "assets": .object([])]
        #expect(JSONWriter.write(value, style: .javaScriptIndented(2)) == """
            {
              "status": "done",
              "chunks": {
                "a": [
                  "a.js"
                ]
              },
              "assets": {}
            }
            """)
    }

    @Test func controlCharactersAreEscapedLowercase() {
        #expect(JSONWriter.write("\u{01}\u{1F}\t", style: .javaScriptCompact) == #""\u0001\u001f\t""#)
    }

    @Test func roundTripsParsedNumbersVerbatim() throws {
        let text = #"{"a": 1.50, "b": -0, "c": 1E+2}"#
        #expect(JSONWriter.write(try JSONParser.parse(text), style: .python) == text)
    }
}
