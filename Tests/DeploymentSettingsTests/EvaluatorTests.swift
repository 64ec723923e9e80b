import Diagnostics
import Testing
@testable import DeploymentSettings

@Suite struct EvaluatorTests {
    func value(_ name: String, in source: String, environment: [String: String] = [:]) -> PythonValue? {
        InMemorySettings.evaluate(source, environment: environment)?[name]?.value
    }

    @Test func literals() {
        #expect(value("X", in: "X = {'a': [1, 2.5, (True,), None], 'b': {'c'}}\n")?.pythonRepr == "{'a': [1, 2.5, (True,), None], 'b': ['c']}")
        #expect(value("X", in: "X = 'it' \"'s\"\n") == .string("it's"))
        #expect(value("X", in: "X = b'\\x00' b'a'\n") == .bytes([0, 0x61]))
        #expect(value("X", in: "X = -1.5\n") == .float("-1.5"))
    }

    @Test func chainedAndTupleAssignments() {
        let source = "A = B = [1]\nC, (D, E) = 1, (2, 3)\n*F, G = [1, 2]\n"
        #expect(value("B", in: source) == .list([.int("1")]))
        #expect(value("D", in: source) == .int("2"))
        #expect(value("E", in: source) == .int("3"))
        guard case .unknown? = value("F", in: source) else {
            Issue.record("starred unpacking should be unknown")
            return
        }
    }

    @Test func augmentedAssignments() {
        #expect(value("X", in: "X = 'a'\nX += 'b'\n") == .string("ab"))
        #expect(value("X", in: "X = [1]\nX += (2,)\n") == .list([.int("1"), .int("2")]))
        #expect(value("X", in: "X = {'a': 1}\nX |= {'b': 2}\n")?.pythonRepr == "{'a': 1, 'b': 2}")
        #expect(value("X", in: "X = {'a': {'b': [1]}}\nX['a']['b'] += [2]\n")?.pythonRepr == "{'a': {'b': [1, 2]}}")
    }

    @Test func formatting() {
        #expect(value("X", in: "A = 'x'\nX = '%s/%d' % (A, 3)\n") == .string("x/3"))
        #expect(value("X", in: "X = '%(a)s-%(b)r' % {'a': 1, 'b': 'q'}\n") == .string("1-'q'"))
        #expect(value("X", in: "X = '{}:{name}:{0!r}'.format('p', name='n')\n") == .string("p:n:'p'"))
        // A keyword argument that is None formats as "None" (it is a value, not a missing key).
        #expect(value("X", in: "X = '{x}-{0}'.format(None, x=None)\n") == .string("None-None"))
        #expect(value("X", in: "D = {'k': ['v']}\nclass O: pass\nX = f'{D[\"k\"][0]}-{1 + 1}-{D!r}'\n") == .string("v-2-{'k': ['v']}"))
        guard case .unknown? = value("X", in: "X = f'{3.14159:.2f}'\n") else {
            Issue.record("format specs are not modelled")
            return
        }
    }

    @Test func dictOperations() {
        let source = """
            X = {'a': 1}
            X['b'] = 2
            X.update({'c': 3})
            X.update(d=4)
            Y = X.get('a', 0) + X.get('z', 10)
            Z = X.setdefault('e', 5)
            W = dict(X, f=6)
            V = list(X)
            del X['a']

            """
        #expect(value("X", in: source)?.pythonRepr == "{'b': 2, 'c': 3, 'd': 4, 'e': 5}")
        #expect(value("Y", in: source) == .int("11"))
        #expect(value("Z", in: source) == .int("5"))
        #expect(value("W", in: source)?.pythonRepr == "{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}")
        #expect(value("V", in: source)?.pythonRepr == "['a', 'b', 'c', 'd', 'e']")
    }

