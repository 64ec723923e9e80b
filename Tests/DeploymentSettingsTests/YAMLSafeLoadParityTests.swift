import Diagnostics
import FileSystemSupport
import Foundation
import TestSupport
import Testing
@testable import DeploymentSettings

/// The configuration YAML is read as edx-platform's production settings read it: `yaml.safe_load`.
/// Real PyYAML (in the test venv) loads each document; the layer must give the same values, or refuse
/// the document exactly when safe_load raises.
@Suite struct YAMLSafeLoadParityTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var yaml: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "merge key into PROCTORING_BACKENDS",
            yaml: "BASE: &base {ENGINE: x, OPTS: {a: 1}}\nPROCTORING_BACKENDS:\n  <<: *base\n  DEFAULT: mockprock\n  ENGINE: y\n"),
        Case(name: "merge of a list of mappings", yaml: "A: &a {X: 1}\nB: &b {X: 2, Y: 3}\nC: {<<: [*a, *b], Y: 4}\n"),
        Case(name: "nested merges", yaml: "A: &a {X: 1}\nB: &b {<<: *a, Y: 2}\nC:\n  <<: *b\n  Z: 3\n"),
        Case(name: "quoted << is a plain key", yaml: "A: {'<<': {X: 1}}\n"),
        Case(name: "binary", yaml: "A: !!binary aGVsbG8=\nB: !!binary |\n  aGVs\n  bG8h\n"),
        Case(name: "set omap pairs", yaml: "A: !!set {x, y}\nB: !!omap [X: 1, Y: 2]\nC: !!pairs [X: 1, X: 2]\n"),
        Case(name: "explicit scalar tags", yaml: "A: !!str 1\nB: !!float 1\nC: !!int '7'\nD: !!bool yes\nE: !!null ''\n"),
        Case(name: "aliases shared", yaml: "A: &a [1, 2]\nB: [*a, *a]\nC: &c {K: v}\nD: {X: *c}\n"),
        Case(name: "python name tag", yaml: "A: !!python/name:os.system\n"),
        Case(name: "python object tag", yaml: "A: !!python/object/apply:os.system ['true']\n"),
        Case(name: "python tuple tag", yaml: "A: !!python/tuple [1, 2]\n"),
        Case(name: "local tag", yaml: "A: !foo 1\n"),
        Case(name: "int tag on text", yaml: "A: !!int x\n"),
        Case(name: "merge of a scalar", yaml: "A: {<<: 1}\n"),
        Case(name: "billion laughs", yaml: Self.laughs),
        Case(name: "nested 600 deep", yaml: "A: " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "\n"),
        Case(name: "nested 400 deep", yaml: "A: " + String(repeating: "[", count: 400) + String(repeating: "]", count: 400) + "\n"),
        Case(name: "nested 100,000 deep", yaml: "A: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"),
    ]

    /// 9 levels of 9 aliases each: 387,420,489 strings once expanded, from 342 bytes.
    static let laughs: String = {
        var text = "A: &a [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += name.uppercased() + ": &\(name) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        return text
    }()

    static let script = """
        import sys, yaml
        def r(v):
            if isinstance(v, dict): return '{' + ', '.join('%s: %s' % (r(k), r(x)) for k, x in v.items()) + '}'
            if isinstance(v, (list, set)): return '[' + ', '.join(r(x) for x in (sorted(v) if isinstance(v, set) else v)) + ']'
            if isinstance(v, tuple): return '(' + ', '.join(r(x) for x in v) + (',' if len(v) == 1 else '') + ')'
            return repr(v)
        try:
            document = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
        except (yaml.YAMLError, ValueError, RecursionError) as error:
            print('REFUSED ' + type(error).__name__)
            sys.exit(0)
        sys.setrecursionlimit(100000)
        if 'I' in document:
            print('LAUGHS')
            sys.exit(0)
        for k, v in document.items():
            print(k + ' = ' + r(v))
        """

    @Test(arguments: cases) func readsWhatSafeLoadReads(_ testCase: Case) throws {
        let folder = try TemporaryDirectory("yaml")
        defer { folder.remove() }
        try folder.write("config.yml", testCase.yaml)
        let file = folder.path + "/config.yml"
        let output = try PythonParityTests.run(
            try PythonParityTests.python(), Self.script, arguments: [file], in: folder.path, environment: [:])

        let layer = ConfigurationYAMLLayer.load(path: file, fileSystem: DiskFileSystem())
        if output.hasPrefix("REFUSED") {
            guard case .failure(let error) = layer else {
                Issue.record("PyYAML refuses (\(output)), the layer accepts it")
                return
            }
            let codes = Set(error.diagnostics.map(\.code))
            #expect(!codes.isDisjoint(with: [.configYAMLUnsafeTag, .configYAMLNestedTooDeeply, .configYAMLInvalid]), "\(codes)")
            return
        }
        if testCase.name == "billion laughs" {
            // safe_load shares the aliased lists; the layer refuses to expand them.
            guard case .failure(let error) = layer else {
                Issue.record("the billion laughs were expanded")
                return
            }
            #expect(error.diagnostics.map(\.code) == [.configYAMLAliasExpansion])
            return
        }
        let document: PythonValue
        switch layer {
        case .success(let loaded): document = loaded.document
        case .failure(let error):
            Issue.record("safe_load reads it, the layer refuses: \(error.diagnostics.map { "\($0.code): \($0.message)" })")
            return
        }
        for line in output.split(separator: "\n") {
            guard let separator = line.firstRange(of: " = ") else { continue }
            let key = String(line[..<separator.lowerBound])
            var value = document[key]?.pythonRepr
            if case .list(let items)? = document[key], testCase.yaml.contains("!!set") && key == "A" {
                value = PythonValue.list(PythonCallsSort.sorted(items)).pythonRepr
            }
            #expect(value == String(line[separator.upperBound...]), "\(key)")
        }
    }

    /// Where the layer differs from safe_load on purpose: a duplicate key is refused (PyYAML keeps the
    /// last value silently), with a note saying so.
    @Test func duplicateKeysAreRefusedWithANote() throws {
        let folder = try TemporaryDirectory("yaml-duplicate")
        defer { folder.remove() }
        try folder.write("config.yml", "A: 1\nA: 2\n")
        let output = try PythonParityTests.run(
            try PythonParityTests.python(), Self.script, arguments: [folder.path + "/config.yml"], in: folder.path,
            environment: [:])
        #expect(output == "A = 2\n")
        guard case .failure(let error) = ConfigurationYAMLLayer.load(path: folder.path + "/config.yml", fileSystem: DiskFileSystem())
        else {
            Issue.record("duplicate keys accepted")
            return
        }
        #expect(error.diagnostics.first?.code == .configYAMLInvalid)
        #expect(error.diagnostics.first?.notes.contains { $0.contains("keeps the last") } == true)
    }
}

enum PythonCallsSort {
    static func sorted(_ items: [PythonValue]) -> [PythonValue] {
        ModuleEvaluator.sortedValues(items) ?? items
    }
}
