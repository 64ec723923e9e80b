import Foundation
import TestSupport
import Testing

@testable import JavaScript

/// Prints (does not assert) how our minified output of the files `core-js/stable` reaches compares with
/// `esbuild --minify --format=cjs` on the same files, plus how long minifying all of core-js takes.
@Suite struct MinifySizeReportTests {
    /// Files reachable from `entry` through relative `require` calls.
    static func reachableFiles(from entry: String) throws -> [String] {
        var seen: Set<String> = []
        var queue = [entry]
        while let file = queue.popLast() {
            guard seen.insert(file).inserted else { continue }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            let program = try JavaScriptParser.parse(source: bytes, fileName: file, goal: .commonJS)
            let directory = (file as NSString).deletingLastPathComponent
            for reference in program.moduleReferences where reference.specifier.hasPrefix(".") {
                let base = ((directory as NSString).appendingPathComponent(reference.specifier) as NSString).standardizingPath
                for candidate in [base, base + ".js", base + "/index.js"] {
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                        queue.append(candidate)
                        break
                    }
                }
            }
        }
        return seen.sorted()
    }

    @Test func sizeAgainstEsbuild() throws {
        guard let esbuild = ProcessInfo.processInfo.environment["PA_TEST_ESBUILD"], !esbuild.isEmpty else {
            throw RoundTrip.Failure(description: "PA_TEST_ESBUILD is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        }
        let root = DebianCorpusTests.nodejsRoot
        let files = try MinifySizeReportTests.reachableFiles(from: root + "/core-js/stable/index.js")
        #expect(files.count > 300)

        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pa-esbuild-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try ExternalProcess.run(esbuild, files + ["--minify", "--format=cjs", "--log-level=error", "--outbase=" + root, "--outdir=" + output])
        #expect(run.status == 0, "esbuild failed: \(run.standardError)")

        var ours = 0
        var theirs = 0
        var rows: [(file: String, ours: Int, theirs: Int)] = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            let minified = try MinifyCorpusTests.minifyFile(bytes, fileName: file, goal: .commonJS, options: MinifyCorpusTests.wrapped)
            let relative = String(file.dropFirst(root.count + 1))
            var esbuildText = try String(contentsOfFile: output + "/" + relative, encoding: .utf8)
            if esbuildText.hasSuffix("\n") { esbuildText.removeLast() }
            rows.append((relative, minified.utf8.count, esbuildText.utf8.count))
            ours += minified.utf8.count
            theirs += esbuildText.utf8.count
        }
        let ratio = Double(ours) / Double(max(theirs, 1))
        print("minify size: \(files.count) files reachable from core-js/stable: ours \(ours) bytes, esbuild \(theirs) bytes, ratio \(String(format: "%.3f", ratio))")
        for row in rows.sorted(by: { ($0.ours - $0.theirs, $0.file) > ($1.ours - $1.theirs, $1.file) }).prefix(15) {
            print("  +\(row.ours - row.theirs) bytes  \(row.file) (ours \(row.ours), esbuild \(row.theirs))")
        }
    }

    @Test func timingOfAllCoreJS() throws {
        var sources: [(String, [UInt8])] = []
        for file in try DebianCorpusTests.javaScriptFiles(under: DebianCorpusTests.nodejsRoot + "/core-js") {
            sources.append((file, [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))))
        }
        let clock = ContinuousClock()
        var programs: [Program] = []
        let parse = try clock.measure {
            for (file, bytes) in sources { programs.append(try JavaScriptParser.parse(source: bytes, fileName: file, goal: .commonJS)) }
        }
        var shortened: [Program] = []
        let shorten = clock.measure { shortened = programs.map { SyntaxShortener(program: $0).shorten($0) } }
        var renamed: [Program] = []
        let rename = clock.measure { renamed = shortened.map { IdentifierRenamer(program: $0, topLevelIsLocal: true).rename($0) } }
        var bytes = 0
        let print = clock.measure { for program in renamed { bytes += JavaScriptPrinter.print(program, options: .minifiedWhitespace).utf8.count } }
        Swift.print("minify timing: \(sources.count) core-js files: parse \(parse), shorten \(shorten), rename \(rename), print \(print); \(bytes) bytes out")
    }
}
