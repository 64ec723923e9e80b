import Testing

@testable import JavaScript

/// Renaming rules: input → exact output (shortening off, so only names change).
@Suite struct IdentifierRenamerTests {
    static let scriptCases: [(String, String)] = [
        // Top-level bindings of a script are globals: kept. Locals and parameters get short names, most used first.
        ("var top = 1; function f(first, second) { return second + second + first; }",
            "var top=1;function f(b,a){return a+a+b}"),
        // Free names (globals) are never used as new names, so they cannot be captured.
        ("function f(x) { return a + b + x; }", "function f(c){return a+b+c}"),
        // Sibling scopes reuse names; nested scopes never shadow a name they use.
        ("function f(x) { return function (y) { return x + y; }; } function g(z) { return z; }",
            "function f(a){return function(b){return a+b}}function g(a){return a}"),
        // `arguments` and `this` keep their meaning.
        ("function f(x) { return arguments.length + this.x + x; }", "function f(a){return arguments.length+this.x+a}"),
        // Property names stay; shorthand properties get an explicit key.
        ("function f(value) { return { value, other: value.value }; }", "function f(a){return{value:a,other:a.value}}"),
        ("function f({ value, other = 1 }) { return value + other; }", "function f({value:a,other:b=1}){return a+b}"),
        ("function f(value) { ({ value = 2 } = {}); return value; }", "function f(a){({value:a=2}={});return a}"),
        // Catch parameters, labels, block scopes and class names inside functions.
        ("function f() { try { g(); } catch (error) { return error; } }", "function f(){try{g()}catch(a){return a}}"),
        ("function f() { outer: for (;;) { inner: for (;;) { break outer; } } }", "function f(){a:for(;;){b:for(;;){break a}}}"),
        ("function f() { class Point { m() { return Point; } } return Point; }", "function f(){class a{m(){return a}}return a}"),
        ("function f() { return class Named { m() { return Named; } }; }", "function f(){return class a{m(){return a}}}"),
        // Direct eval and with freeze the names around them.
        ("function f(x) { function g(y) { return y; } return eval('x'); }", "function f(x){function g(y){return y}return eval(\"x\")}"),
        ("function f(x) { with (x) { return y; } } function g(z) { return z; }", "function f(x){with(x){return y}}function g(a){return a}"),
        // Annex B: a block function also used outside its block keeps its name.
        ("function f() { { function inner() {} } return inner; }", "function f(){{function inner(){}}return inner}"),
        // Function and class expressions lose names nothing uses.
        ("x = function unused(a) { return a; }; y = function used() { return used; }; z = class Unused {};",
            "x=function(a){return a};y=function a(){return a};z=class{};"),
        // A parameter default reads the outer `x`, not the body's `var x` (a scope of its own): `x` is kept.
        ("var x = 1; function f(a = x) { var x = 2; return [a, x]; } function g(y) { return y; }",
            "var x=1;function f(a=x){var x=2;return[a,x]}function g(a){return a}"),
        // Private names and members are not bindings.
        ("function f() { return class { #secret = 1; get() { return this.#secret; } }; }",
            "function f(){return class{#secret=1;get(){return this.#secret}}}"),
    ]

    @Test(arguments: IdentifierRenamerTests.scriptCases)
    func script(input: String, expected: String) throws {
        let actual = try MinifyTestSupport.rename(input)
        #expect(actual == expected, "got \(actual)")
    }

    @Test func wrappedTopLevelIsRenamed() throws {
        let actual = try MinifyTestSupport.rename("var helper = require('x'); function use(value) { return helper(value); } module.exports = use;", goal: .commonJS, topLevelIsLocal: true)
        #expect(actual == "var b=require(\"x\");function a(c){return b(c)}module.exports=a;", "got \(actual)")
    }

    @Test func wrapperParametersAreRenamedAndReported() throws {
        let source = "var helper = require('./x'); exports.value = helper(module.id); function require2() { return require; }"
        let program = try JavaScriptParser.parse(source: source, fileName: "w.js", goal: .commonJS)
        let options = MinifyOptions(shortenSyntax: false, topLevelIsLocal: true, wrapperParameters: ["module", "exports", "require"])
        let (minified, parameters) = JavaScriptMinifier.minifyWrapped(program, options: options)
        let printed = JavaScriptPrinter.print(minified, options: .minifiedWhitespace)
        #expect(parameters == ["c", "d", "a"], "got \(parameters)")
        #expect(printed == "var b=a(\"./x\");d.value=b(c.id);function e(){return a}", "got \(printed)")
        // Wrapped in a function with the reported parameter names, it still parses.
        _ = try JavaScriptParser.parse(
            source: "(function(" + parameters.joined(separator: ",") + "){" + printed + "})", fileName: "wrapped.js", goal: .script)
    }

    @Test func wrapperParametersStayWithEval() throws {
        let program = try JavaScriptParser.parse(source: "eval('module'); require('x');", fileName: "w.js", goal: .commonJS)
        let options = MinifyOptions(topLevelIsLocal: true, wrapperParameters: ["module", "exports", "require"])
        #expect(JavaScriptMinifier.minifyWrapped(program, options: options).wrapperParameters == ["module", "exports", "require"])
    }

    @Test func moduleKeepsExportsAndRenamesImports() throws {
        let actual = try MinifyTestSupport.rename(
            "import { handler } from 'x'; import def, * as ns from 'y'; const local = 1; export const kept = handler(local, def, ns); export { local as alias };",
            goal: .module)
        #expect(actual == "import{handler as a}from\"x\";import b,*as c from\"y\";const local=1;export const kept=a(local,b,c);export{local as alias};", "got \(actual)")
    }

    @Test func manyBindingsGetDistinctNames() throws {
        let names = (0..<80).map { "v\($0)" }
        let source = "function f() { var " + names.joined(separator: ", ") + "; return [" + names.joined(separator: ", ") + "]; }"
        let printed = try MinifyTestSupport.rename(source)
        let program = try JavaScriptParser.parse(source: printed, fileName: "m.js", goal: .script)
        let analysis = ScopeAnalysis.analyze(program)
        let declared = analysis.declarations.filter { $0.kind == .var }.map(\.name)
        #expect(Set(declared).count == 80)
        #expect(!declared.contains("do") && !declared.contains("if") && !declared.contains("in"))
    }
}
