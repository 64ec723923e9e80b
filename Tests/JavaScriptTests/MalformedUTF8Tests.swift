import Testing

@testable import JavaScript

/// Source bytes that are not UTF-8 are refused (PA107), not decoded into other characters. Found by the
/// fuzzer: `0xE0 'c' '$'` was read as U+08E4 and swallowed the `$` of a template substitution.
@Suite struct MalformedUTF8Tests {
    static let cases: [[UInt8]] = [
        Array("`a${b}".utf8) + [0xE0] + Array("c${d}e`;".utf8),
        Array("x = '".utf8) + [0xE0, 0x63, 0x24] + Array("';".utf8),
        Array("x = `".utf8) + [0xC3, 0x28] + Array("`;".utf8),
        Array("x = '".utf8) + [0xED, 0xA0, 0x80] + Array("';".utf8),
        Array("x = '".utf8) + [0xF0, 0x9F, 0x98] + Array("';".utf8),
        Array("x".utf8) + [0xE0, 0x41, 0x41] + Array(" = 1;".utf8),
    ]

    @Test(arguments: cases) func refused(_ source: [UInt8]) {
        #expect {
            _ = try JavaScriptParser.parse(source: source, fileName: "bytes.js", goal: .script)
        } throws: { error in
            (error as? JavaScriptSyntaxError)?.code == .javaScriptUnexpectedCharacter
        }
    }

    @Test func wellFormedMultibyteCharactersStillParse() throws {
        let program = try JavaScriptParser.parse(source: "x = `é${a}😀` + 'ࣤ' + \u{2028}ñ;", fileName: "ok.js", goal: .script)
        #expect(program.body.count == 1)
    }
}
