import Foundation
import Testing

/// Deeply nested JavaScript through the real binary: `bundle --output-dir`, `verify`, and the define check of
/// JS_ENV_EXTRA_CONFIG. Every case ends with an exit status and, when refused, a PA137 diagnostic; never a signal.
@Suite(.serialized) struct DeepNestingCommandTests {
    /// `JavaScriptParser.nestingLimit`.
    static let parserLimit = 20_000

    /// One way of nesting code, with the deepest level node 20 accepts (`node --check`, measured on x86-64 Linux
    /// with node's default stack; these are the figures in the README).
    struct Shape: CustomTestStringConvertible, Sendable {
        var name: String
        var nodeAccepts: Int
        var code: @Sendable (Int) -> String
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "a + chain", nodeAccepts: 10_000) { n in "x = \"a\"" + String(repeating: "+\"a\"", count: n - 1) },
        Shape(name: "else if chain", nodeAccepts: 3_681) { n in "if(a){}" + String(repeating: "else if(a){}", count: n - 1) },
        Shape(name: "parentheses", nodeAccepts: 1_642) { n in "x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) },
        Shape(name: "arrays", nodeAccepts: 2_014) { n in "x = " + String(repeating: "[", count: n) + String(repeating: "]", count: n) },
        Shape(name: "objects", nodeAccepts: 1_386) { n in "x = " + String(repeating: "{a:", count: n) + "1" + String(repeating: "}", count: n) },
        Shape(name: "functions", nodeAccepts: 1_642) { n in String(repeating: "function f(){", count: n) + String(repeating: "}", count: n) },
        Shape(name: "blocks", nodeAccepts: 2_846) { n in String(repeating: "{", count: n) + String(repeating: "}", count: n) },
        Shape(name: "templates", nodeAccepts: 1_835) { n in "x = " + String(repeating: "`${", count: n) + "1" + String(repeating: "}`", count: n) },
        Shape(name: "arrow bodies", nodeAccepts: 1_075) { n in "x = " + String(repeating: "()=>", count: n) + "1" },
        Shape(name: "arrow blocks", nodeAccepts: 810) { n in "x = " + String(repeating: "()=>{return ", count: n) + "1" + String(repeating: "}", count: n) },
        Shape(name: "unary chain", nodeAccepts: 12_481) { n in "x = " + String(repeating: "!", count: n) + "1" },
        Shape(name: "typeof chain", nodeAccepts: 8_942) { n in "x = " + String(repeating: "typeof ", count: n) + "1" },
        Shape(name: "member chain", nodeAccepts: 6_955) { n in "x = a" + String(repeating: ".a", count: n) },
        Shape(name: "call chain", nodeAccepts: 4_815) { n in "x = a" + String(repeating: "()", count: n) },
        Shape(name: "index chain", nodeAccepts: 6_955) { n in "x = a" + String(repeating: "[0]", count: n) },
        Shape(name: "assignment chain", nodeAccepts: 5_200) { n in String(repeating: "a=", count: n) + "1" },
        Shape(name: "conditional chain", nodeAccepts: 2_600) { n in "x = " + String(repeating: "a?1:", count: n) + "1" },
        Shape(name: "exponent chain", nodeAccepts: 6_934) { n in "x = 2" + String(repeating: "**2", count: n) },
        Shape(name: "nested calls", nodeAccepts: 1_386) { n in "x = " + String(repeating: "f(", count: n) + "1" + String(repeating: ")", count: n) },
        Shape(name: "new chain", nodeAccepts: 5_690) { n in "x = " + String(repeating: "new ", count: n) + "a" },
        Shape(name: "nested if", nodeAccepts: 3_681) { n in String(repeating: "if(a)", count: n) + ";" },
        Shape(name: "nested while", nodeAccepts: 2_158) { n in String(repeating: "while(a)", count: n) + ";" },
        Shape(name: "labels", nodeAccepts: 5_201) { n in (0..<n).map { "l\($0):" }.joined() + ";" },
        Shape(name: "classes", nodeAccepts: 663) { n in "x = " + String(repeating: "class{m(){return ", count: n) + "1" + String(repeating: "}}", count: n) },
        Shape(name: "array patterns", nodeAccepts: 2_013) { n in "var " + String(repeating: "[", count: n) + "a" + String(repeating: "]", count: n) + " = 1" },
        Shape(name: "object patterns", nodeAccepts: 1_387) { n in "var " + String(repeating: "{a:", count: n) + "a" + String(repeating: "}", count: n) + " = 1" },
    ]

