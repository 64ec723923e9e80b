import DeploymentSettings
import FileSystemSupport
import Testing

/// The public reading of a module other stages use (ProctoringBackends reads `npm_module` with it),
/// through the public API only.
@Suite struct PythonModuleSyntaxTests {
    @Test func classesKeepTheirDottedBasesAndStringAttributes() throws {
        let syntax = try PythonModuleSyntax.parse("""
            import abc


            @decorator
            class Provider(rest.BaseRestProctoringProvider, Mixin, Generic[T], *more, metaclass=abc.ABCMeta):
                \"\"\"Docstring.\"\"\"
                verbose_name = 'Provider'  # a comment
                npm_module: str = ("@edx/"
                    'mock\\x70rock')
                first = second = r'\\d'

                def method(self):
                    local = 'not an attribute'
            class Provider(object): npm_module = 'later'
            """)
        #expect(syntax.classes.map(\.name) == ["Provider", "Provider"])
        let first = syntax.classes[0]
        #expect(first.bases == ["rest.BaseRestProctoringProvider", "Mixin"])
        #expect(first.line == 5 && first.column == 1)
        #expect(first.attributes.map(\.name) == ["verbose_name", "npm_module", "first", "second", "method"])
        #expect(first.attributes[1].value == .string("@edx/mockprock"))
        #expect(first.attributes[1].line == 8 && first.attributes[1].column == 5)
        #expect(first.attributes[2].value == .string("\\d") && first.attributes[3].value == .string("\\d"))
        #expect(first.attributes[4].value == .definition(kind: "def"))
        #expect(first.attributes.allSatisfy { !$0.isConditional })
        let last = try #require(syntax.lastClass(named: "Provider"))
        #expect(last.line == 14)
        #expect(last.attributes == [PythonClassAttribute(name: "npm_module", value: .string("later"), isConditional: false, line: 14, column: 25)])
    }

    @Test func otherExpressionsSayWhatTheyAreWithTheirSource() throws {
        let syntax = try PythonModuleSyntax.parse("""
            class C:
                a = settings.PROVIDER_NPM  # comment ' with a quote
                b = f'{x}'
                c = b'x'
                d = ('a' +
                     SUFFIX)
                e = '''multi
            line''' + x; f = 1
                g += 'x'
                h, i = 'a', 'b'
                if FLAG:
                    j = 'conditional'
                @property
                def k(self):
                    return 'k'
            """)
        let values = Dictionary(try #require(syntax.classes.first).attributes.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        #expect(values["a"]?.value == .notStringLiteral(source: "a = settings.PROVIDER_NPM", reason: "it is not a string literal"))
        #expect(values["b"]?.value == .notStringLiteral(source: "b = f'{x}'", reason: "it is an f-string"))
        #expect(values["c"]?.value == .notStringLiteral(source: "c = b'x'", reason: "it is a bytes literal, not a str"))
        #expect(values["d"]?.value == .notStringLiteral(source: "d = ('a' + SUFFIX)", reason: "it is not only string literals"))
        #expect(values["e"]?.value == .notStringLiteral(source: "e = '''multi\nline''' + x", reason: "it is not only string literals"))
        #expect(values["f"]?.value == .notStringLiteral(source: "f = 1", reason: "it is not a string literal"))
        #expect(values["g"]?.value == .otherBinding(source: "g += 'x'"))
        #expect(values["h"]?.value == .otherBinding(source: "h, i = 'a', 'b'"))
        #expect(values["j"]?.value == .string("conditional"))
        #expect(values["j"]?.isConditional == true)
        #expect(values["k"]?.value == .definition(kind: "def"))
        #expect(values["k"]?.line == 14)
    }

    @Test func windowsLineEndingsCutTheSameSource() throws {
        let syntax = try PythonModuleSyntax.parse("class C:\r\n    a = ('x' +\r\n        y)  # note\r\n    b = 'ok'\r\n")
        let attributes = try #require(syntax.classes.first).attributes
        #expect(attributes.first?.value == .notStringLiteral(source: "a = ('x' + y)", reason: "it is not only string literals"))
        #expect(attributes.last?.value == .string("ok"))
        #expect(attributes.last?.line == 4)
    }

    @Test func importsAreListedWithLevelsAndResolveToAbsoluteModules() throws {
        let syntax = try PythonModuleSyntax.parse("""
            import a.b, c.d as e
            from .base import Base as Renamed, Other
            from .. import sibling
            try:
                from pkg.rest import Provider
            except ImportError:
                Provider = None
            from x import *
            def f():
                import hidden
            """)
        #expect(syntax.imports.map(\.boundName) == ["a", "e", "Renamed", "Other", "sibling", "Provider"])
        #expect(syntax.imports.map(\.level) == [0, 0, 1, 1, 2, 0])
        #expect(syntax.imports.map(\.line) == [1, 1, 2, 2, 3, 5])
        let package = ["prov", "backends"]
        #expect(syntax.imports.map { $0.absoluteModule(package: package) } == ["a", "c.d", "prov.backends.base", "prov.backends.base", "prov", "pkg.rest"])
        #expect(syntax.imports[2].importedName == "Base" && syntax.imports[2].alias == "Renamed")
        #expect(syntax.imports[4].absoluteModule(package: []) == nil)
    }

    @Test func aModulePythonWouldNotCompileIsRefusedWithItsPosition() {
        #expect(throws: PythonModuleSyntax.SyntaxError.self) { try PythonModuleSyntax.parse("class C:\nnpm_module = 'x'\n") }
        do {
            _ = try PythonModuleSyntax.parse("x = 1\nclass C(object) pass\n")
            Issue.record("parsed")
        } catch {
            // Where CPython 3.11 points: line 2, offset 17.
            #expect(error.line == 2)
            #expect(error.column == 17)
        }
    }
}
