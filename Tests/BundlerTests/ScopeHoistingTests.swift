import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import Bundler
import TestSupport

/// Scope hoisting on a generated graph of ES modules that all declare the same top-level names: node runs the
/// files themselves as real ES modules and our bundle of them, and both must print the same; repeated builds
/// must give the same bytes (names are picked across a whole group, whatever the thread scheduling).
/// The snapshot cases `hoist-*` cover the individual rules (cycles, TDZ, namespaces, re-exports, CommonJS).
@Suite struct ScopeHoistingTests {
    static let moduleCount = 120

    /// Module i imports module i+1 (and, every tenth, the barrel of all of them as a namespace); each declares
    /// `value`, `helper`, `total` and a nested `value2` that a renamed `value` must not be captured by.
    static func files() -> [(String, String)] {
        var files: [(String, String)] = []
        var barrel = ""
        for index in 0..<moduleCount {
            let next = index + 1 < moduleCount ? "import { total as nextTotal, value as nextValue } from \"./m\(index + 1).js\";\n" : ""
            let namespace = index % 10 == 0 ? "import * as all from \"./barrel.js\";\nexport const seen = () => Object.keys(all).length;\n" : ""
            let body = """
                \(next)\(namespace)const helper = (x) => x * 2;
                export let value = helper(\(index));
                export function total() {
                  const value2 = 1;
                  return value + value2 - 1 + \(index + 1 < moduleCount ? "nextTotal()" : "0");
                }
                export function bump() { value += 1; return \(index + 1 < moduleCount ? "nextValue" : "-1"); }
                export default class Item { get name() { return "m\(index):" + value; } }

                """
            files.append(("m\(index).js", body))
            barrel += "export { total as total\(index), default as Item\(index) } from \"./m\(index).js\";\n"
        }
        files.append(("barrel.js", barrel))
        files.append(
            (
                "index.js",
                """
                import Item, { total, bump, value, seen } from "./m0.js";
                import * as all from "./barrel.js";
                const before = total();
                bump();
                console.log(before, total(), value, new Item().name, seen(), typeof all.total7, new all.Item3().name);

                """
            ))
        return files
    }

    @Test func hoistedGroupRunsLikeNodesOwnModulesAndIsDeterministic() throws {
        let node = try ExternalTool(environmentVariable: "PA_TEST_NODE")
        let directory = try TemporaryDirectory("hoisting")
        defer { directory.remove() }
        let root = directory.path + "/app"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try #"{"type": "module"}"#.write(toFile: root + "/package.json", atomically: true, encoding: .utf8)
        for (name, text) in Self.files() { try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8) }

        func build(minify: Bool) throws -> WorkerBundle {
            let entry = EntryPoint(name: "hoisting", requests: [.init(specifier: "./index.js")], contextDirectory: root)
            return try BundleBuilder(fileSystem: DiskFileSystem()).build(
                entry: entry, options: BundleOptions(mode: .production, minify: minify, defines: DefineSet.parse(jsEnvExtraConfig: "{}").get()),
                diagnostics: DiagnosticCollector())
        }
        let reference = try node.run([root + "/index.js"], in: root)
        #expect(reference.status == 0, "node could not run the modules: \(reference.standardError)")
        #expect(!reference.standardOutput.isEmpty)

        for minify in [false, true] {
            let bundle = try build(minify: minify)
            // Every module is in the entry's function: the other entries of the module table are holes.
            #expect(bundle.moduleCount == Self.moduleCount + 2)
            #expect(bundle.moduleSizes.filter { $0.outputBytes > 64 }.map(\.id) == [0])
            let path = directory.path + "/bundle-\(minify).js"
            try Data(bundle.bytes).write(to: URL(fileURLWithPath: path))
            let ours = try node.run([path], in: directory.path)
            #expect(ours.status == 0, "our bundle failed in node: \(ours.standardError)")
            #expect(ours.standardOutput == reference.standardOutput)
            for round in 2...5 {
                #expect(try build(minify: minify).bytes == bundle.bytes, "build \(round) (minify: \(minify)) differs from build 1")
            }
        }
    }
}
