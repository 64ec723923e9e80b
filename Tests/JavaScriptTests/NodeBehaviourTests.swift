import Foundation
import TestSupport
import Testing

@testable import JavaScript

/// The printed copies of core-js and regenerator-runtime must still work when node runs them.
@Suite struct NodeBehaviourTests {
    static func nodePath() throws -> String {
        guard let node = ProcessInfo.processInfo.environment["PA_TEST_NODE"], !node.isEmpty else {
            throw RoundTrip.Failure(description: "PA_TEST_NODE is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        }
        return node
    }

    /// Copies `source` to `destination`, printing every .js file through the parser and printer.
    static func printTree(from source: String, to destination: String, options: JavaScriptPrinter.Options) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: source) else { return }
        for case let relative as String in enumerator {
            let input = source + "/" + relative
            let output = destination + "/" + relative
            var isDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: input, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try fileManager.createDirectory(atPath: output, withIntermediateDirectories: true)
                continue
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: input))
            if relative.hasSuffix(".js") {
                let program = try JavaScriptParser.parse(source: [UInt8](data), fileName: input, goal: .commonJS)
                try Data(JavaScriptPrinter.print(program, options: options).utf8).write(to: URL(fileURLWithPath: output))
            } else {
                try data.write(to: URL(fileURLWithPath: output))
            }
        }
    }

    static let checkScript = #"""
        const root = process.argv[process.argv.length - 1];
        // Remove native implementations so the printed polyfills have to provide them.
        delete Array.prototype.at; delete Array.prototype.findLast; delete Object.hasOwn;
        delete String.prototype.replaceAll; delete Array.prototype.flat; delete Object.fromEntries;
        require(root + '/core-js/stable');
        const rt = require(root + '/regenerator-runtime/runtime.js');
        const marked = rt.mark(counter);
        function counter() {
          return rt.wrap(function counter$(context) {
            while (1) switch (context.prev = context.next) {
              case 0: context.next = 2; return 1;
              case 2: context.next = 4; return 2;
              case 4: case "end": return context.stop();
            }
          }, marked);
        }
        const results = {
          at: [1, 2, 3].at(-1),
          findLast: [1, 2, 3].findLast((x) => x < 3),
          hasOwn: Object.hasOwn({ a: 1 }, 'a'),
          replaceAll: 'aXbX'.replaceAll('X', '-'),
          flat: [1, [2, [3]]].flat(Infinity).join(','),
          fromEntries: JSON.stringify(Object.fromEntries([['k', 'v']])),
          generator: [...counter()].join(','),
        };
        console.log(JSON.stringify(results));
        """#

    @Test(arguments: [JavaScriptPrinter.Options.readable, .minifiedWhitespace])
    func printedPolyfillsStillWork(options: JavaScriptPrinter.Options) throws {
        let node = try NodeBehaviourTests.nodePath()
        let root = DebianCorpusTests.nodejsRoot
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("pa-js-printed-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        for package in ["core-js", "regenerator-runtime"] {
            guard FileManager.default.fileExists(atPath: root + "/" + package) else {
                throw RoundTrip.Failure(description: "\(root)/\(package) is missing: run `eval \"$(scripts/install-test-tools)\"`")
            }
            try FileManager.default.createDirectory(atPath: temporary + "/" + package, withIntermediateDirectories: true)
            try NodeBehaviourTests.printTree(from: root + "/" + package, to: temporary + "/" + package, options: options)
        }
        let run = try ExternalProcess.run(node, ["-e", NodeBehaviourTests.checkScript, temporary])
        let output = run.standardOutput
        #expect(run.status == 0, "node failed: \(run.standardError)")
        #expect(
            output.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"{"at":3,"findLast":2,"hasOwn":true,"replaceAll":"a-b-","flat":"1,2,3","fromEntries":"{\"k\":\"v\"}","generator":"1,2"}"#
        )
    }
}
