import Diagnostics
import Testing

@testable import JavaScript

@Suite struct ModuleReferencesTests {
    @Test func findsStaticImportsReExportsRequireAndDynamicImport() throws {
        let source = """
            import a from "./a.js";
            import "side-effect";
            export * from "./all.js";
            export { x as y } from './named.js';
            const b = require("b"), c = require(`c`);
            function lazy() { return import("./lazy.js"); }
            require(dynamicName); require("x", 2); other("y");
            """
        let program = try JavaScriptParser.parse(source: source, fileName: "m.js", goal: .module)
        let references = program.moduleReferences
        #expect(references.map(\.kind) == [.importDeclaration, .importDeclaration, .reExport, .reExport, .require, .require, .dynamicImport])
        #expect(references.map(\.specifier) == ["./a.js", "side-effect", "./all.js", "./named.js", "b", "c", "./lazy.js"])
        let bytes = Array(source.utf8)
        let first = JavaScriptSourcePosition(offset: references[0].offset, in: bytes)
        #expect(first == JavaScriptSourcePosition(line: 1, column: 15))
        let lazy = JavaScriptSourcePosition(offset: references[6].offset, in: bytes)
        #expect(lazy == JavaScriptSourcePosition(line: 6, column: 33))
    }

    @Test func findsRequireCallsNestedInCommonJS() throws {
        let source = """
            'use strict';
            var $ = require('../internals/export');
            module.exports = function () { return require('./x') + (cond ? require("./y") : 0); };
            """
        let program = try JavaScriptParser.parse(source: source, fileName: "c.js", goal: .script)
        #expect(program.moduleReferences.map(\.specifier) == ["../internals/export", "./x", "./y"])
        #expect(!program.hasModuleSyntax)
    }

    @Test func listsExportedNames() throws {
        let source = """
            export var a = 1, { b, c: [d] } = o;
            export function f() {}
            export class K {}
            export { a as "string name", f as g };
            export * as ns from "x";
            export * from "y";
            export default 42;
            """
        let program = try JavaScriptParser.parse(source: source, fileName: "e.js", goal: .module)
        #expect(program.exportedNames == ["a", "b", "d", "f", "K", "string name", "g", "ns", "default"])
        #expect(program.hasModuleSyntax)
    }

    @Test func syntaxErrorBecomesLocatedDiagnostic() {
        #expect {
            _ = try JavaScriptParser.parse(source: "var a = 1;\u{2028}var b = ;", fileName: "dir/w.js", goal: .script)
        } throws: { error in
            guard let syntaxError = error as? JavaScriptSyntaxError else { return false }
            let rendered = TextReportRenderer(color: false).render(syntaxError.diagnostic).joined(separator: "\n")
            return syntaxError.line == 2 && syntaxError.column == 9 && syntaxError.code == .javaScriptUnexpectedToken
                && rendered.contains("dir/w.js:2:9") && rendered.contains("PA100")
        }
    }

    @Test func catalogCodesAreUniqueAndInRange() {
        let identifiers = JavaScriptCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for identifier in identifiers {
            let number = Int(identifier.dropFirst(2)) ?? 0
            #expect((100...139).contains(number), "\(identifier) is outside PA100-PA139")
        }
    }

    @Test func printsSynthesizedTree() {
        let program = Program(
            goal: .script,
            body: [
                Statement(
                    .variable(
                        VariableDeclaration(
                            kind: .const,
                            declarators: [
                                VariableDeclarator(
                                    target: Pattern(.identifier("x")),
                                    initializer: ExpressionNode(
                                        .call(
                                            callee: ExpressionNode(.identifier("require")), arguments: [ExpressionNode(.string("./dep"))],
                                            optionalChain: .none)))
                            ])))
            ])
        #expect(JavaScriptPrinter.print(program) == "const x = require(\"./dep\");\n")
        #expect(JavaScriptPrinter.print(program, options: .minifiedWhitespace) == "const x=require(\"./dep\");")
    }
}