    /// A folder with workers.json naming one worker whose source is `code`, and babel-polyfill beside it.
    static func workerProject(_ code: String) throws -> (root: String, workersJSON: String) {
        let root = try CommandLineRunner.temporaryFolder("deep")
        let package = root + "/node_modules/deep"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/node_modules/babel-polyfill", withIntermediateDirectories: true)
        try "".write(toFile: root + "/node_modules/babel-polyfill/index.js", atomically: true, encoding: .utf8)
        try ("module.exports = 1;\n" + code + ";\n").write(toFile: package + "/index.js", atomically: true, encoding: .utf8)
        let workersJSON = root + "/workers.json"
        try #"{"deep": ["babel-polyfill", "\#(package)/index.js"]}"#.write(toFile: workersJSON, atomically: true, encoding: .utf8)
        return (root, workersJSON)
    }

    static func bundle(_ code: String, environment: [String: String] = ["JS_ENV_EXTRA_CONFIG": "{}"]) throws
        -> CommandLineRunner.Outcome
    {
        let project = try workerProject(code)
        defer { try? FileManager.default.removeItem(atPath: project.root) }
        return try CommandLineRunner.run(
            ["bundle", "--workers-json", project.workersJSON, "--output-dir", project.root + "/out", "--stats-format", "1"],
            environment: environment)
    }

    /// 0 ok, 1 findings, 2 input error; 3 (internal error) and anything above (a signal) are failures.
    static func endedWithDiagnostic(_ outcome: CommandLineRunner.Outcome) -> Bool {
        (0...2).contains(outcome.status)
    }

    @Test(arguments: shapes) func whatNodeAcceptsIsBundled(_ shape: Shape) throws {
        let outcome = try Self.bundle(shape.code(shape.nodeAccepts))
        #expect(outcome.status == 0, "\(shape.name) at \(shape.nodeAccepts) levels: \(outcome.output.suffix(2_000))")
    }

    @Test(arguments: shapes) func deeperThanTheLimitIsADiagnostic(_ shape: Shape) throws {
        let outcome = try Self.bundle(shape.code(Self.parserLimit + 10))
        #expect(Self.endedWithDiagnostic(outcome), "\(shape.name): exit \(outcome.status)")
        #expect(outcome.output.contains("PA137"), "\(shape.name): \(outcome.output.suffix(2_000))")
        #expect(outcome.output.contains("nested more than 20000 levels"))
    }

    /// Parentheses add no node, so a chain inside parentheses inside a chain is as deep as all the chains together:
    /// the limit counts the tree's real height, not the parser's recursion.
    @Test func chainsInsideParenthesesCountTheirWholeHeight() throws {
        let levels = 150
        let code = "x = " + String(repeating: "(", count: levels) + "a"
            + String(repeating: String(repeating: "+a", count: levels) + ")", count: levels)
        let outcome = try Self.bundle(code)
        #expect(Self.endedWithDiagnostic(outcome))
        #expect(outcome.output.contains("PA137"), "\(outcome.output.suffix(2_000))")
    }

