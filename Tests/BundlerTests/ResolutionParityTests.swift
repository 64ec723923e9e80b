import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import Testing

@testable import Bundler
import TestSupport

/// Our resolution against node's `require.resolve` on Debian's real packages.
@Suite struct NodeParityTests {
    static let debianRoot = "/usr/share/nodejs"
    static let requests = [
        "core-js/stable", "regenerator-runtime/runtime", "core-js", "regenerator-runtime", "core-js/stable/promise",
        "core-js/es/array/from",
    ]

    @Test func debianPackagesResolveAsNodeDoes() throws {
        let node = try ExternalTool(environmentVariable: "PA_TEST_NODE")
        let directory = try TemporaryDirectory("node-parity")
        defer { directory.remove() }
        let run = try node.run(
            ["-e", "for (const r of process.argv.slice(1)) console.log(require.resolve(r))"] + Self.requests,
            in: directory.path, environment: ["NODE_PATH": Self.debianRoot])
        #expect(run.status == 0, "node failed: \(run.standardError)")
        let nodePaths = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(nodePaths.count == Self.requests.count)
        #expect(nodePaths.first == "/usr/share/nodejs/core-js/stable/index.js")

        let resolver = ModuleResolver(
            fileSystem: DiskFileSystem(), options: .webworker(additionalModuleDirectories: [Self.debianRoot]))
        for (request, nodePath) in zip(Self.requests, nodePaths) {
            let ours: String
            switch resolver.resolve(request, from: .context(directory.path), kind: .require) {
            case .success(let module): ours = module.path
            case .failure(let error): ours = error.description
            }
            #expect(ours == nodePath, "request \(request)")
        }
        let polyfill = try resolver.resolve("core-js/stable", from: .context(directory.path)).get()
        #expect(polyfill.package?.name == "core-js")
        #expect(polyfill.package?.manifestPath == "/usr/share/nodejs/core-js/package.json")
        #expect(polyfill.format == .commonJS)
    }
}

/// Our resolution against webpack's (enhanced-resolve configured as webpack 5.75 for the edx worker
/// build) and esbuild's (`--bundle --platform=browser`) on the package layouts under
/// Tests/Fixtures/Bundler/Resolution. Each `cases.json` lists requests with our expected result and,
/// where a tool deliberately differs, its result and why (see the README there).
@Suite struct PackageLayoutParityTests {
    static let fixturesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/Bundler/Resolution").standardized.path

