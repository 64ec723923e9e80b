import Foundation
import Testing

@testable import JavaScript

/// Minified output keeps mapping to the original positions, and renamed identifiers carry their original name.
@Suite struct MinifiedSourceMapTests {
    @Test func renamedIdentifiersMapBackWithTheirNames() throws {
        let node = try NodeBehaviourTests.nodePath()
        let source = Array("function outer(longName) {\n  return longName + 1;\n}\nmodule.exports = outer;\n".utf8)
        let program = try JavaScriptParser.parse(source: source, fileName: "in.js", goal: .commonJS)
        let printed = JavaScriptPrinter.printWithSourceMap(program, source: source, sourceName: "in.js", options: .minified(topLevelIsLocal: true))
        #expect(printed.code == "function a(b){return b+1}module.exports=a;")
        #expect(printed.sourceMap.contains(#""names":["longName","outer"]"#), "\(printed.sourceMap)")
        // `b` in `return b+1` (generated column 21) is `longName` at line 2, column 9 (0-based: 1:9).
        let script = """
            const { SourceMap } = require('module');
            const map = new SourceMap(JSON.parse(process.argv[process.argv.length - 1]));
            const entry = map.findEntry(0, 21);
            console.log([entry.originalSource, entry.originalLine, entry.originalColumn].join(':'));
            """
        let result = try MinifyTestSupport.runNode(node, script: script, arguments: [printed.sourceMap])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "in.js:1:9")
    }
}
