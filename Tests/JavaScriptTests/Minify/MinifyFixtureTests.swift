import Foundation
import Testing

@testable import JavaScript

/// The runnable programs under Tests/Fixtures/JavaScript/Minify print the same in node before and after
/// minification, as a classic script and as a wrapped CommonJS module (`topLevelIsLocal`).
@Suite struct MinifyFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/JavaScript/Minify").standardized

    static let runFile = "require(process.argv[process.argv.length - 1]);"

    static func run(_ code: String, node: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pa-minify-fixture-\(UUID().uuidString).js")
        try Data(code.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try MinifyTestSupport.runNode(node, script: runFile, arguments: [file.path])
        #expect(result.status == 0, "node failed: \(result.errors)\n\(code)")
        return result.output
    }

    @Test(arguments: ["behaviour.js", "eval-and-with.js", "proto-shorthand.js"], [false, true])
    func printsTheSame(fixture: String, topLevelIsLocal: Bool) throws {
        let node = try NodeBehaviourTests.nodePath()
        let source = try String(contentsOf: MinifyFixtureTests.directory.appendingPathComponent(fixture), encoding: .utf8)
        let program = try JavaScriptParser.parse(source: source, fileName: fixture, goal: topLevelIsLocal ? .commonJS : .script)
        let minified = JavaScriptPrinter.print(program, options: .minified(topLevelIsLocal: topLevelIsLocal))
        let expected = try MinifyFixtureTests.run(source, node: node)
        let actual = try MinifyFixtureTests.run(minified, node: node)
        #expect(!expected.isEmpty)
        #expect(actual == expected, "minified:\n\(minified)")
        #expect(minified.utf8.count * 5 < source.utf8.count * 4, "minified output is not much smaller")
    }
}
