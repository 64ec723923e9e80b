import Testing

@testable import JavaScript

@Suite struct ScopeAnalysisTests {
    static func analyze(_ source: String, goal: SourceGoal = .commonJS) throws -> ScopeAnalysis {
        ScopeAnalysis.analyze(try JavaScriptParser.parse(source: source, fileName: "s.js", goal: goal))
    }

    @Test func freeNamesOfCommonJSModule() throws {
        let analysis = try ScopeAnalysisTests.analyze(
            """
            'use strict';
            var $ = require('../internals/export');
            var fails = require('../internals/fails');
            $({ target: 'Array', proto: true }, { at: function at(index) { var O = toObject(this); return O[index]; } });
            module.exports = fails;
            """)
        #expect(analysis.freeNames == ["module", "require", "toObject"])
    }

    @Test func varIsHoistedToTheFunctionAndLetStaysInTheBlock() throws {
        let analysis = try ScopeAnalysisTests.analyze(
            """
            function f() {
              use(a, b);
              { var a = 1; let b = 2; }
            }
            """)
        let uses = analysis.references.filter { $0.name == "a" || $0.name == "b" }
        let first = try #require(uses.first { $0.name == "a" })
        let declarationOfA = try #require(first.declaration)
        #expect(analysis.declarations[declarationOfA].kind == .var)
        #expect(analysis.scopes[analysis.declarations[declarationOfA].scope].kind == .function)
        // The `b` used before the block is not the block's `let b`.
        let useOfB = try #require(uses.first { $0.name == "b" })
        #expect(useOfB.declaration == nil)
        #expect(analysis.freeNames == ["b", "use"])
    }

    @Test func shadowingAndParameters() throws {
        let analysis = try ScopeAnalysisTests.analyze(
            """
            var x = 1;
            function g(x, { y = x } = {}) { return function h() { let x = 2; return x + y + arguments.length; }; }
            """)
        let xs = analysis.declarations.enumerated().filter { $0.element.name == "x" }
        #expect(xs.map(\.element.kind) == [.var, .parameter, .let])
        #expect(xs[1].element.shadows == xs[0].offset)
        #expect(xs[2].element.shadows == xs[1].offset)
        #expect(analysis.freeNames.isEmpty)
        let argumentsUse = try #require(analysis.references.first { $0.name == "arguments" })
        #expect(argumentsUse.declaration.map { analysis.declarations[$0].kind } == .arguments)
    }

    @Test func writesImportsClassesAndCatch() throws {
        let analysis = try ScopeAnalysisTests.analyze(
            """
            import { a as b } from "m";
            class K { static #p = 1; m() { return K; } }
            try { b = 1; } catch ({ message }) { message++; }
            for (const item of list) item;
            export { K };
            """, goal: .module)
        #expect(analysis.freeNames == ["list"])
        let writes = analysis.references.filter(\.isWrite).map(\.name)
        #expect(writes == ["b", "message"])
        #expect(analysis.scopes[0].kind == .module)
        #expect(analysis.scopes.contains { $0.kind == .catch })
    }

    @Test func evalAndWithMarkDynamicLookup() throws {
        let analysis = try ScopeAnalysisTests.analyze("function f() { function g() { eval('x'); } } function h() { var y; }")
        let functions = analysis.scopes.enumerated().filter { $0.element.kind == .function }.map(\.element.hasDynamicLookup)
        #expect(functions == [true, true, false])
        #expect(analysis.scopes[0].hasDynamicLookup)
    }
}
