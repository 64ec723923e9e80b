import Diagnostics
import FileSystemSupport
import Testing

@testable import ProctoringBackends

@Suite("static read of npm_module")
struct NpmModuleScannerTests {
    func scan(_ files: [String: String], module: String, className: String) -> NpmModuleScanResult {
        var prefixed: [String: String] = [:]
        for (path, text) in files { prefixed["/sp/" + path] = text }
        return NpmModuleScanner(fileSystem: InMemoryFileSystem(files: prefixed), searchPath: ["/sp"])
            .scan(module: module, className: className)
    }

    @Test func classLevelLiteral() {
        let result = scan(["prov/backend.py": """
            from edx_proctoring.backends.rest import BaseRestProctoringProvider


            class Provider(BaseRestProctoringProvider):
                \"\"\"Docstring with npm_module = 'nope' inside.\"\"\"
                verbose_name = 'Provider'  # npm_module = 'comment'
                npm_module = 'prov-worker'

                def method(self):
                    npm_module = 'local'
                    return npm_module
            """], module: "prov.backend", className: "Provider")
        #expect(result.declaration == .declared("prov-worker"))
        #expect(result.location == .file("/sp/prov/backend.py", line: 7, column: 5))
        #expect(result.moduleFile == "/sp/prov/backend.py")
    }

    @Test func annotatedConcatenatedAndEscapedLiterals() {
        let result = scan(["p/__init__.py": """
            class A(object):
                npm_module: str = ("@edx/"
                    'mock\\x70rock')
            """], module: "p", className: "A")
        #expect(result.declaration == .declared("@edx/mockprock"))
    }

    @Test func inheritsFromABaseInTheSameFileAndFromARelativeImport() {
        let files = [
            "prov/__init__.py": "",
            "prov/base.py": "class Base:\n    npm_module = 'from-base'\n",
            "prov/backend.py": """
                from .base import Base as Renamed
                class Middle(Renamed):
                    pass
                class Leaf(Middle):
                    verbose_name = 'x'
                """,
        ]
        let result = scan(files, module: "prov.backend", className: "Leaf")
        #expect(result.declaration == .declared("from-base"))
        #expect(result.location == .file("/sp/prov/base.py", line: 2, column: 5))
    }

    @Test func inheritsThroughAnAbsoluteImportOfTheSamePackage() {
        let files = [
            "prov/shared/__init__.py": "from prov.shared.real import Base\n",
            "prov/shared/real.py": "class Base:\n    npm_module = 'deep'\n",
            "prov/backend.py": "import prov.shared as shared\nclass Leaf(shared.Base):\n    pass\n",
        ]
        #expect(scan(files, module: "prov.backend", className: "Leaf").declaration == .declared("deep"))
    }

    @Test func baseFromAnotherPackageDefinesNothing() {
        let result = scan(["prov/backend.py": """
            from edx_proctoring.backends.backend import ProctoringBackendProvider
            class Leaf(ProctoringBackendProvider, metaclass=Meta):
                pass
            """], module: "prov.backend", className: "Leaf")
        #expect(result.declaration == .notDeclared)
        #expect(result.location == .file("/sp/prov/backend.py", line: 2, column: 1))
    }

    @Test func dynamicValuesAreUnknown() {
        let cases: [(String, String)] = [
            ("    npm_module = settings.PROVIDER_NPM\n", "it is not a string literal"),
            ("    npm_module = f'{x}'\n", "it is an f-string"),
            ("    npm_module = b'x'\n", "bytes literal"),
            ("    if X:\n        npm_module = 'a'\n", "inside a block"),
            ("    @property\n    def npm_module(self):\n        return 'a'\n", "method or property"),
            ("    npm_module = 'a' + SUFFIX\n", "not only string literals"),
        ]
        for (body, reason) in cases {
            let result = scan(["p.py": "class C:\n" + body], module: "p", className: "C")
            guard case .unknown(let text) = result.declaration else {
                Issue.record("expected unknown for \(body), got \(result.declaration)")
                continue
            }
            #expect(text.contains(reason), "\(text)")
        }
    }

    @Test func missingClassAndMissingModule() {
        let missingClass = scan(["p.py": "class Other:\n    npm_module = 'x'\n"], module: "p", className: "C")
        #expect(missingClass.declaration == .unknown(reason: "class 'C' is not defined in /sp/p.py"))
        let missingModule = scan([:], module: "nowhere.mod", className: "C")
        #expect(missingModule.declaration == .unknown(reason: "module 'nowhere.mod' was not found under /sp"))
        #expect(missingModule.moduleFile == nil)
    }

    @Test func laterAssignmentWinsAndOneLineClass() {
        #expect(scan(["p.py": "class C:\n    npm_module = 'a'\n    npm_module = 'b'\n"], module: "p", className: "C").declaration == .declared("b"))
        #expect(scan(["p.py": "class C(object): npm_module = 'one'\n"], module: "p", className: "C").declaration == .declared("one"))
    }

    @Test func tabsBackslashesAndTripleQuotedStringsDoNotConfuseTheBody() {
        let source = "class C:\n\tx = '''\nclass C:\n    npm_module = 'fake'\n'''\n\ty = 1 + \\\n  2\n\tnpm_module = \"real\"\nclass D:\n    npm_module = 'd'\n"
        #expect(scan(["p.py": source], module: "p", className: "C").declaration == .declared("real"))
    }
}

@Suite("static read of npm_module: missing sources")
struct NpmModuleScannerMissingSourceTests {
    @Test func aMissingBaseOfTheSamePackageIsReportedAsMissingSource() {
        let fs = InMemoryFileSystem(files: ["/sp/prov/backend.py": "from prov.base import Base\nclass Leaf(Base):\n    pass\n"])
        let result = NpmModuleScanner(fileSystem: fs, searchPath: ["/sp"]).scan(module: "prov.backend", className: "Leaf")
        #expect(result.declaration == .unknown(reason: "base class 'Base' comes from module 'prov.base', which was not found"))
        #expect(result.isSourceMissing)
        let dynamic = NpmModuleScanner(fileSystem: InMemoryFileSystem(files: ["/sp/p.py": "class C:\n    npm_module = X\n"]), searchPath: ["/sp"])
            .scan(module: "p", className: "C")
        #expect(!dynamic.isSourceMissing)
    }

    @Test func reExportFromAPackageInit() {
        let fs = InMemoryFileSystem(files: [
            "/sp/prov/__init__.py": "from .impl import Provider\n",
            "/sp/prov/impl.py": "class Provider:\n    npm_module = 'reexported'\n",
        ])
        #expect(NpmModuleScanner(fileSystem: fs, searchPath: ["/sp"]).scan(module: "prov", className: "Provider").declaration == .declared("reexported"))
    }
}
