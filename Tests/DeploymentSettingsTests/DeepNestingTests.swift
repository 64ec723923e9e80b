import Foundation
import TestSupport
import Testing

/// Inputs nested far beyond anything real end in a diagnostic (PA030), never in a signal; inputs at the
/// limit are evaluated. Each case is also compiled by real CPython, which must agree on which side of
/// its own limits the case is.
@Suite struct DeepNestingTests {
    struct Case: CustomStringConvertible {
        var name: String
        var source: String
        /// True when the file is beyond the limit (PA030 expected, CPython refuses it too).
        var tooDeep: Bool
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "50,000 nested parentheses", source: "X = " + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000), tooDeep: true),
        Case(name: "50,000 nested lists", source: "X = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000), tooDeep: true),
        Case(name: "50,000 unary minus", source: "X = " + String(repeating: "-", count: 50_000) + "1", tooDeep: true),
        Case(name: "50,000 not", source: "X = " + String(repeating: "not ", count: 50_000) + "1", tooDeep: true),
        Case(name: "100,000 attributes", source: "import os\nX = os" + String(repeating: ".a", count: 100_000), tooDeep: true),
        Case(name: "100,000 calls", source: "X = dict" + String(repeating: "()", count: 100_000), tooDeep: true),
        Case(name: "100,000 subscripts", source: "X = [0]" + String(repeating: "[0]", count: 100_000), tooDeep: true),
        Case(name: "10,000 + operands", source: "X = " + Array(repeating: "'a'", count: 10_000).joined(separator: " + "), tooDeep: true),
        Case(name: "5,000 conditional expressions", source: "X = " + String(repeating: "1 if Y else ", count: 5_000) + "2", tooDeep: true),
        Case(name: "5,000 powers", source: "X = " + String(repeating: "2 ** ", count: 5_000) + "1", tooDeep: true),
        Case(
            name: "5,000 nested if", source: "Y = 1\n" + (0..<5_000).map { String(repeating: " ", count: $0) + "if Y:\n" }.joined()
                + String(repeating: " ", count: 5_000) + "X = 1", tooDeep: true),
        Case(name: "200 nested lists", source: "X = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200), tooDeep: false),
        Case(name: "2,800 unary minus", source: "X = " + String(repeating: "-", count: 2_800) + "1", tooDeep: false),
        Case(name: "2,800 not", source: "X = " + String(repeating: "not ", count: 2_800) + "1", tooDeep: false),
        Case(name: "2,800 + operands", source: "X = " + Array(repeating: "'a'", count: 2_800).joined(separator: " + "), tooDeep: false),
        Case(name: "2,800 subscripts", source: "X = 'abc'" + String(repeating: "[0]", count: 2_800), tooDeep: false),
        // A method call is two levels (attribute, then call), for CPython as here.
        Case(name: "1,400 method calls", source: "X = 'A'" + String(repeating: ".lower()", count: 1_400), tooDeep: false),
        Case(name: "1,500 method calls", source: "X = 'A'" + String(repeating: ".lower()", count: 1_500), tooDeep: true),
        Case(name: "2,800 conditional expressions", source: "Y = 0\nX = " + String(repeating: "1 if Y else ", count: 2_800) + "2", tooDeep: false),
        Case(name: "2,800 powers", source: "X = " + String(repeating: "1 ** ", count: 2_800) + "1", tooDeep: false),
        Case(
            name: "99 nested if", source: "Y = 1\n" + (0..<99).map { String(repeating: " ", count: $0) + "if Y:\n" }.joined()
                + String(repeating: " ", count: 99) + "X = 1", tooDeep: false),
    ]

    static func python() throws -> String {
        guard let python = ProcessInfo.processInfo.environment["PA_TEST_PYTHON"], !python.isEmpty else {
            throw ParityError("PA_TEST_PYTHON is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        }
        return python
    }

    @Test(arguments: cases) func endsInADiagnosticNeverASignal(_ testCase: Case) throws {
        let folder = try TemporaryDirectory("deep")
        defer { folder.remove() }
        try folder.write("deep.py", testCase.source + "\n")
        let file = folder.path + "/deep.py"

        let compiled = try ExternalProcess.run(
            try Self.python(), ["-c", "import sys; compile(open(sys.argv[1]).read(), 'deep.py', 'exec')", file])
        #expect((compiled.status != 0) == testCase.tooDeep, "CPython: \(compiled.standardError.suffix(300))")

        let run = try CommandLineTool.settings(file)
        #expect((0...3).contains(run.status), "exit status \(run.status): \(run.standardError.suffix(300))")
        if testCase.tooDeep {
            // An input error, like a syntax error.
            #expect(run.status == 2)
            #expect(run.standardOutput.contains("\"PA030\""), "\(run.standardOutput.prefix(500))")
        } else {
            #expect(run.status == 0, "\(run.standardOutput.prefix(500))")
            #expect(!run.standardOutput.contains("\"PA030\""))
        }
    }
}
