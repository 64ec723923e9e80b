import Testing
@testable import DeploymentSettings

@Suite struct ParserTests {
    func parses(_ source: String) -> Bool {
        (try? PythonParser.parseModule(source)) != nil
    }

    @Test func acceptsTheWholeLanguage() {
        let samples = [
            "@decorator(arg)\n@other\ndef f(a, /, b=1, *args, c, d=2, **kwargs) -> int:\n    return a\n",
            "class A(B, metaclass=M):\n    x: int = 1\n    def m(self): ...\n",
            "async def f():\n    async with a as b, c:\n        await b\n    async for x in y:\n        yield x\n",
            "x = [y for y in range(3) if y if y > 0]\n",
            "d = {k: v for k, v in items}\ns = {a for a in b}\ng = (i for i in j)\n",
            "f = lambda *a, k=1, **kw: (a, k, kw)\n",
            "if (n := len(a)) > 10:\n    pass\n",
            "match command.split():\n    case [action]:\n        pass\n    case [action, obj] if obj:\n        pass\n    case {'x': 1, **rest}:\n        pass\n    case _:\n        pass\n",
            "match = re.match(p, s)\nmatch.group(1)\n",
            "try:\n    pass\nexcept* ValueError as e:\n    pass\n",
            "try:\n    import x\nexcept (ImportError, KeyError):\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
            "with (open(a) as f, open(b) as g):\n    pass\n",
            "a, *b = c\n[d, e] = f\nx[1:2, ::3] = y\n",
            "print(*args, sep='', **kw)\n",
            "global x; nonlocal y\ndel a, b[0]\nassert x, 'msg'\nraise E from e\n",
            "x = f'{a!r:>{width}} {b.c[0]} {{literal}}'\n",
            "for i, (a, b) in enumerate(pairs):\n    continue\nelse:\n    pass\n",
            "while True:\n    break\n",
            "x = yield\n",
            "x = not a is not b in c not in d\n",
            "x = a if b else c if d else e\n",
            "type = 'not a keyword in 3.11'\ncase = 1\n_ = 2\n",
            "x = {**a, 'b': 1}\ny = [*a, *b]\n",
            "if x: y = 1; z = 2\n",
        ]
        for sample in samples {
            #expect(parses(sample), "\(sample)")
        }
    }

    @Test func rejectsInvalidSyntaxWithAPosition() {
        let cases: [(String, PythonSyntaxError.Kind, SourcePoint)] = [
            ("x = = 1\n", .syntax, SourcePoint(line: 1, column: 5)),
            ("X = (1 +)\n", .syntax, SourcePoint(line: 1, column: 9)),
            ("if x\n    pass\n", .syntax, SourcePoint(line: 1, column: 5)),
            ("x = 1\n    y = 2\n", .indentation, SourcePoint(line: 2, column: 5)),
            ("for x in y:\npass\n", .indentation, SourcePoint(line: 2, column: 1)),
            ("f() = 1\n", .syntax, SourcePoint(line: 1, column: 1)),
            ("try:\n    pass\nx = 1\n", .syntax, SourcePoint(line: 3, column: 1)),
            ("def f:\n    pass\n", .syntax, SourcePoint(line: 1, column: 6)),
            ("def f(a b):\n    pass\n", .syntax, SourcePoint(line: 1, column: 9)),
            ("if x:\n\ty = 1\n        z = 2\n", .indentation, SourcePoint(line: 3, column: 9)),
        ]
        for (source, kind, point) in cases {
            do {
                _ = try PythonParser.parseModule(source)
                Issue.record("accepted \(source)")
            } catch {
                #expect(error.kind == kind, "\(source): \(error)")
                #expect(error.position == point, "\(source): \(error)")
            }
        }
    }

    @Test func parsesAssignmentsIntoTargets() throws {
        let statements = try PythonParser.parseModule("A = B = 1\nX['a']['b'] += 2\n")
        guard case .assign(let targets, _) = statements[0].kind else {
            Issue.record("not an assignment")
            return
        }
        #expect(targets.count == 2)
        guard case .augmentedAssign(_, let op, _) = statements[1].kind else {
            Issue.record("not an augmented assignment")
            return
        }
        #expect(op == "+")
    }

    @Test func aFiveThousandLineModuleParsesAndLoads() throws {
        var lines: [String] = ["import os", "from path import Path as path", "FEATURES = {}"]
        var index = 0
        while lines.count < 5_000 {
            index += 1
            lines.append("SETTING_\(index) = {'name': 'value \(index)', 'items': [1, 2, 3], 'path': os.path.join('/a', 'b')}")
            lines.append("FEATURES['F\(index)'] = SETTING_\(index)['name'] + f\"-{SETTING_\(index)['items'][0]}\" if True else None")
            lines.append("def helper_\(index)(x, *args, **kwargs):\n    return [y for y in x if y]")
            lines.append("if os.environ.get('FLAG_\(index)'):\n    OPTIONAL_\(index) = path('/srv') / 'x'\nelse:\n    OPTIONAL_\(index) = None")
        }
        let source = lines.joined(separator: "\n") + "\n"
        let settings = InMemorySettings.evaluate(source)
        #expect(settings?["SETTING_10"]?.value["path"] == .string("/a/b"))
        #expect(settings?["FEATURES"]?.value["F10"] == .string("value 10-1"))
        #expect(settings?["OPTIONAL_3"]?.value == PythonValue.none)
    }
}
