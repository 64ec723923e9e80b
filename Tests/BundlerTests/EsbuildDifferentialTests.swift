import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import Testing

@testable import Bundler
import TestSupport

/// Every runnable case (snapshots without `# run: no`, and Programs/) is bundled by us and by Debian's
/// esbuild (`--bundle --format=iife --platform=browser` with equivalent defines); node runs both and the
/// printed lines must be the same.
@Suite struct EsbuildDifferentialTests {
    static let cases: [BundleCase] =
        ((try? BundleCase.load(directory: FixturePaths.snapshots)) ?? []).filter(\.runnable)
        + ((try? BundleCase.load(directory: FixturePaths.programs)) ?? [])

    @Test func thereAreRunnablePrograms() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases.map(\.name))
    func sameOutputAsEsbuild(name: String) throws {
        let bundleCase = try #require(Self.cases.first { $0.name == name })
        let esbuild = try ExternalTool(environmentVariable: "PA_TEST_ESBUILD")
        let node = try ExternalTool(environmentVariable: "PA_TEST_NODE")
        let directory = try TemporaryDirectory("differential")
        defer { directory.remove() }
        let root = directory.path
        for file in bundleCase.files {
            let path = root + file.path
            try FileManager.default.createDirectory(atPath: PathComponents.dirname(path), withIntermediateDirectories: true)
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let context = root + BundleCase.contextDirectory

        // Ours.
        let defines = try DefineSet.parse(jsEnvExtraConfig: bundleCase.defineText).get()
        var entry = bundleCase.entry
        entry.contextDirectory = context
        let builder = BundleBuilder(
            fileSystem: DiskFileSystem(), mode: bundleCase.mode, additionalModuleDirectories: bundleCase.nodePath)
        let bundle = try builder.build(
            entry: entry, options: BundleOptions(mode: bundleCase.mode, minify: true, defines: defines), diagnostics: DiagnosticCollector())
        let ours = root + "/ours.js"
        try Data(bundle.bytes).write(to: URL(fileURLWithPath: ours))

        if bundleCase.esbuildDiffers != nil {
            let ourRun = try node.run([ours], in: root)
            #expect(ourRun.status == 0, "our bundle failed in node: \(ourRun.standardError)")
            #expect(ourRun.standardOutput == bundleCase.expectedOutput.map { $0 + "\n" }.joined())
            return
        }

        // esbuild, from an entry that requires the requests in order (webpack's multi-entry).
        let entryFile = context + "/__entry.js"
        try bundleCase.entryRequests.map { "require(\(JSONWriter.write(.string($0), style: .javaScriptCompact)));\n" }.joined()
            .write(toFile: entryFile, atomically: true, encoding: .utf8)
        var arguments = [
            entryFile, "--bundle", "--format=iife", "--platform=browser", "--outfile=" + root + "/esbuild.js", "--log-level=error",
            "--define:process.env.NODE_ENV=\"\(bundleCase.mode.rawValue)\"",
        ]
        arguments += Self.esbuildDefines(defines)
        let built = try esbuild.run(
            arguments, in: context, environment: bundleCase.nodePath.isEmpty ? [:] : ["NODE_PATH": bundleCase.nodePath.joined(separator: ":")])
        #expect(built.status == 0, "esbuild failed: \(built.standardError)")

        let ourRun = try node.run([ours], in: root)
        let theirRun = try node.run([root + "/esbuild.js"], in: root)
        #expect(ourRun.status == 0, "our bundle failed in node: \(ourRun.standardError)")
        #expect(theirRun.status == 0, "esbuild's bundle failed in node: \(theirRun.standardError)")
        #expect(!ourRun.standardOutput.isEmpty)
        #expect(ourRun.standardOutput == theirRun.standardOutput)
    }

    /// `--define` flags for the leaves and objects whose code esbuild accepts (JSON values or identifiers).
    static func esbuildDefines(_ defines: DefineSet) -> [String] {
        guard let root = defines.root else { return [] }
        var flags: [String] = []
        func code(_ value: DefineSet.Value) -> String? {
            switch value {
            case .code(let raw, let expression, _, _):
                guard expression != nil, (try? JSONParser.parse(raw)) != nil else { return nil }
                return raw
            case .object(let members):
                let parts = members.compactMap { member in code(member.value).map { JSONWriter.write(.string(member.key), style: .javaScriptCompact) + ":" + $0 } }
                return parts.count == members.count ? "{" + parts.joined(separator: ",") + "}" : nil
            case .array(let elements):
                let parts = elements.compactMap(code)
                return parts.count == elements.count ? "[" + parts.joined(separator: ",") + "]" : nil
            }
        }
        func walk(_ prefix: String, _ value: DefineSet.Value) {
            if let text = code(value) { flags.append("--define:\(prefix)=\(text)") }
            if case .object(let members) = value {
                for member in members where NamePicker.isPlainIdentifierName(member.key) { walk(prefix + "." + member.key, member.value) }
            }
        }
        walk("process.env.JS_ENV_EXTRA_CONFIG", .object(root))
        return flags
    }
}
