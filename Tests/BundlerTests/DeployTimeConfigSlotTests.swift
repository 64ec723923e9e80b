import Diagnostics
import FileSystemSupport
import Foundation
import Testing
import TestSupport

@testable import Bundler

/// `build --deploy-time-config`: the config slot at the start of the bundle, found again exactly, and a bundle
/// that behaves as a direct build with the same config (run in node, every way a module reads the config).
@Suite struct DeployTimeConfigSlotTests {
    /// Reads the config in every way DefinePlugin supports, and prints what it saw.
    static let readingModule = """
        var c = process.env.JS_ENV_EXTRA_CONFIG;
        console.log(JSON.stringify(c));
        console.log(typeof process.env.JS_ENV_EXTRA_CONFIG);
        console.log(process.env.JS_ENV_EXTRA_CONFIG.URL);
        console.log(typeof process.env.JS_ENV_EXTRA_CONFIG.URL, typeof process.env.JS_ENV_EXTRA_CONFIG.COUNT,
            typeof process.env.JS_ENV_EXTRA_CONFIG.NESTED, typeof process.env.JS_ENV_EXTRA_CONFIG.NESTED.DEEP,
            typeof process.env.JS_ENV_EXTRA_CONFIG.FUNCTION, typeof process.env.JS_ENV_EXTRA_CONFIG.LIST);
        console.log(process.env.JS_ENV_EXTRA_CONFIG.NESTED.DEEP, process.env.JS_ENV_EXTRA_CONFIG["COUNT"] + 1);
        console.log(process.env.JS_ENV_EXTRA_CONFIG.FUNCTION(2), process.env.JS_ENV_EXTRA_CONFIG?.LIST.length);
        // A fresh object and a fresh array at each read, as DefinePlugin pastes the code at each read.
        console.log(process.env.JS_ENV_EXTRA_CONFIG === process.env.JS_ENV_EXTRA_CONFIG,
            process.env.JS_ENV_EXTRA_CONFIG.LIST === process.env.JS_ENV_EXTRA_CONFIG.LIST);
        var local = process.env.JS_ENV_EXTRA_CONFIG; local.URL = "changed";
        console.log(process.env.JS_ENV_EXTRA_CONFIG.URL, process.env.NODE_ENV);
        """
    static let configA = #"{"URL": "\"https://a.example/x\"", "COUNT": "41", "NESTED": {"DEEP": "true"}, "FUNCTION": "function (n) { return n * 2 }", "LIST": "[1, 2, 3]"}"#
    static let configB = #"{"URL": "'https://b.example/y?q=\u2028'", "COUNT": "0x10", "NESTED": {"DEEP": "null", "MORE": "`multi\nline`"}, "FUNCTION": "(n) => n + 1", "LIST": "[]", "EXTRA": "\"*/ not a comment end\""}"#

    static func build(
        _ config: String, deployTimeConfig: Bool, minify: Bool = true, sourceMap: Bool = false, module: String = readingModule
    ) throws -> WorkerBundle {
        var fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/app/index.js", module)
        let entry = EntryPoint(name: "reader", requests: [.init(specifier: "./index.js")], contextDirectory: "/app")
        let options = BundleOptions(
            minify: minify, sourceMap: sourceMap, defines: try DefineSet.parse(jsEnvExtraConfig: config).get(),
            deployTimeConfig: deployTimeConfig)
        return try BundleBuilder(fileSystem: fileSystem).build(entry: entry, options: options, diagnostics: DiagnosticCollector())
    }

