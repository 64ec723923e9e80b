import Foundation
import TestSupport
import Testing

@testable import JavaScript

/// Early errors: programs every engine refuses before running anything, so a bundle holding one would never run.
/// Each case is also given to `node --check`, which must agree (refuse the invalid ones, accept the valid ones).
@Suite struct EarlyErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var goal: SourceGoal = .script
        var code: String
        var testDescription: String { source.replacingOccurrences(of: "\n", with: "⏎") }
    }

    static let invalid: [Case] = [
        Case(source: "let a; let a;", code: "PA126"),
        Case(source: "let x; var x;", code: "PA126"),
        Case(source: "var x; let x;", code: "PA126"),
        Case(source: "const a = 1; function a() {}", code: "PA126"),
        Case(source: "{ let a; { var a; } }", code: "PA126"),
        Case(source: "class C {} class C {}", code: "PA126"),
        Case(source: "function f(a) { let a; }", code: "PA126"),
        Case(source: "try {} catch (e) { let e; }", code: "PA126"),
        Case(source: "try {} catch ([e]) { var e; }", code: "PA126"),
        Case(source: "switch (x) { case 1: let a; case 2: let a; }", code: "PA126"),
        Case(source: "for (let i;;) { var i; }", code: "PA126"),
        Case(source: "'use strict'; { function f() {} function f() {} }", code: "PA126"),
        Case(source: "import a from 'x'; let a;", goal: .module, code: "PA126"),
        Case(source: "function f() {} let f;", goal: .module, code: "PA126"),
        Case(source: "'use strict'; function f(a, a) {}", code: "PA126"),
        Case(source: "function f(a, a) { 'use strict'; }", code: "PA126"),
        Case(source: "x = (a, a) => 1;", code: "PA126"),
        Case(source: "x = { m(a, a) {} };", code: "PA126"),
        Case(source: "function f(a, [a]) {}", code: "PA126"),
        Case(source: "x = { __proto__: 1, __proto__: 2 };", code: "PA126"),
        Case(source: "x = { __proto__: 1, \"__proto__\": 2 };", code: "PA126"),
        Case(source: "class A { x = arguments; }", code: "PA135"),
        Case(source: "class A { x = () => arguments; }", code: "PA135"),
        Case(source: "class A { static { arguments; } }", code: "PA135"),
        Case(source: "async function f(a = await 1) {}", code: "PA114"),
        Case(source: "function* g(a = yield) {}", code: "PA114"),
        Case(source: "async function f() { (a = await 1) => 1; }", code: "PA114"),
        Case(source: "async function f() { async (a = await 1) => 1; }", code: "PA114"),
        Case(source: "function* g() { (a = yield) => 1; }", code: "PA114"),
        Case(source: "class A { #x; #x; }", code: "PA126"),
        Case(source: "class A { #x() {} get #x() {} }", code: "PA126"),
        Case(source: "class A { get #x() {} static set #x(v) {} }", code: "PA126"),
        Case(source: "class A { m() { return this.#y; } }", code: "PA127"),
        Case(source: "class A { #x; m(o) { return #y in o; } }", code: "PA127"),
        Case(source: "class A { m() { class B { #y; } return this.#y; } }", code: "PA127"),
        Case(source: "x = /(?<a>.)(?<a>.)/;", code: "PA126"),
        Case(source: "x = /(?<a>.)|(?<a>.)/;", code: "PA126"),
        Case(source: "'use strict'; l: function f() {}", code: "PA122"),
        Case(source: "l: function* g() {}", code: "PA122"),
        Case(source: "l: async function f() {}", code: "PA122"),
        Case(source: "if (x) async function f() {}", code: "PA122"),
        Case(source: "if (x) function* g() {}", code: "PA122"),
        Case(source: "function f(a = 1) { 'use strict'; }", code: "PA110"),
        Case(source: "function f({a}) { 'use strict'; }", code: "PA110"),
        Case(source: "function f(...a) { 'use strict'; }", code: "PA110"),
        Case(source: "x = (a = 1) => { 'use strict'; };", code: "PA110"),
        Case(source: "function* g() { yield\n* 2; }", code: "PA100"),
        Case(source: "function* g() { x = yield\n* 2; }", code: "PA100"),
        Case(source: "function* g() { yield ? 1 : 2; }", code: "PA100"),
    ]

    static let valid: [Case] = [
        Case(source: "var a; var a;", code: ""),
        Case(source: "function f(a, a) {}", code: ""),
        Case(source: "{ function f() {} function f() {} }", code: ""),
        Case(source: "function f() {} function f() {} var f;", code: ""),
        Case(source: "try {} catch (e) { var e; }", code: ""),
        Case(source: "function f(a) { var a; function a() {} }", code: ""),
        Case(source: "let a; { let a; }", code: ""),
        Case(source: "for (let i;;) { let i; }", code: ""),
        Case(source: "x = { __proto__: 1, __proto__() {} };", code: ""),
        Case(source: "x = { __proto__, __proto__: 1 };", code: ""),
        Case(source: "x = { ['__proto__']: 1, __proto__: 2 };", code: ""),
        Case(source: "({ __proto__: a, __proto__: b } = x);", code: ""),
        Case(source: "x = ({ __proto__: a, __proto__: b }) => 1;", code: ""),
        Case(source: "class A { x = function () { return arguments; }; }", code: ""),
        Case(source: "async function f() { (a = async function () { await 1; }) => 1; }", code: ""),
        Case(source: "async function f(a = async () => { await 1; }) {}", code: ""),
        Case(source: "class A { get #x() {} set #x(v) {} m() { return this.#x; } }", code: ""),
        Case(source: "class A { #x; m() { class B { n(o) { return o.#x; } } } }", code: ""),
        Case(source: "class A { m(o) { return o.#y; } #y = 1; }", code: ""),
        Case(source: "x = /(?<a>.)(?<b>.)\\k<a>[(?<a>]/;", code: ""),
        Case(source: "l: function f() {}", code: ""),
        Case(source: "if (x) function f() {}", code: ""),
        Case(source: "function f(a) { 'use strict'; }", code: ""),
        Case(source: "function* g() { (yield) * 2; }", code: ""),
        Case(source: "function* g() { yield\n+ 2; }", code: ""),
        Case(source: "function* g() { yield\n/2/g; }", code: ""),
        Case(source: "function* g() { yield, 1; }", code: ""),
        Case(source: "export default function f() {} var g;", goal: .module, code: ""),
    ]

    /// `node --check` on the source, as a CommonJS script or an ES module.
    static func nodeAccepts(_ testCase: Case) throws -> Bool {
        let node = try NodeBehaviourTests.nodePath()
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("pa-early-\(UUID().uuidString)" + (testCase.goal == .module ? ".mjs" : ".js"))
        try Data(testCase.source.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try ExternalProcess.run(node, ["--check", file.path]).status == 0
    }

    @Test(arguments: invalid) func refused(_ testCase: Case) throws {
        #expect(try !Self.nodeAccepts(testCase), "node accepts it: the case is wrong")
        #expect {
            _ = try JavaScriptParser.parse(source: testCase.source, fileName: "case.js", goal: testCase.goal)
        } throws: { error in
            (error as? JavaScriptSyntaxError)?.code.identifier == testCase.code
        }
    }

    @Test(arguments: valid) func accepted(_ testCase: Case) throws {
        #expect(try Self.nodeAccepts(testCase), "node refuses it: the case is wrong")
        let program = try JavaScriptParser.parse(source: testCase.source, fileName: "case.js", goal: testCase.goal)
        // Printed and read again, the program is the same (`(yield) * 2` keeps its parentheses).
        let printed = JavaScriptPrinter.print(program, options: .readable)
        #expect(try JavaScriptParser.parse(source: printed, fileName: "printed.js", goal: testCase.goal) == program, "\(printed)")
    }
}