    @Test func pathsAndOsPath() {
        let source = """
            import os
            from path import Path as path
            from pathlib import Path
            HERE = os.path.dirname(os.path.abspath(__file__))
            ROOT = path(__file__).abspath().dirname().dirname()
            NODE = ROOT / 'node_modules' / 'pkg'
            PARENT = Path(__file__).resolve().parent.parent
            JOINED = ROOT.joinpath('a', 'b')
            TEXT = str(NODE)
            BASE = os.path.basename(TEXT)
            NORM = os.path.normpath('/a/b/../c')
            PLUS = ROOT + '/x'

            """
        let settings = InMemorySettings.evaluate(source)
        #expect(settings?["HERE"]?.value == .string("/srv/app"))
        #expect(settings?["ROOT"]?.value == .path("/srv"))
        #expect(settings?["NODE"]?.value == .path("/srv/node_modules/pkg"))
        #expect(settings?["PARENT"]?.value == .path("/srv"))
        #expect(settings?["JOINED"]?.value == .path("/srv/a/b"))
        #expect(settings?["TEXT"]?.value == .string("/srv/node_modules/pkg"))
        #expect(settings?["BASE"]?.value == .string("pkg"))
        #expect(settings?["NORM"]?.value == .string("/a/c"))
        #expect(settings?["PLUS"]?.value == .path("/srv/x"))
    }

    @Test func environmentReads() {
        let source = """
            import os
            A = os.environ.get('SET', 'default')
            B = os.environ.get('UNSET', 'default')
            C = os.getenv('UNSET')
            D = os.environ['SET']
            E = 'SET' in os.environ

            """
        let settings = InMemorySettings.evaluate(source, environment: ["SET": "value"])
        #expect(settings?["A"]?.value == .string("value"))
        #expect(settings?["A"]?.provenance == Provenance(kind: .environment, location: .environment("SET")))
        #expect(settings?["B"]?.value == .string("default"))
        #expect(settings?["B"]?.provenance.kind == .settingsFile)
        #expect(settings?["C"]?.value == PythonValue.none)
        #expect(settings?["D"]?.value == .string("value"))
        #expect(settings?["E"]?.value == .bool(true))
    }

    @Test func staticConditionsPickOneBranch() {
        let source = """
            BASE = None
            if BASE:
                X = 'then'
            elif BASE is None:
                X = 'elif'
            else:
                X = 'else'

            """
        let settings = InMemorySettings.evaluate(source)
        #expect(settings?["X"]?.value == .string("elif"))
        #expect(settings?["X"]?.isConditional == false)
    }

    @Test func unknownConditionsRunEveryBranchAndMarkThem() {
        let source = """
            import sys
            if 'test' in sys.argv:
                X = 'test'
                Y = 1
            else:
                X = 'normal'
            Z = 'after'

            """
        let settings = InMemorySettings.evaluate(source)
        #expect(settings?["X"]?.value == .string("normal"))
        #expect(settings?["X"]?.isConditional == true)
        #expect(settings?["Y"]?.isConditional == true)
        #expect(settings?["Z"]?.isConditional == false)
        #expect(settings?["X"]?.provenance.location == .file("/srv/app/settings.py", line: 6, column: 5))
    }

    @Test func tryBlocks() {
        let source = """
            try:
                from .local import *
            except ImportError:
                LOCAL = False
            try:
                CLEAN = 1
            except Exception:
                CLEAN = 2
            try:
                from django.conf import settings as django_settings
                FROM_DJANGO = django_settings.X
            except ImportError:
                FROM_DJANGO = None

            """
        let settings = InMemorySettings.evaluate(source)
        #expect(settings?["LOCAL"]?.value == .bool(false))
        #expect(settings?["LOCAL"]?.isConditional == false)
        #expect(settings?["CLEAN"]?.value == .int("1"))
        #expect(settings?["FROM_DJANGO"]?.value == PythonValue.none)
        #expect(settings?["FROM_DJANGO"]?.isConditional == true)
    }