    static func runInNode(_ bytes: [UInt8]) throws -> String {
        let node = try #require(ProcessInfo.processInfo.environment["PA_TEST_NODE"].flatMap { $0.isEmpty ? nil : $0 },
            "PA_TEST_NODE is not set: run `eval \"$(scripts/install-test-tools)\"` first")
        let directory = try TemporaryDirectory("slot-run")
        defer { directory.remove() }
        try directory.write("bundle.js", String(decoding: bytes, as: UTF8.self))
        let outcome = try ExternalProcess.run(node, [directory.path + "/bundle.js"])
        try #require(outcome.status == 0, "\(outcome.standardError)")
        return outcome.standardOutput
    }

    @Test(arguments: [true, false])
    func aConfiguredBundleBehavesAsADirectBuildWithThatConfig(minify: Bool) throws {
        let built = try Self.build(Self.configA, deployTimeConfig: true, minify: minify)
        let located = try DeployTimeConfigSlot.locate(in: built.bytes).get()
        #expect(located.slot.reads.map(\.path).contains(["NESTED", "DEEP"]))
        #expect(located.slot.reads.first == DeployTimeConfigSlot.Read(path: [], file: "index.js", line: 1, column: 9))
        #expect(try Self.runInNode(built.bytes) == Self.runInNode(Self.build(Self.configA, deployTimeConfig: false, minify: minify).bytes))

        let configB = try DefineSet.parse(jsEnvExtraConfig: Self.configB).get()
        let configured = DeployTimeConfigSlot.replacing(in: built.bytes, located: located, with: configB)
        let direct = try Self.runInNode(Self.build(Self.configB, deployTimeConfig: false, minify: minify).bytes)
        #expect(try Self.runInNode(configured) == direct)
        #expect(direct.contains("https://b.example/y?q=\u{2028}"))
        // The same bytes as a build with config B from the start.
        #expect(configured == (try Self.build(Self.configB, deployTimeConfig: true, minify: minify).bytes))
        // Found again after the rewrite, with the reads kept.
        #expect(try DeployTimeConfigSlot.locate(in: configured).get().slot.reads == located.slot.reads)
    }

    @Test func aBundleWithoutTheSlotOrWithADamagedOneIsRecognised() throws {
        let plain = try Self.build(Self.configA, deployTimeConfig: false)
        #expect(DeployTimeConfigSlot.locate(in: plain.bytes).failureValue == .absent)
        let built = try Self.build(Self.configA, deployTimeConfig: true).bytes
        let text = String(decoding: built, as: UTF8.self)
        let shortened = Array(text.replacingOccurrences(of: "\"COUNT\":41", with: "\"COUNT\":4").utf8)
        #expect(DeployTimeConfigSlot.locate(in: shortened).failureValue?.isDamaged == true)
        let truncated = Array(built.prefix(120))
        #expect(DeployTimeConfigSlot.locate(in: truncated).failureValue?.isDamaged == true)
    }

    @Test func theBuildRefusesValuesTheSlotCannotHoldEvenWhenUnread() throws {
        // A direct build only warns about a broken value no module reads; in the slot every value is code.
        let config = #"{"URL": "\"u\"", "BROKEN": "https://x"}"#
        let module = "console.log(process.env.JS_ENV_EXTRA_CONFIG.URL);"
        #expect(throws: Never.self) { try Self.build(config, deployTimeConfig: false, module: module) }
        let error = #expect(throws: DiagnosticError.self) { try Self.build(config, deployTimeConfig: true, module: module) }
        #expect(error?.diagnostics.map(\.code.identifier) == ["PA182"])
        #expect(error?.diagnostics.first?.notes.contains { $0.contains("deploy-time config") } == true)
        // configure checks a new config with the same rules, against the recorded reads.
        let reads = try DeployTimeConfigSlot.locate(in: Self.build(Self.configA, deployTimeConfig: true).bytes).get().slot.reads
        let missing = DeployTimeConfigSlot.diagnostics(defines: try DefineSet.parse(jsEnvExtraConfig: #"{"COUNT": "1"}"#).get(), reads: reads)
        #expect(missing.contains { $0.code.identifier == "PA183" && $0.location == .file("index.js", line: 4, column: 13) })
    }

    @Test func theSourceMapFollowsTheSlotWhenItsLineCountChanges() throws {
        let built = try Self.build(Self.configA, deployTimeConfig: true, sourceMap: true)
        let map = try #require(built.sourceMap)
        let located = try DeployTimeConfigSlot.locate(in: built.bytes).get()
        #expect(located.lineCount == 2)
        let configB = try DefineSet.parse(jsEnvExtraConfig: Self.configB).get()
        let configured = DeployTimeConfigSlot.replacing(in: built.bytes, located: located, with: configB)
        let newLines = try DeployTimeConfigSlot.locate(in: configured).get().lineCount
        #expect(newLines == 3)
        let shifted = try #require(DeployTimeConfigSlot.shiftedSourceMap(map, from: 2, to: newLines))
        // The same map a build with config B from the start writes.
        #expect(shifted == (try Self.build(Self.configB, deployTimeConfig: true, sourceMap: true).sourceMap))
        #expect(DeployTimeConfigSlot.shiftedSourceMap(shifted, from: newLines, to: 2) == map)
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension DeployTimeConfigSlot.LocateProblem {
    fileprivate var isDamaged: Bool {
        if case .damaged = self { return true }
        return false
    }
}
