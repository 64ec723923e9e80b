import Foundation
import Testing

@testable import JavaScript

/// Minified real code must parse again and behave the same.
@Suite struct MinifyCorpusTests {
    static let wrapped = MinifyOptions(topLevelIsLocal: true)

    /// Minifies and prints one file; throws when the output does not parse or renaming lost track of the scopes.
    static func minifyFile(_ bytes: [UInt8], fileName: String, goal: SourceGoal, options: MinifyOptions) throws -> String {
        let program = try JavaScriptParser.parse(source: bytes, fileName: fileName, goal: goal)
        let shortened = options.shortenSyntax ? SyntaxShortener(program: program).shorten(program) : program
        var renamer = IdentifierRenamer(program: shortened, topLevelIsLocal: options.topLevelIsLocal)
        let renamed = renamer.renameReportingWhetherFollowed(shortened)
        guard renamed.followedAnalysis else { throw RoundTrip.Failure(description: "\(fileName): renaming lost track of the scope analysis") }
        let printed = JavaScriptPrinter.print(renamed.program, options: .minifiedWhitespace)
        do {
            _ = try JavaScriptParser.parse(source: printed, fileName: fileName + " (minified)", goal: goal)
        } catch {
            throw RoundTrip.Failure(description: "\(fileName): minified output does not parse: \(error)\n\(printed)")
        }
        return printed
    }

    @Test func conformanceCasesStillParseWhenMinified() throws {
        var failures: [String] = []
        for testCase in ConformanceTests.cases {
            guard case .valid = testCase.expectation else { continue }
            for options in [MinifyOptions.all, MinifyTestSupport.wrappedIfAllowed(testCase.goal)] {
                do {
                    _ = try MinifyCorpusTests.minifyFile(testCase.source, fileName: testCase.description, goal: testCase.goal, options: options)
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failed; first: \(failures.first ?? "")")
    }

    /// Runs every valid script case before and after minification in a fresh node `vm` context and compares what
    /// each leaves behind (global values, or the kind of error thrown).
    @Test func conformanceCasesBehaveTheSameInNode() throws {
        let node = try NodeBehaviourTests.nodePath()
        var pairs: [[String: String]] = []
        for testCase in ConformanceTests.cases where testCase.goal == .script {
            guard case .valid = testCase.expectation else { continue }
            let minified = try MinifyCorpusTests.minifyFile(testCase.source, fileName: testCase.description, goal: .script, options: .all)
            pairs.append(["name": testCase.description, "original": String(decoding: testCase.source, as: UTF8.self), "minified": minified])
        }
        let data = try JSONSerialization.data(withJSONObject: pairs)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pa-minify-cases-\(UUID().uuidString).json")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try MinifyTestSupport.runNode(node, script: MinifyCorpusTests.compareScript, arguments: [file.path])
        #expect(result.status == 0, "node failed: \(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let summary = lines.last ?? ""
        #expect(summary.hasPrefix("compared "), "\(result.output)")
        #expect((Int(summary.dropFirst("compared ".count)) ?? 0) >= 150, "too few cases ran: \(summary)")
        let mismatches = lines.filter { $0.hasPrefix("MISMATCH") }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    static let compareScript = #"""
        const vm = require('vm');
        process.on('unhandledRejection', () => {});
        process.on('uncaughtException', () => {});
        const cases = JSON.parse(require('fs').readFileSync(process.argv[process.argv.length - 1], 'utf8'));
        function snapshot(code) {
          const context = vm.createContext({});
          let outcome;
          try { vm.runInContext(code, context, { timeout: 200 }); outcome = 'ok'; }
          catch (error) { outcome = 'throws ' + (error && error.constructor ? error.constructor.name : typeof error); }
          if (/timed out/.test(outcome)) return null;
          const values = {};
          for (const key of Object.getOwnPropertyNames(context).sort()) {
            let value;
            try { value = context[key]; } catch (error) { value = 'getter throws'; }
            if (typeof value === 'function') values[key] = 'function/' + value.length;
            else if (typeof value === 'object' && value !== null) {
              try { values[key] = 'object ' + JSON.stringify(value); } catch (error) { values[key] = 'object'; }
            } else values[key] = typeof value + ' ' + String(value);
          }
          return outcome + ' ' + JSON.stringify(values);
        }
        let compared = 0;
        for (const { name, original, minified } of cases) {
          const before = snapshot(original);
          if (before === null || before.startsWith('throws SyntaxError')) continue;
          const after = snapshot(minified);
          compared++;
          if (before !== after) console.log('MISMATCH ' + name + '\n  before: ' + before + '\n  after:  ' + after + '\n  code: ' + minified);
        }
        console.log('compared ' + compared);
        """#

    @Test func debianPackagesStillParseWhenMinified() throws {
        var failures: [String] = []
        var count = 0
        for package in ["core-js", "regenerator-runtime"] {
            for file in try DebianCorpusTests.javaScriptFiles(under: DebianCorpusTests.nodejsRoot + "/" + package) {
                count += 1
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
                do {
                    _ = try MinifyCorpusTests.minifyFile(bytes, fileName: file, goal: .commonJS, options: MinifyCorpusTests.wrapped)
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(count > 2000)
        #expect(failures.isEmpty, "\(failures.count) files failed; first: \(failures.first ?? "")")
    }

    @Test func minifiedPolyfillsStillWorkInNode() throws {
        let node = try NodeBehaviourTests.nodePath()
        let root = DebianCorpusTests.nodejsRoot
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("pa-js-minified-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        for package in ["core-js", "regenerator-runtime"] {
            guard FileManager.default.fileExists(atPath: root + "/" + package) else {
                throw RoundTrip.Failure(description: "\(root)/\(package) is missing: run `eval \"$(scripts/install-test-tools)\"`")
            }
            try FileManager.default.createDirectory(atPath: temporary + "/" + package, withIntermediateDirectories: true)
            try NodeBehaviourTests.printTree(from: root + "/" + package, to: temporary + "/" + package, options: .minified(topLevelIsLocal: true))
        }
        let result = try MinifyTestSupport.runNode(node, script: NodeBehaviourTests.checkScript, arguments: [temporary])
        #expect(result.status == 0, "node failed: \(result.errors)")
        #expect(
            result.output.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"{"at":3,"findLast":2,"hasOwn":true,"replaceAll":"a-b-","flat":"1,2,3","fromEntries":"{\"k\":\"v\"}","generator":"1,2"}"#
        )
    }
}