    @Test func constructsOutsideTheSubsetBindUnknownWithALine() {
        let source = """
            def FUNC():
                return 1
            class KLASS:
                pass
            COMPREHENSION = [x for x in range(3)]
            CALL = some_function(1)
            LAMBDA = lambda: 1
            while x:
                LOOPED = 1

            """
        let settings = InMemorySettings.evaluate(source)
        let expected: [(String, Int, String)] = [
            ("FUNC", 1, "function FUNC defined here"), ("KLASS", 3, "class KLASS defined here"),
            ("COMPREHENSION", 5, "list comprehension is not evaluated"), ("LAMBDA", 7, "lambda is not evaluated"),
            ("LOOPED", 8, "assigned in a while loop at line 8"),
        ]
        for (name, line, reason) in expected {
            guard case .unknown(let unknown)? = settings?[name]?.value else {
                Issue.record("\(name) is not unknown")
                continue
            }
            #expect(unknown.location.line == line, "\(name)")
            #expect(unknown.reason == reason, "\(name)")
        }
        guard case .unknown(let call)? = settings?["CALL"]?.value else {
            Issue.record("CALL is not unknown")
            return
        }
        #expect(call.reason.contains("some_function"))
    }

    @Test func loopsOverKnownItemsAreUnrolled() {
        let source = """
            APPS = []
            for name in ('a', 'b'):
                APPS.append('app.' + name)
            CONFIG = {'x': 1, 'y': 2, 'z': 3}
            for key in ['x', 'y']:
                if key in CONFIG:
                    del CONFIG[key]

            """
        #expect(value("APPS", in: source) == .list([.string("app.a"), .string("app.b")]))
        #expect(value("CONFIG", in: source)?.pythonRepr == "{'z': 3}")
    }

    @Test func djangoUsesOnlyUpperCaseNames() {
        let settings = InMemorySettings.evaluate("lower = 1\nMixed_Case = 2\nUPPER_1 = 3\n_PRIVATE_X = 4\n")
        #expect(settings?["lower"] == nil)
        #expect(settings?["Mixed_Case"] == nil)
        #expect(settings?["UPPER_1"] != nil)
        #expect(settings?["_PRIVATE_X"] != nil)
    }

    @Test func renderingAsReprAndJSON() {
        let value = PythonValue.dict([
            PythonDictEntry(key: .string("a'b"), value: .list([.path("/x"), .bytes([0x61, 0xFF]), .float("1e-05")])),
            PythonDictEntry(key: .int("1"), value: .unknown(UnknownValue(reason: "call", location: .file("/s.py", line: 3, column: 1)))),
        ])
        #expect(value.pythonRepr == #"{"a'b": [Path('/x'), b'a\xff', 1e-05], 1: <unknown: call>}"#)
        #expect(value.jsonValue == .object([
            .init("a'b", .array([.string("/x"), .string("a\u{FFFD}"), .number("1e-05")])),
            .init("1", .object([.init("unknown", .string("call")), .init("file", .string("/s.py")), .init("line", .number("3"))])),
        ]))
        #expect(PythonValue.string("tab\there\n").pythonRepr == #"'tab\there\n'"#)
        #expect(PythonValue.tuple([.none]).pythonRepr == "(None,)")
    }
}

@Suite struct SliceTests {
    @Test func slicesOfListsTuplesAndStrings() {
        let source = "L = [0, 1, 2, 3, 4]\nA = L[1:3]\nB = L[::-1]\nC = L[-2:]\nD = (1, 2, 3)[:1]\nE = 'abcdef'[1::2]\nF = L[:]\n"
        let settings = InMemorySettings.evaluate(source)
        #expect(settings?["A"]?.value.pythonRepr == "[1, 2]")
        #expect(settings?["B"]?.value.pythonRepr == "[4, 3, 2, 1, 0]")
        #expect(settings?["C"]?.value.pythonRepr == "[3, 4]")
        #expect(settings?["D"]?.value.pythonRepr == "(1,)")
        #expect(settings?["E"]?.value.pythonRepr == "'bdf'")
        #expect(settings?["F"]?.value.pythonRepr == "[0, 1, 2, 3, 4]")
    }
}
