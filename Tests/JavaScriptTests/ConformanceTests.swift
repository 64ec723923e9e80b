import Foundation
import Testing

@testable import JavaScript

/// One case of the conformance corpus (see Tests/Fixtures/JavaScript/Conformance/README.md).
struct ConformanceCase: CustomStringConvertible, Sendable {
    enum Expectation: Sendable {
        case valid(printed: String?)
        case error(code: String, line: Int, column: Int)
    }

    var file: String
    var name: String
    var goal: SourceGoal
    var expectation: Expectation
    var source: [UInt8]

    var description: String { "\(file): \(name)" }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/JavaScript/Conformance").standardized

    static func loadAll() -> [ConformanceCase] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var cases: [ConformanceCase] = []
        for file in files.sorted() where file.hasSuffix(".txt") {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(file)) else { continue }
            cases.append(contentsOf: parse([UInt8](data), file: file))
        }
        return cases
    }

    /// Splits on LF only, so cases can contain CR, CRLF, U+2028 and U+2029 line breaks.
    static func parse(_ bytes: [UInt8], file: String) -> [ConformanceCase] {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        var cases: [ConformanceCase] = []
        var current: ConformanceCase?
        var body: [[UInt8]] = []
        var printed: [[UInt8]]?
        func finish() {
            guard var finished = current else { return }
            var sourceLines = body
            if let printed {
                var expected = String(decoding: Array(printed.joined(separator: [0x0A])), as: UTF8.self)
                if !expected.hasSuffix("\n") { expected += "\n" }
                finished.expectation = .valid(printed: expected)
            }
            if sourceLines.last == [] { sourceLines.removeLast() }
            finished.source = Array(sourceLines.joined(separator: [0x0A]))
            cases.append(finished)
        }
        for line in lines {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("//// printed") {
                printed = []
                continue
            }
            if text.hasPrefix("//// ") {
                finish()
                body = []
                printed = nil
                current = header(text, file: file)
                continue
            }
            if printed != nil { printed?.append(line) } else { body.append(line) }
        }
        finish()
        return cases
    }

    /// `//// valid script: name` or `//// error module PA109 3:7: name`.
    static func header(_ text: String, file: String) -> ConformanceCase? {
        let content = text.dropFirst(5)
        guard let colon = content.range(of: ": ") else { return nil }
        let words = content[..<colon.lowerBound].split(separator: " ").map(String.init)
        let name = String(content[colon.upperBound...])
        guard words.count >= 2 else { return nil }
        let goal: SourceGoal = words[1] == "module" ? .module : words[1] == "commonJS" ? .commonJS : .script
        if words[0] == "valid" {
            return ConformanceCase(file: file, name: name, goal: goal, expectation: .valid(printed: nil), source: [])
        }
        guard words[0] == "error", words.count == 4 else { return nil }
        let position = words[3].split(separator: ":").compactMap { Int($0) }
        guard position.count == 2 else { return nil }
        return ConformanceCase(
            file: file, name: name, goal: goal, expectation: .error(code: words[2], line: position[0], column: position[1]), source: [])
    }
}

@Suite struct ConformanceTests {
    static let cases = ConformanceCase.loadAll()

    @Test func corpusHasEnoughCases() {
        #expect(ConformanceTests.cases.count >= 300)
        let names = ConformanceTests.cases.map(\.description)
        #expect(Set(names).count == names.count, "case names must be unique")
    }

    @Test(arguments: ConformanceTests.cases)
    func conformance(_ testCase: ConformanceCase) throws {
        switch testCase.expectation {
        case .valid(let expectedPrinted):
            let printed = try RoundTrip.check(testCase.source, fileName: testCase.name, goal: testCase.goal)
            try RoundTrip.check(testCase.source, fileName: testCase.name, goal: testCase.goal, options: .minifiedWhitespace)
            if let expectedPrinted {
                #expect(printed == expectedPrinted)
            }
        case .error(let code, let line, let column):
            do {
                let program = try JavaScriptParser.parse(source: testCase.source, fileName: "case.js", goal: testCase.goal)
                Issue.record("expected \(code) at \(line):\(column), but it parsed:\n\(JavaScriptPrinter.print(program))")
            } catch {
                #expect("\(error.code.identifier) \(error.line):\(error.column)" == "\(code) \(line):\(column)", "\(error.message)")
            }
        }
    }
}
