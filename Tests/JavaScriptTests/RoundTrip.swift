import Foundation
import Testing

@testable import JavaScript

/// Parse, print, parse again: the two trees must be equal and printing must be stable.
enum RoundTrip {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func check(_ source: [UInt8], fileName: String, goal: SourceGoal, options: JavaScriptPrinter.Options = .readable) throws
        -> String
    {
        let program = try JavaScriptParser.parse(source: source, fileName: fileName, goal: goal)
        let printed = JavaScriptPrinter.print(program, options: options)
        let reparsed: Program
        do {
            reparsed = try JavaScriptParser.parse(source: Array(printed.utf8), fileName: fileName + " (printed)", goal: goal)
        } catch {
            throw Failure(description: "printed output does not parse: \(error)\n--- printed ---\n\(printed)")
        }
        guard reparsed == program else {
            throw Failure(description: "\(fileName): AST changed after printing\n--- printed ---\n\(printed)\n--- difference ---\n\(firstDifference(program, reparsed))")
        }
        let printedAgain = JavaScriptPrinter.print(reparsed, options: options)
        guard printedAgain == printed else {
            throw Failure(description: "\(fileName): printing is not stable\n--- first ---\n\(printed)\n--- second ---\n\(printedAgain)")
        }
        return printed
    }

    static func check(_ source: String, goal: SourceGoal = .script, options: JavaScriptPrinter.Options = .readable) throws -> String {
        try check(Array(source.utf8), fileName: "<test>", goal: goal, options: options)
    }

    /// The first top-level statement whose trees differ, dumped both ways.
    static func firstDifference(_ first: Program, _ second: Program) -> String {
        for (left, right) in zip(first.body, second.body) where left != right {
            var leftDump = ""
            var rightDump = ""
            dump(left, to: &leftDump)
            dump(right, to: &rightDump)
            return "original:\n\(leftDump.prefix(4000))\nreparsed:\n\(rightDump.prefix(4000))"
        }
        return "statement counts \(first.body.count) vs \(second.body.count)"
    }
}
