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
}