    @Test func aDeepDefineValueIsADiagnostic() throws {
        for levels in [5_000, Self.parserLimit + 10] {
            let value = String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels)
            let outcome = try Self.bundle(
                "x = process.env.JS_ENV_EXTRA_CONFIG.DEEP", environment: ["JS_ENV_EXTRA_CONFIG": #"{"DEEP": "\#(value)"}"#])
            #expect(Self.endedWithDiagnostic(outcome), "\(levels) levels: exit \(outcome.status)")
            if levels > Self.parserLimit {
                #expect(outcome.status != 0)
                #expect(outcome.output.contains("nested more than 20000 levels"), "\(outcome.output.suffix(2_000))")
            } else {
                #expect(outcome.status == 0, "\(outcome.output.suffix(2_000))")
            }
        }
        let parentheses = String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000)
        let outcome = try Self.bundle("x = 1", environment: ["JS_ENV_EXTRA_CONFIG": #"{"DEEP": "\#(parentheses)"}"#])
        #expect(Self.endedWithDiagnostic(outcome), "exit \(outcome.status)")
    }

    /// `doctor` checks JS_ENV_EXTRA_CONFIG of a Dockerfile with the same parser.
    @Test func doctorOfADeepDefineInADockerfileIsADiagnostic() throws {
        let folder = try CommandLineRunner.temporaryFolder("deep-doctor")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for levels in [5_000, Self.parserLimit + 10] {
            let parentheses = String(repeating: "(", count: levels) + "1" + String(repeating: ")", count: levels)
            let arrays = String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
            let dockerfile = folder + "/Dockerfile"
            try """
                FROM python:3.11
                ENV JS_ENV_EXTRA_CONFIG='{"X": "\(parentheses)", "Y": "\(arrays)"}'
                RUN npm run webpack

                """.write(toFile: dockerfile, atomically: true, encoding: .utf8)
            let outcome = try CommandLineRunner.run(["doctor", dockerfile])
            #expect(Self.endedWithDiagnostic(outcome), "\(levels) levels: exit \(outcome.status)")
            #expect(outcome.output.contains("nested more than 20000 levels") == (levels > Self.parserLimit), "\(outcome.output.suffix(2_000))")
        }
    }

    /// A static root whose bundle is `[[[…]]]`, for `verify`.
    static func staticRoot(bundle code: String) throws -> String {
        let project = try workerProject("x = 1")
        let root = project.root + "/static"
        let built = try CommandLineRunner.run(
            ["bundle", "--workers-json", project.workersJSON, "--output-dir", root + "/bundles", "--stats-format", "1", "--no-minify"],
            environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(built.status == 0, "\(built.output)")
        try FileManager.default.moveItem(atPath: root + "/bundles/webpack-worker-stats.json", toPath: root + "/webpack-worker-stats.json")
        try code.write(toFile: root + "/bundles/deep.js", atomically: true, encoding: .utf8)
        return root
    }

    @Test func verifyOfADeepBundleIsADiagnostic() throws {
        let deep = try Self.staticRoot(bundle: String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000))
        let refused = try CommandLineRunner.run(["verify", deep])
        #expect(Self.endedWithDiagnostic(refused), "exit \(refused.status)")
        #expect(refused.output.contains("PA137"), "\(refused.output.suffix(2_000))")

        let accepted = try Self.staticRoot(bundle: "x = " + String(repeating: "[", count: 2_014) + String(repeating: "]", count: 2_014) + ";\n")
        let outcome = try CommandLineRunner.run(["verify", accepted])
        #expect(Self.endedWithDiagnostic(outcome), "exit \(outcome.status)")
        #expect(!outcome.standardOutput.contains("PA137") && !outcome.output.contains("PA137"))
    }

    /// JSON deeper than the reader's limit (512 levels) is "too deep", with its own code, in JS_ENV_EXTRA_CONFIG
    /// and in workers.json; a million levels too.
    @Test func deepJSONIsTooDeepNotInvalid() throws {
        for levels in [600, 1_000_000] {
            func deepJSON(_ levels: Int) -> String {
                #"{"KEY": "1", "DEEP": "# + String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "}"
            }
            let deep = deepJSON(levels)
            // One environment variable holds at most 128 KiB (Linux's MAX_ARG_STRLEN).
            let define = try Self.bundle("x = 1", environment: ["JS_ENV_EXTRA_CONFIG": deepJSON(min(levels, 60_000))])
            // Exit status as for JSON that is not valid (PA181).
            #expect(define.status == 1, "\(define.output.suffix(2_000))")
            #expect(define.output.contains("PA188") && define.output.contains("deeper than 512 levels"), "\(define.output.suffix(2_000))")
            #expect(!define.output.contains("not valid JSON"))

            let project = try Self.workerProject("x = 1")
            defer { try? FileManager.default.removeItem(atPath: project.root) }
            try deep.write(toFile: project.workersJSON, atomically: true, encoding: .utf8)
            let workers = try CommandLineRunner.run(
                ["bundle", "--workers-json", project.workersJSON, "--output-dir", project.root + "/out", "--stats-format", "1"],
                environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
            #expect(workers.status == 2, "\(workers.output.suffix(2_000))")
            #expect(workers.output.contains("PA073") && workers.output.contains("deeper than 512 levels"), "\(workers.output.suffix(2_000))")
        }
        let atTheLimit = #"{"DEEP": "# + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}"
        let accepted = try Self.bundle("x = 1", environment: ["JS_ENV_EXTRA_CONFIG": atTheLimit])
        #expect(!accepted.output.contains("PA188") && !accepted.output.contains("PA181"), "\(accepted.output.suffix(2_000))")
        #expect(Self.endedWithDiagnostic(accepted))
    }
}

extension CommandLineRunner.Outcome {
    /// What the command printed, diagnostics (stdout) and progress (stderr) together.
    var output: String { standardOutput + "\n" + standardError }
}
