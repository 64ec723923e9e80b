import Diagnostics
import FileSystemSupport
import Foundation
import TestSupport
import Testing
@testable import DeploymentSettings

/// Settings whose meaning depends on object identity, dynamic namespace writes, a BOM, paths and
/// escapes: real CPython runs each file, and the reader must give the same value, or an unknown value
/// where it does not follow the semantics; never a different known value.
@Suite struct SemanticsParityTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var source: String
        /// Names whose value must be exactly CPython's (all others: CPython's or unknown).
        var exact: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "bom", source: "\u{FEFF}X = 1\nY = 2\n", exact: ["X", "Y"]),
        Case(name: "alias_item", source: "A = {'x': 1}\nB = A\nB['y'] = 2\n", exact: ["B"]),
        Case(name: "alias_append", source: "A = [1]\nB = A\nB.append(2)\n", exact: ["B"]),
        Case(
            name: "setdefault_append", source: "D = {}\nD.setdefault('k', []).append(1)\nD.setdefault('k', []).append(2)\n",
            exact: ["D"]),
        Case(
            name: "shallow_copy", source: "A = {'n': {'x': 1}}\nB = dict(A)\nB['n']['y'] = 2\nC = list([A])\nC.append(0)\n",
            exact: ["B"]),
        Case(name: "container", source: "A = {'x': 1}\nL = [A]\nL[0]['y'] = 2\n", exact: ["L"]),
        Case(name: "sub_object", source: "A = {'n': {}}\nB = A['n']\nA['n']['z'] = 1\n", exact: ["A"]),
        Case(name: "in_place_add", source: "A = [1]\nB = A\nB += [2]\nS = 'a'\nT = S\nT += 'b'\n", exact: ["B", "S", "T"]),
        Case(name: "loop_variable", source: "L = [{'a': 1}, {'a': 2}]\nfor d in L:\n    d['b'] = 0\n", exact: []),
        Case(name: "chained_assignment", source: "A = B = []\nA.append(1)\n", exact: ["A"]),
        Case(
            name: "deep_copy", source: "import copy\nA = {'n': {}}\nB = copy.deepcopy(A)\nB['n']['x'] = 1\n",
            exact: ["A", "B"]),
        Case(name: "rebound_alias", source: "A = {'x': 1}\nB = A\nB = {}\nB['y'] = 2\n", exact: ["A", "B"]),
        Case(
            name: "namespace_items", source: "vars()['X'] = 1\nglobals()['Y'] = 'a'\nglobals().update({'Z': 2})\n",
            exact: ["X", "Y", "Z"]),
        Case(
            name: "sys_modules",
            source: "import sys\nsetattr(sys.modules[__name__], 'STATIC_ROOT', '/s')\nsys.modules[__name__].LMS_ROOT_URL = 'http://x'\n",
            exact: ["STATIC_ROOT", "LMS_ROOT_URL"]),
        Case(name: "exec", source: "X = 1\nexec(\"ENV_ROOT = '/x'\")\n", exact: ["X"]),
        Case(
            name: "paths",
            source: """
                from pathlib import Path
                import os
                X = str(Path('/a//b/'))
                Y = os.path.normpath('//a')
                Z = os.path.normpath('///a/./b/../c')
                W = str(Path('a', '/b//c', 'd/.'))
                V = str(Path('//x/y/'))

                """, exact: ["X", "Y", "Z", "W", "V"]),
        Case(name: "named_escapes", source: "X = '\\N{BULLET}'\nY = '\\N{latin small letter a}x'\nZ = '\\N{NO-BREAK SPACE}'\n", exact: ["X", "Y", "Z"]),
    ]

    static let script = """
        import importlib, pathlib, sys
        sys.path.insert(0, '.')
        m = importlib.import_module(sys.argv[1])
        def r(v):
            if isinstance(v, pathlib.PurePath): return 'Path(%r)' % str(v)
            if isinstance(v, dict): return '{' + ', '.join('%s: %s' % (r(k), r(x)) for k, x in v.items()) + '}'
            if isinstance(v, list): return '[' + ', '.join(r(x) for x in v) + ']'
            if isinstance(v, tuple): return '(' + ', '.join(r(x) for x in v) + (',' if len(v) == 1 else '') + ')'
            return repr(v)
        for k in sorted(vars(m)):
            if k.isupper(): print(k + ' = ' + r(vars(m)[k]))
        """

    @Test(arguments: cases) func agreesWithCPythonOrSaysUnknown(_ testCase: Case) throws {
        let folder = try TemporaryDirectory("semantics")
        defer { folder.remove() }
        let module = "case_\(testCase.name)"
        try folder.write(module + ".py", testCase.source)
        let output = try PythonParityTests.run(
            try PythonParityTests.python(), Self.script, arguments: [module], in: folder.path, environment: [:])
        let request = SettingsRequest(settings: module, pythonPath: ["."], workingDirectory: folder.path)
        let collector = DiagnosticCollector()
        let settings = try SettingsLoader().load(request, diagnostics: collector)
        var expected: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let separator = line.firstRange(of: " = ") else { continue }
            expected[String(line[..<separator.lowerBound])] = String(line[separator.upperBound...])
        }
        for name in testCase.exact {
            #expect(expected[name] != nil, "CPython did not set \(name)")
            #expect(settings[name]?.value.pythonRepr == expected[name], "\(name)")
        }
        for (name, pythonRepr) in expected {
            guard let value = settings[name]?.value else {
                Issue.record("\(name) is not set, CPython has \(pythonRepr)")
                continue
            }
            if case .unknown = value { continue }
            #expect(value.pythonRepr == pythonRepr, "\(name) is a different known value")
        }
    }

    /// `exec` may set anything: a setting it could set is unknown, not "not set" (no PA018).
    @Test func execMakesMissingSettingsUnknownNotUnset() throws {
        let settings = InMemorySettings.evaluate("exec(open('extra.py').read())\n")
        let envRoot = try #require(settings?["ENV_ROOT"])
        #expect(envRoot.value.isUnknown)
        var tree = InMemorySettings()
        tree.add("/srv/app/__init__.py", "")
        tree.add("/srv/app/settings.py", "import sys\nsetattr(sys.modules['other'], 'ENV_ROOT', '/x')\n")
        let result = tree.load("app.settings")
        #expect(result.settings?["ENV_ROOT"]?.value.isUnknown == true)
        #expect(!result.diagnostics.contains { $0.code == .envRootNotSet })
    }
}
