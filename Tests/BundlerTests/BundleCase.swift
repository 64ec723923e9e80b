import Diagnostics
import FileSystemSupport
import Foundation
import JavaScript

@testable import Bundler

/// A bundler test case written as one text file: header lines, then files.
///
/// ```
/// # entry: babel-polyfill ./index.js     (requests from the context /app; default ./index.js)
/// # define: {"KEY": "\"value\""}           (JS_ENV_EXTRA_CONFIG text; "unset" for none; default {})
/// # mode: development                      (default production)
/// # minify: yes                             (snapshot the whitespace-minified output; default readable)
/// # run: no                                (not a runnable program for the differential run)
/// # esbuild-differs: <why>                  (compare with the `# stdout:` lines instead of esbuild)
/// # stdout: <line>                          (one per printed line)
/// === /app/index.js
/// console.log(1)
/// ```
struct BundleCase {
    var name: String
    var entryRequests: [String] = ["./index.js"]
    var defineText: String? = "{}"
    var mode: ResolverOptions.Mode = .production
    var runnable = true
    var minify = false
    /// Why esbuild's output legitimately differs (then `expectedOutput` is what node must print for ours).
    var esbuildDiffers: String?
    var expectedOutput: [String] = []
    var files: [(path: String, text: String)] = []

    static let contextDirectory = "/app"

    init(name: String, text: String) {
        self.name = name
        var currentPath: String?
        var currentLines: [Substring] = []
        func flush() {
            if let currentPath { files.append((currentPath, currentLines.joined(separator: "\n") + "\n")) }
            currentLines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("=== ") {
                flush()
                currentPath = String(line.dropFirst(4))
            } else if currentPath == nil {
                if let value = Self.header(line, "entry") { entryRequests = value.split(separator: " ").map(String.init) }
                if let value = Self.header(line, "define") { defineText = value == "unset" ? nil : value }
                if let value = Self.header(line, "mode") { mode = value == "development" ? .development : .production }
                if let value = Self.header(line, "run") { runnable = value != "no" }
                if let value = Self.header(line, "minify") { minify = value == "yes" }
                if let value = Self.header(line, "esbuild-differs") { esbuildDiffers = value }
                if let value = Self.header(line, "stdout") { expectedOutput.append(value) }
            } else {
                currentLines.append(line)
            }
        }
        flush()
        // Trailing blank lines between files are not part of the file.
        files = files.map { ($0.path, $0.text.replacingOccurrences(of: "\n+$", with: "\n", options: .regularExpression)) }
    }

    static func header(_ line: Substring, _ name: String) -> String? {
        let prefix = "# \(name): "
        guard line.hasPrefix(prefix) else { return nil }
        return String(line.dropFirst(prefix.count))
    }

    var fileSystem: InMemoryFileSystem {
        var system = InMemoryFileSystem()
        for file in files { system.addFile(file.path, file.text) }
        return system
    }

    var entry: EntryPoint {
        EntryPoint(
            name: name, requests: entryRequests.map { EntryPoint.Request(specifier: $0, location: .file("/env/workers.json", line: 1, column: 2)) },
            contextDirectory: Self.contextDirectory)
    }

    /// Builds with our bundler (readable output) and describes the outcome: the bundle and the diagnostics.
    func snapshot(fileSystem: any FileSystem) -> String {
        let diagnostics = DiagnosticCollector()
        var text = ""
        let defines: DefineSet
        switch DefineSet.parse(jsEnvExtraConfig: defineText) {
        case .success(let set): defines = set
        case .failure(let error): return "---- error\n" + render(error.diagnostics)
        }
        let builder = BundleBuilder(resolver: ModuleResolver(fileSystem: fileSystem, options: .webworker(mode: mode)))
        do {
            let bundle = try builder.build(entry: entry, options: BundleOptions(mode: mode, minify: minify, defines: defines), diagnostics: diagnostics)
            text = bundle.text
            // Every bundle must be a valid classic script (what importScripts loads).
            do {
                _ = try JavaScriptParser.parse(source: bundle.bytes, fileName: name + ".js", goal: .script)
            } catch {
                text += "---- output is not a valid script: \(error)\n"
            }
        } catch {
            text = "---- error\n" + render(error.diagnostics)
        }
        if !diagnostics.diagnostics.isEmpty { text += "---- diagnostics\n" + render(diagnostics.diagnostics) }
        return text
    }

    func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { TextReportRenderer(color: false).render($0).joined(separator: "\n") + "\n" }.joined()
    }

    static func load(directory: String) throws -> [BundleCase] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".case") }.sorted()
        return try names.map { name in
            BundleCase(
                name: String(name.dropLast(5)),
                text: try String(contentsOfFile: directory + "/" + name, encoding: .utf8))
        }
    }
}

enum FixturePaths {
    static let bundlerFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Bundler").path
    static let snapshots = bundlerFixtures + "/Snapshots"
    static let programs = bundlerFixtures + "/Programs"
}