    static var fixtureNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixturesRoot)) ?? [])
            .filter { FileManager.default.fileExists(atPath: fixturesRoot + "/" + $0 + "/cases.json") }
            .sorted()
    }

    @Test func atLeastTenLayouts() {
        #expect(Self.fixtureNames.count >= 10)
    }

    @Test(arguments: fixtureNames)
    func layoutResolvesLikeWebpackAndEsbuild(_ name: String) throws {
        let esbuild = try ExternalTool(environmentVariable: "PA_TEST_ESBUILD")
        let directory = try TemporaryDirectory("esbuild-\(name)")
        defer { directory.remove() }
        let root = directory.path + "/tree"
        try FileManager.default.copyItem(atPath: Self.fixturesRoot + "/" + name, toPath: root)
        let cases = try JSONParser.parse(String(contentsOfFile: root + "/cases.json", encoding: .utf8))
        for link in cases["links"]?.objectMembers ?? [] {
            try FileManager.default.createSymbolicLink(
                atPath: root + "/" + link.key, withDestinationPath: link.value.stringValue ?? "")
        }
        let resolver = ModuleResolver(fileSystem: DiskFileSystem())
        let requests = cases["requests"]?.arrayValue ?? []
        let webpackResults = try Self.webpackResults(for: requests, root: root)
        for (index, request) in requests.enumerated() {
            let from = try #require(request["from"]?.stringValue)
            let specifier = try #require(request["request"]?.stringValue)
            let kind: RequestKind = request["kind"]?.stringValue == "import" ? .importStatement : .require
            let expected = try #require(request["expected"]?.stringValue)
            let expectedByEsbuild = request["esbuild"]?.stringValue ?? (expected.hasPrefix("error") ? "error" : expected)
            if request["esbuild"] != nil {
                #expect(request["why"]?.stringValue?.isEmpty == false, "\(name): a difference from esbuild needs a \"why\"")
            }

            let ours = Self.ourResult(resolver.resolve(specifier, from: .file(root + "/" + from), kind: kind), root: root)
            #expect(ours == expected, "\(name): '\(specifier)' from \(from) (\(kind))")

            let expectedByWebpack = request["webpack"]?.stringValue ?? Self.webpackForm(of: expected)
            if request["webpack"] != nil {
                #expect(
                    request["webpackWhy"]?.stringValue?.isEmpty == false,
                    "\(name): a difference from webpack needs a \"webpackWhy\"")
            }
            let webpack = index < webpackResults.count ? Self.webpackForm(of: webpackResults[index]) : "missing"
            #expect(
                webpack == expectedByWebpack,
                "\(name): webpack (enhanced-resolve) for '\(specifier)' from \(from) (\(kind)): \(webpackResults[safe: index] ?? "")"
            )

            let theirs = try Self.esbuildResult(
                esbuild, specifier: specifier, kind: kind, from: from, root: root, scratch: directory.path)
            #expect(theirs == expectedByEsbuild, "\(name): esbuild for '\(specifier)' from \(from) (\(kind))")
        }
    }

    /// Our expected value in the form the webpack script reports: errors and empty modules without details.
    static func webpackForm(of result: String) -> String {
        if result.hasPrefix("error") { return "error" }
        if result.hasPrefix("(disabled)") { return "(disabled)" }
        return result
    }

    /// Runs Tests/Fixtures/Bundler/webpack-resolve.js (enhanced-resolve configured as webpack 5.75 for the
    /// edx worker build) on all requests of a layout at once.
    static func webpackResults(for requests: [JSONValue], root: String) throws -> [String] {
        let node = try ExternalTool(environmentVariable: "PA_TEST_NODE")
        guard let enhancedResolve = ProcessInfo.processInfo.environment["PA_TEST_ENHANCED_RESOLVE"],
            FileManager.default.fileExists(atPath: enhancedResolve + "/package.json")
        else {
            Issue.record("PA_TEST_ENHANCED_RESOLVE is not set to enhanced-resolve; run `eval \"$(scripts/install-test-tools)\"`")
            return []
        }
        let list = JSONValue.array(
            requests.map { request in
                .object([
                    JSONMember("from", request["from"] ?? .null), JSONMember("request", request["request"] ?? .null),
                    JSONMember("kind", request["kind"] ?? .null),
                ])
            })
        let script = URL(fileURLWithPath: fixturesRoot).deletingLastPathComponent().appendingPathComponent("webpack-resolve.js")
            .path
        let run = try node.run(
            [script, enhancedResolve, root, JSONWriter.write(list, style: .javaScriptCompact)], in: root,
            // enhanced-resolve's own dependencies (graceful-fs, tapable) sit next to it.
            environment: ["NODE_PATH": PathComponents.dirname(enhancedResolve)])
        #expect(run.status == 0, "webpack-resolve.js failed: \(run.standardError)")
        let output = try JSONParser.parse(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        return (output.arrayValue ?? []).map { $0.stringValue ?? "" }
    }

    static func ourResult(_ result: Result<ResolvedModule, ResolutionError>, root: String) -> String {
        switch result {
        case .success(let module):
            if module.path.hasPrefix("(disabled):/") {
                return "(disabled):" + PathComponents.relative(String(module.path.dropFirst("(disabled):".count)), from: root)
            }
            if module.path.hasPrefix("(disabled):") { return module.path }
            return PathComponents.relative(module.path, from: root)
        case .failure(let error):
            return "error \(error.diagnostic.code.identifier)"
        }
    }

    /// Bundles a one-line probe next to the importer and reads which input esbuild chose.
    static func esbuildResult(
        _ esbuild: ExternalTool, specifier: String, kind: RequestKind, from: String, root: String, scratch: String
    ) throws -> String {
        let probeDirectory = PathComponents.dirname(root + "/" + from)
        let probe = probeDirectory + "/__probe__.js"
        let quoted = String(
            decoding: try JSONSerialization.data(withJSONObject: specifier, options: .fragmentsAllowed), as: UTF8.self)
        let source = kind == .require ? "require(\(quoted));\n" : "import \(quoted);\n"
        try source.write(toFile: probe, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        let metafile = scratch + "/meta.json"
        let run = try esbuild.run(
            [
                PathComponents.relative(probe, from: root), "--bundle", "--platform=browser", "--log-level=error",
                "--metafile=\(metafile)", "--outfile=\(scratch)/out.js",
            ], in: root)
        guard run.status == 0 else { return "error" }
        let meta = try JSONParser.parse(String(contentsOfFile: metafile, encoding: .utf8))
        let probeKey = PathComponents.relative(probe, from: root)
        let inputs = (meta["inputs"]?.objectMembers ?? []).map(\.key).filter { $0 != probeKey }
        return inputs.isEmpty ? "none" : inputs.joined(separator: ", ")
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
