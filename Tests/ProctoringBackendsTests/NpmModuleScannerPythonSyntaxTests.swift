import Diagnostics
import FileSystemSupport
import Testing

@testable import ProctoringBackends

/// What the scanner makes of sources read with DeploymentSettings' Python parser beyond the line-based cases.
@Suite("static read of npm_module: Python syntax")
struct NpmModuleScannerPythonSyntaxTests {
    func scan(_ files: [String: String], module: String, className: String) -> NpmModuleScanResult {
        var prefixed: [String: String] = [:]
        for (path, text) in files { prefixed["/sp/" + path] = text }
        return NpmModuleScanner(fileSystem: InMemoryFileSystem(files: prefixed), searchPath: ["/sp"])
            .scan(module: module, className: className)
    }

    @Test func aModulePythonCannotCompileMakesItUnknownAtTheError() {
        let result = scan(["p.py": "class C:\n    npm_module = 'x'\n    if True\n        pass\n"], module: "p", className: "C")
        guard case .unknown(let reason) = result.declaration else {
            Issue.record("expected unknown, got \(result.declaration)")
            return
        }
        #expect(reason.hasPrefix("/sp/p.py is not valid Python: "))
        #expect(result.location == .file("/sp/p.py", line: 3, column: 12))
        #expect(!result.isSourceMissing)
    }

    @Test func theUnknownReasonQuotesTheStatementOnOneLine() {
        let result = scan(["p.py": "class C:\n    npm_module = (PREFIX +  # the scope\n        'worker')\n"], module: "p", className: "C")
        #expect(result.declaration == .unknown(reason: "'npm_module = (PREFIX + 'worker')' in class 'C': it is not a string literal"))
        #expect(result.location == .file("/sp/p.py", line: 2, column: 5))
    }

    @Test func chainedAssignmentsAndNestedClassesAndImportsInFunctions() {
        #expect(scan(["p.py": "class C:\n    other = npm_module = 'chained'\n"], module: "p", className: "C").declaration == .declared("chained"))
        let nested = scan(["p.py": "class C:\n    class npm_module:\n        pass\n"], module: "p", className: "C")
        #expect(nested.declaration == .unknown(reason: "'npm_module' is a nested class of class 'C'"))
        // An import inside a function binds nothing at module level: the base is not followed there.
        let files = [
            "prov/__init__.py": "",
            "prov/base.py": "class Base:\n    npm_module = 'from-base'\n",
            "prov/backend.py": "def f():\n    from prov.base import Base\nclass Leaf(Base):\n    pass\n",
        ]
        #expect(scan(files, module: "prov.backend", className: "Leaf").declaration == .notDeclared)
    }
}
