import Testing

@testable import Bundler

@Suite struct ModuleSyntaxDetectionTests {
    @Test func findsDeclarationsAtStatementStartsOnly() {
        let may = [
            "import x from 'y';", "export default 1", "a();\nimport{b}from'c'", "x;export *from\"y\"", "}\texport\tconst a = 1",
            "{ import 'side-effect'", "  export\n{ a }", "import\r\n'x'",
        ]
        let mayNot = [
            "", "import", "export", "const important = 1;", "reimport x", "a.import('x')", "exports.a = 1;", "x = import('y')",
            "// export\nconst a", "imports x", "exporter {", "var e = 1, i = 2",
        ]
        for text in may { #expect(ModuleSyntaxDetection.mayContainModuleDeclarations(Array(text.utf8)), "\(text)") }
        for text in mayNot { #expect(!ModuleSyntaxDetection.mayContainModuleDeclarations(Array(text.utf8)), "\(text)") }
    }
}
