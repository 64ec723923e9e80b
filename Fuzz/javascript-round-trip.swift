// libFuzzer target: the JavaScript lexer, parser, printer and minifier on arbitrary bytes.
// Built and run by `scripts/fuzz javascript SECONDS` (not part of the package, not part of CI).
//
// For every input that parses (as a script and as a module), the readable and the minified printing must
// parse again, the readable one to the same tree, and printing that tree again must give the same text.
// Anything else, or a crash, is a finding.
import JavaScript
import ThreadSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJavaScriptRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = Array(UnsafeBufferPointer(start: data, count: size))
    // Deep inputs recurse deeply, and sanitizer frames are large: the same thread the tool itself uses.
    LargeStackThread.run { checkRoundTrip(source) }
    return 0
}

func checkRoundTrip(_ source: [UInt8]) {
    for goal in [SourceGoal.script, .commonJS, .module] {
        guard let program = try? JavaScriptParser.parse(source: source, fileName: "input.js", goal: goal) else { continue }
        _ = ScopeAnalysis.analyze(program)
        let printed = JavaScriptPrinter.print(program, options: .readable)
        let reparsed: Program
        do {
            reparsed = try JavaScriptParser.parse(source: printed, fileName: "printed.js", goal: goal)
        } catch {
            fatalError("the printed program does not parse (\(goal)): \(error)\n--- printed:\n\(printed)")
        }
        guard reparsed == program else {
            fatalError("the printed program parses to a different tree (\(goal))\n--- printed:\n\(printed)")
        }
        let printedAgain = JavaScriptPrinter.print(reparsed, options: .readable)
        guard printedAgain == printed else {
            fatalError("printing is not stable (\(goal))\n--- first:\n\(printed)\n--- second:\n\(printedAgain)")
        }
        let minified = JavaScriptPrinter.print(program, options: .minified(topLevelIsLocal: goal == .commonJS))
        do {
            _ = try JavaScriptParser.parse(source: minified, fileName: "minified.js", goal: goal)
        } catch {
            fatalError("the minified program does not parse (\(goal)): \(error)\n--- minified:\n\(minified)")
        }
    }
}
