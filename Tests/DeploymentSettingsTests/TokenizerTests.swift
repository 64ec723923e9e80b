import Testing
@testable import DeploymentSettings

@Suite struct TokenizerTests {
    func kinds(_ source: String) throws -> [String] {
        try PythonTokenizer.tokenize(source).map { token in
            switch token.kind {
            case .name: return "N:\(token.text)"
            case .number: return "#:\(token.text)"
            case .op: return token.text
            case .string: return "S:\(token.string?.body ?? "")"
            case .newline: return "NL"
            case .indent: return "IN"
            case .dedent: return "DE"
            case .endMarker: return "END"
            }
        }
    }

    @Test func indentationProducesIndentAndDedent() throws {
        let tokens = try kinds("if x:\n    y = 1\n\n    # comment\n    z = 2\nw = 3\n")
        #expect(tokens == [
            "N:if", "N:x", ":", "NL", "IN", "N:y", "=", "#:1", "NL", "N:z", "=", "#:2", "NL", "DE", "N:w", "=", "#:3",
            "NL", "END",
        ])
    }

    @Test func bracketsJoinLinesAndBackslashContinues() throws {
        #expect(try kinds("x = [1,\n  2]\ny = 1 + \\\n  2\n") == [
            "N:x", "=", "[", "#:1", ",", "#:2", "]", "NL", "N:y", "=", "#:1", "+", "#:2", "NL", "END",
        ])
    }

    @Test func everyStringPrefixIsAString() throws {
        let source = "a = r'\\d' b'x' rb'y' BR'z' f'{a}' Rf\"{b}\" u'u' '''t\n'''\n"
        let strings = try PythonTokenizer.tokenize(source).compactMap(\.string)
        #expect(strings.count == 8)
        #expect(strings.map(\.isBytes) == [false, true, true, true, false, false, false, false])
        #expect(strings.map(\.isRaw) == [true, false, true, true, false, true, false, false])
        #expect(strings.map(\.isFormatted) == [false, false, false, false, true, true, false, false])
        #expect(strings[7].body == "t\n")
    }

    @Test func numbersKeepTheirSpelling() throws {
        #expect(try kinds("1_000 0xFF 0o17 0b1 1.5e-3 .5 3j 10.\n") == [
            "#:1_000", "#:0xFF", "#:0o17", "#:0b1", "#:1.5e-3", "#:.5", "#:3j", "#:10.", "NL", "END",
        ])
        #expect(PythonParser.numberValue("1_000") == .int("1000"))
        #expect(PythonParser.numberValue("0xFF") == .int("255"))
        #expect(PythonParser.numberValue("1.5e-3") == .float("0.0015"))
        #expect(PythonParser.numberValue("10.") == .float("10.0"))
    }

    @Test func operatorsAreLongestMatch() throws {
        #expect(try kinds("a **= b // c -> d := e != f ...\n") == [
            "N:a", "**=", "N:b", "//", "N:c", "->", "N:d", ":=", "N:e", "!=", "N:f", "...", "NL", "END",
        ])
    }

    @Test func columnsCountUnicodeScalars() throws {
        let tokens = try PythonTokenizer.tokenize("é = 'ü'; x = 1\n")
        #expect(tokens.first { $0.text == "x" }?.position == SourcePoint(line: 1, column: 10))
    }

    @Test func errorsPointWherePythonPoints() {
        #expect(throws: PythonSyntaxError(.unterminatedString, "unterminated string literal (detected at line 2)", at: SourcePoint(line: 2, column: 5))) {
            try PythonTokenizer.tokenize("x = 1\ny = 'abc\n")
        }
        #expect(throws: PythonSyntaxError(.unbalancedBracket, "'(' was never closed", at: SourcePoint(line: 1, column: 5))) {
            try PythonTokenizer.tokenize("x = (1,\n2\n")
        }
        #expect(throws: PythonSyntaxError(.indentation, "unindent does not match any outer indentation level", at: SourcePoint(line: 3, column: 3))) {
            try PythonTokenizer.tokenize("if x:\n    y\n  z\n")
        }
    }
}
