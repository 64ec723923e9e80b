import Diagnostics
import FileSystemSupport
import Foundation
import TestSupport
import Testing
@testable import DeploymentSettings

/// Real CPython (PA_TEST_PYTHON, from scripts/install-test-tools, with the real PyYAML) runs the same
/// settings and must agree with the reader on every upper-case name; and the reader must parse every
/// module of CPython's own standard library that CPython compiles.
@Suite struct PythonParityTests {
    static let parityRoot = PathComponents.join(Fixtures.settingsRoot, "Parity")

    static func python() throws -> String {
        guard let python = ProcessInfo.processInfo.environment["PA_TEST_PYTHON"], !python.isEmpty else {
            throw ParityError("PA_TEST_PYTHON is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        }
        return python
    }

    static func run(
        _ python: String, _ script: String, arguments: [String] = [], in directory: String, environment: [String: String]
    ) throws -> String {
        let run = try ExternalProcess.run(
            python, ["-c", script] + arguments, environment: environment.merging(["PYTHONDONTWRITEBYTECODE": "1"]) { $1 },
            currentDirectory: directory)
        guard run.status == 0 else { throw ParityError("python exited with \(run.status): \(run.standardError)") }
        return run.standardOutput
    }

    static let reprScript = """
        import importlib, pathlib, sys
        sys.path.insert(0, '.')
        m = importlib.import_module('parity.settings')
        def r(v):
            if isinstance(v, pathlib.PurePath): return 'Path(%r)' % str(v)
            if isinstance(v, dict): return '{' + ', '.join('%s: %s' % (r(k), r(x)) for k, x in v.items()) + '}'
            if isinstance(v, list): return '[' + ', '.join(r(x) for x in v) + ']'
            if isinstance(v, tuple): return '(' + ', '.join(r(x) for x in v) + (',' if len(v) == 1 else '') + ')'
            return repr(v)
        for k in sorted(dir(m)):
            if k.isupper(): print(k + ' = ' + r(getattr(m, k)))
        """

    @Test func everyUpperCaseNameHasTheValueCPythonComputes() throws {
        let environment = ["LMS_CFG": "config.yml", "SERVICE_VARIANT": "lms", "PORT": "9000"]
        let output = try Self.run(try Self.python(), Self.reprScript, in: Self.parityRoot, environment: environment)
        let request = SettingsRequest(
            settings: "parity.settings", pythonPath: ["."], configYAML: "config.yml", environment: environment,
            workingDirectory: Self.parityRoot)
        let settings = try SettingsLoader().load(request, diagnostics: DiagnosticCollector())
        var compared = 0
        for line in output.split(separator: "\n") {
            guard let separator = line.firstRange(of: " = ") else { continue }
            let name = String(line[..<separator.lowerBound])
            let expected = String(line[separator.upperBound...])
            #expect(settings[name]?.value.pythonRepr == expected, "\(name)")
            compared += 1
        }
        #expect(compared > 50)
        #expect(Set(settings.values.keys) == Set(output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }))
    }

    /// For the syntax cases of the bad-input corpus, CPython reports the same line (and, except for
    /// indentation errors, where CPython points at the end of the line, the same column).
    @Test func syntaxErrorsPointWhereCPythonPoints() throws {
        let corpus = BadInputCorpusTests.corpus
        var files: [String] = []
        for name in BadInputCorpusTests.cases {
            for relative in ["app/settings.py", "réglages/production.py"] {
                let path = PathComponents.join(corpus, name, relative)
                if DiskFileSystem().fileExists(path) { files.append(path) }
            }
        }
        let script = """
            import sys
            for p in sys.argv[1:]:
                try:
                    text = open(p, encoding='utf-8').read()
                except UnicodeDecodeError:
                    continue
                try:
                    compile(text, p, 'exec')
                except SyntaxError as e:
                    print('%s|%s|%s|%s' % (p, e.lineno, e.offset, type(e).__name__))
            """
        let output = try Self.run(try Self.python(), script, arguments: files, in: "/", environment: [:])
        var compared = 0
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|").map(String.init)
            guard fields.count == 4 else { continue }
            let source = try DiskFileSystem().readUTF8File(fields[0])
            do {
                _ = try PythonParser.parseModule(source)
                Issue.record("\(fields[0]) parsed, CPython rejects it")
            } catch {
                #expect(error.position.line == Int(fields[1]), "\(fields[0])")
                if fields[3] == "SyntaxError" { #expect(error.position.column == Int(fields[2]), "\(fields[0])") }
            }
            compared += 1
        }
        #expect(compared >= 10)
    }

    @Test func parsesEveryStandardLibraryModuleCPythonCompiles() throws {
        let script = """
            import ast, pathlib, sysconfig
            for p in sorted(pathlib.Path(sysconfig.get_paths()['stdlib']).rglob('*.py')):
                if 'site-packages' in p.parts or p.stat().st_size > 100_000:
                    continue
                try:
                    ast.parse(p.read_bytes().decode('utf-8'))
                except Exception:
                    continue
                print(p)
            """
        let files = try Self.run(try Self.python(), script, in: "/", environment: [:]).split(separator: "\n")
        #expect(files.count > 500)
        var failures: [String] = []
        for file in files {
            let source = try DiskFileSystem().readUTF8File(String(file))
            do {
                _ = try PythonParser.parseModule(source)
            } catch {
                failures.append("\(file):\(error.position.line):\(error.position.column): \(error.message)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}

struct ParityError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
