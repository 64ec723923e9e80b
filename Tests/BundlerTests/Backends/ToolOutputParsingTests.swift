@testable import Bundler
import Diagnostics
import OrderedJSON
import Testing

/// The readers of webpack's `--json` stats and esbuild's log, on output captured from webpack 5.75 and esbuild 0.17.
@Suite struct ToolOutputParsingTests {
    private let workersJSON = SourceLocation.configurationKey("bad", file: "/openedx/workers.json", line: 3)
    private var entry: EntryPoint {
        EntryPoint(
            name: "bad", requests: [.init(specifier: "missing-pkg", location: workersJSON), .init(specifier: "/tmp/p/bad.js")],
            contextDirectory: "/ctx")
    }

    @Test("webpack without babel-loader: parse error at loc (0-based column), entry-level not-found at the workers.json entry")
    func webpackStats() throws {
        let stats = try JSONParser.parse(#"""
            {"errors":[{"moduleIdentifier":"/tmp/p/bad.js","moduleName":"../p/bad.js","loc":"2:10","message":"Module parse failed: Unexpected token (2:10)\nYou may need an appropriate loader to handle this file type.\n| import x from \"./nothere\";\n> const a = ;\n| "},
            {"loc":"bad","message":"Module not found: Error: Can't resolve 'missing-pkg' in '/ctx'"}],
            "warnings":[{"moduleIdentifier":"javascript/auto|/tmp/p/w.js|0abc","loc":"3:0-27","message":"Critical dependency"}]}
            """#)
        let diagnostics = WebpackStatsProblems(entries: [entry]).diagnostics(fromStats: stats)
        #expect(diagnostics.map(\.code) == [.externalBundlerError, .externalBundlerError, .externalBundlerWarning])
        #expect(diagnostics[0].message == "webpack: Module parse failed: Unexpected token (2:10)")
        #expect(diagnostics[0].location == .file("/tmp/p/bad.js", line: 2, column: 11))
        #expect(diagnostics[0].notes.contains("webpack: > const a = ;"))
        #expect(diagnostics[1].location == workersJSON)
        #expect(diagnostics[2].location == .file("/tmp/p/w.js", line: 3, column: 1))
    }

    @Test("a multi-compiler's children are read when the top level has no list")
    func webpackChildren() throws {
        let stats = try JSONParser.parse(#"{"children":[{"errors":[{"message":"boom"}]},{"errors":[],"warnings":[]}]}"#)
        let diagnostics = WebpackStatsProblems(entries: []).diagnostics(fromStats: stats)
        #expect(diagnostics.map(\.message) == ["webpack: boom"])
    }

    @Test("esbuild's log: entry-module errors go to the workers.json request, others to file:line:col")
    func esbuildLog() {
        let log = """
            ✘ [ERROR] Could not resolve "missing-pkg"

                workers.json entry bad:1:7:
                  1 │ import "missing-pkg";
                    ╵        ~~~~~~~~~~~~~

              You can mark the path "missing-pkg" as external to exclude it from the bundle.

            ✘ [ERROR] Unexpected ";"

                node_modules/broken/index.js:2:10:
                  2 │ const a = ;
                    ╵           ^

            ▲ [WARNING] Comparison with -0 using the "===" operator will also match 0

                /abs/x.js:1:4:

            2 errors and 1 warning

            """
        let diagnostics = EsbuildLogProblems(entry: entry, sourceFileName: "workers.json entry bad").diagnostics(fromLog: log)
        #expect(diagnostics.map(\.code) == [.externalBundlerError, .externalBundlerError, .externalBundlerWarning])
        #expect(diagnostics[0].message == #"esbuild: Could not resolve "missing-pkg""#)
        #expect(diagnostics[0].location == workersJSON)
        #expect(diagnostics[0].notes.contains { $0.contains("mark the path") })
        #expect(diagnostics[1].location == .file("/ctx/node_modules/broken/index.js", line: 2, column: 11))
        #expect(diagnostics[2].location == .file("/abs/x.js", line: 1, column: 5))
    }

    @Test("the generated webpack config is edx-platform's worker block, one compiler per context directory")
    func webpackConfigText() {
        let other = EntryPoint(name: "@edx/other", requests: [.init(specifier: "./o.js")], contextDirectory: "/other")
        let request = ExternalBundleRequest(entries: [entry, other], defines: .parsedForTest("{}"), mode: .production, outputDirectory: "/out")
        let text = WebpackWorkerConfig(request: request).text
        #expect(text.contains("target: 'webworker',"))
        #expect(text.contains("output: { publicPath: '', filename: '[name].js', path: \"/out\" },"))
        #expect(text.contains("'process.env.JS_ENV_EXTRA_CONFIG': JSON.parse(process.env.JS_ENV_EXTRA_CONFIG),"))
        #expect(text.contains("resolve: { extensions: ['.js'] },"))
        #expect(text.contains(#"workerConfig("/ctx", {"bad":["missing-pkg","/tmp/p/bad.js"]}),"#))
        #expect(text.contains(#"workerConfig("/other", {"@edx/other":["./o.js"]}),"#))
        #expect(text.contains("use: 'babel-loader'"))

        let unset = ExternalBundleRequest(entries: [entry], defines: .parsedForTest(nil), mode: .development, outputDirectory: "/out")
        let unsetText = WebpackWorkerConfig(request: unset).text
        #expect(!unsetText.contains("DefinePlugin"))
        #expect(unsetText.contains("mode: \"development\","))
    }
}
