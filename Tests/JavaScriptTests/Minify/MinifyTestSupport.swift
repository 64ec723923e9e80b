import Foundation
import TestSupport
import Testing

@testable import JavaScript

enum MinifyTestSupport {
    /// Parses, minifies with `options` and prints without optional whitespace; the output must parse again.
    static func minify(_ source: String, goal: SourceGoal = .script, options: MinifyOptions = .all) throws -> String {
        let program = try JavaScriptParser.parse(source: source, fileName: "test.js", goal: goal)
        let printed = JavaScriptPrinter.print(JavaScriptMinifier.minify(program, options: options), options: .minifiedWhitespace)
        _ = try JavaScriptParser.parse(source: printed, fileName: "minified.js", goal: goal)
        return printed
    }

    static func shorten(_ source: String, goal: SourceGoal = .script) throws -> String {
        try minify(source, goal: goal, options: MinifyOptions(shortenSyntax: true, renameIdentifiers: false))
    }

    static func rename(_ source: String, goal: SourceGoal = .script, topLevelIsLocal: Bool = false) throws -> String {
        try minify(source, goal: goal, options: MinifyOptions(shortenSyntax: false, renameIdentifiers: true, topLevelIsLocal: topLevelIsLocal))
    }
}

extension MinifyTestSupport {
    /// Options with `topLevelIsLocal` for goals where a wrapper makes sense (everything but modules).
    static func wrappedIfAllowed(_ goal: SourceGoal) -> MinifyOptions {
        MinifyOptions(topLevelIsLocal: goal != .module)
    }

    static func runNode(_ node: String, script: String, arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let run = try ExternalProcess.run(node, ["-e", script] + arguments)
        return (run.status, run.standardOutput, run.standardError)
    }
}
