import Foundation
import TestSupport
import Testing

/// Inputs built to exhaust time or memory end, through the real command-line tool, either evaluated
/// (the evaluation is linear) or with the bound's diagnostic. No wall time is asserted: a hang is caught
/// by the generous timeout of the test run itself.
@Suite struct ResourceBoundsTests {
    static func run(_ name: String, _ source: String, extra: [String] = [], files: [String: String] = [:]) throws
        -> ExternalProcess.Outcome
    {
        let folder = try TemporaryDirectory("bounds")
        defer { folder.remove() }
        try folder.write(name, source)
        for (file, text) in files { try folder.write(file, text) }
        return try CommandLineTool.settings(folder.path + "/" + name, extra: extra.map { $0.replacingOccurrences(of: "@", with: folder.path + "/") })
    }

    @Test func doublingAStringSixtyTimesIsBounded() throws {
        let run = try Self.run("double.py", "X = 'ab'\n" + String(repeating: "X += X\n", count: 60))
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"PA031\""))
    }

    @Test func doublingAListSixtyTimesIsBounded() throws {
        let run = try Self.run("double.py", "X = [1]\n" + String(repeating: "X += X\n", count: 60))
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"PA031\""))
    }

    @Test func joiningBeyondTheBoundIsBounded() throws {
        let run = try Self.run("join.py", "X = 'ab' * 1000\n" + String(repeating: "X = X.join([X, X])\n", count: 10))
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"PA031\""))
    }

    @Test func twentyThousandItemAssignmentsAreEvaluated() throws {
        let statements = (0..<20_000).map { "D['k\($0)'] = \($0)\n" }.joined()
        let run = try Self.run("items.py", "D = {}\n" + statements + "ENV_ROOT = str(len(D))\n")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"20000\""), "\(run.standardOutput.prefix(400))")
    }

    @Test func aTwentyThousandEntryDictLiteralIsEvaluated() throws {
        let entries = (0..<20_000).map { "    'k\($0)': \($0),\n" }.joined()
        let run = try Self.run("literal.py", "D = {\n" + entries + "    'k0': -1,\n}\nENV_ROOT = str(D['k0']) + str(len(D))\n")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"-120000\""), "\(run.standardOutput.prefix(400))")
    }

    @Test func aSettingsFileOverSixteenMebibytesIsRefused() throws {
        let line = "SETTING = {'a': [1, 2, 3], 'b': 'some string value here', 'c': (4, 5)}\n"
        let run = try Self.run("huge.py", String(repeating: line, count: (17 << 20) / line.utf8.count))
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("\"PA035\""))
    }

    @Test func nestedLoopsStopAtTheStatementBound() throws {
        let source = "L = list(range(10))\nX = [0] * 3000\nN = 0\nfor a in X:\n    for b in X:\n        N = 1\n"
        let run = try Self.run("loops.py", source.replacingOccurrences(of: "list(range(10))", with: "[1]"))
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("\"PA035\""))
    }

    @Test func nestingAValueInItselfAHundredThousandTimesIsBounded() throws {
        let run = try Self.run("nest.py", "A = []\n" + String(repeating: "A = [A]\n", count: 100_000) + "ENV_ROOT = str(len(A))\n")
        #expect(run.status == 0, "exit status \(run.status)")
        #expect(run.standardOutput.contains("\"PA031\""))
    }

    @Test func appendingAValueToItselfIsBounded() throws {
        let run = try Self.run("append.py", "D = {'k': []}\n" + String(repeating: "D = {'k': D}\nD['k'].append(D)\n", count: 2_000) + "WEBPACK_LOADER = D\n")
        #expect(run.status == 0, "exit status \(run.status)")
        #expect(run.standardOutput.contains("\"PA031\""))
    }

    @Test func doublingANestedValueSixtyTimesIsBounded() throws {
        let run = try Self.run("double.py", "A = []\n" + String(repeating: "A = [A, A]\n", count: 60) + "ENV_ROOT = str(A)\n")
        #expect(run.status == 0, "exit status \(run.status)")
        #expect(run.standardOutput.contains("\"PA031\""))
    }

    @Test func yamlBillionLaughsAsAMappingKeyAreRefused() throws {
        let run = try Self.run(
            "settings.py", "", extra: ["--config-yaml", "@config.yml"],
            files: ["config.yml": YAMLSafeLoadParityTests.laughs + "? *i\n: 1\n"])
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("\"PA034\""))
    }

    @Test func yamlBillionLaughsAreRefused() throws {
        let run = try Self.run(
            "settings.py", "", extra: ["--config-yaml", "@config.yml"], files: ["config.yml": YAMLSafeLoadParityTests.laughs])
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("\"PA033\""))
    }
}
