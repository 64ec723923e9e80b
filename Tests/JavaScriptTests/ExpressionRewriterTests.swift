import Testing

@testable import JavaScript

@Suite struct ExpressionRewriterTests {
    @Test func rewritesRequireSpecifiersAndDefines() throws {
        let source = """
            var a = require("./a"), b = function () { return require('./b'); };
            if (process.env.NODE_ENV !== "production") { log(`${require("./c")}`); }
            """
        let program = try JavaScriptParser.parse(source: source, fileName: "r.js", goal: .commonJS)
        let rewriter = ExpressionRewriter { expression in
            if case .call(let callee, let arguments, .none) = expression.kind, case .identifier("require") = callee.kind,
                arguments.count == 1, case .string(let specifier) = arguments[0].kind
            {
                let id = ["./a": "0", "./b": "1", "./c": "2"][specifier.string] ?? "-1"
                return ExpressionNode(.call(callee: ExpressionNode(.identifier("__require")), arguments: [ExpressionNode(.number(raw: id))], optionalChain: .none))
            }
            if case .member(let object, "NODE_ENV", .none) = expression.kind, case .member(let process, "env", .none) = object.kind,
                case .identifier("process") = process.kind
            {
                return ExpressionNode(.string("production"))
            }
            return expression
        }
        let printed = JavaScriptPrinter.print(rewriter.rewrite(program))
        #expect(
            printed == """
                var a = __require(0), b = function() {
                  return __require(1);
                };
                if ("production" !== "production") {
                  log(`${__require(2)}`);
                }

                """)
    }

    /// The sharing form gives the same result as the rebuilding one, in every kind of statement and expression
    /// the fixture has, and keeps a program nothing changes in equal to its input.
    @Test func sharingUnchangedMatchesTheRebuildingForm() throws {
        let source = """
            "use strict";
            const { a = require("./a"), ...rest } = f(require("./b"));
            for (let i = require("./c"); i < 3; i++) { try { g(i) } catch ({ e = require("./d") }) { h(e) } finally { k() } }
            class C extends require("./e") { m(x = require("./f")) { return `t${require("./g")}` } static s = [, require("./h")]; }
            switch (x) { case require("./i"): y = () => require("./j"); break; default: z ? w : require("./k"); }
            label: while (q) { do { new (require("./l"))(...[require("./m")]); } while (0) }
            for (const key in require("./n")) ; for (const item of o) p?.[require("./o")];
            """
        let program = try JavaScriptParser.parse(source: source, fileName: "s.js", goal: .script)
        func replaced(_ expression: ExpressionNode) -> ExpressionNode? {
            guard case .call(let callee, let arguments, .none) = expression.kind, case .identifier("require") = callee.kind,
                arguments.count == 1, case .string(let specifier) = arguments[0].kind
            else { return nil }
            return ExpressionNode(.call(callee: ExpressionNode(.identifier("__r")), arguments: [ExpressionNode(.string(specifier))], optionalChain: .none))
        }
        let rebuilding = ExpressionRewriter { replaced($0) ?? $0 }.rewrite(program)
        let sharing = ExpressionRewriter.sharingUnchanged(replaced).rewrite(program)
        #expect(sharing == rebuilding)
        #expect(sharing != program)
        #expect(!JavaScriptPrinter.print(sharing).contains("require("))
        #expect(JavaScriptPrinter.print(sharing).components(separatedBy: "__r(").count == 16)

        let untouched = try JavaScriptParser.parse(source: "var a = b(c, [d, { e }]); if (f) g(); else h`x${i}`;", fileName: "u.js", goal: .script)
        #expect(ExpressionRewriter.sharingUnchanged(replaced).rewrite(untouched) == untouched)
    }
}
