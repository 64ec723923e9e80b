import Foundation
import TestSupport
import Testing

@testable import JavaScript

@Suite struct SourceMapTests {
    @Test func mapsStatementsBackToTheirSource() throws {
        let source = Array("var a=1;\n  if (a) {\n\tb( \"é😀\", c);\n}\n".utf8)
        let program = try JavaScriptParser.parse(source: source, fileName: "in.js", goal: .script)
        let printed = JavaScriptPrinter.printWithSourceMap(program, source: source, sourceName: "in.js")
        #expect(printed.code == "var a = 1;\nif (a) {\n  b(\"é😀\", c);\n}\n")
        #expect(printed.sourceMap.hasPrefix(#"{"version":3,"sources":["in.js"],"sourcesContent":["var a=1;\n  if (a) {\n\tb( \"é😀\", c);\n}\n"],"names":[],"mappings":""#))
        // Line 1: `var` at 0:0, `1` at 0:6. Line 2: `if` at 1:2, `a` at 1:6. Line 3: `b(` at 2:1 (after a tab),
        // the string at 2:4, and `c` at 2:11 because "é😀" takes three UTF-16 units.
        #expect(printed.sourceMap.hasSuffix(#""mappings":"AAAA,QAAM;AACJ,IAAI;EACL,EAAG,OAAO"}"#))
    }

    @Test func nodeReadsTheSourceMap() throws {
        let node = try NodeBehaviourTests.nodePath()
        let source = Array("function add(x,y){return x+y}\nmodule.exports = {add};\n".utf8)
        let program = try JavaScriptParser.parse(source: source, fileName: "add.js", goal: .commonJS)
        let printed = JavaScriptPrinter.printWithSourceMap(program, source: source, sourceName: "add.js")
        // `return x + y;` is on generated line 2 (1-based), column 2 in node's 0-based API.
        let script = """
            const { SourceMap } = require('module');
            const map = new SourceMap(JSON.parse(process.argv[process.argv.length - 1]));
            const entry = map.findEntry(1, 2);
            console.log([entry.originalSource, entry.originalLine, entry.originalColumn].join(':'));
            """
        let output = try ExternalProcess.run(node, ["-e", script, printed.sourceMap]).standardOutput
        #expect(printed.code.contains("\n  return x + y;\n"))
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "add.js:0:18")
    }
}
