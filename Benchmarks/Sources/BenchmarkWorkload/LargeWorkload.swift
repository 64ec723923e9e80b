import Foundation

/// The large workload of issue 15: a worker that pulls in core-js `full`, lodash-es (the whole namespace),
/// acorn, js-yaml, esprima, escodegen and semver, all from Debian's JS packages (`/usr/share/nodejs`, the
/// `node-*` packages scripts/install-test-tools installs), behind the same workers.json entry shape
/// (`babel-polyfill` first, then the worker). About 1,450 modules.
///
/// The packages are copied (symbolic links followed) into edx-platform/node_modules: Debian installs each
/// package on its own under /usr/share/nodejs, where their dependencies (estraverse, lru-cache, …) are only
/// found through node's global folders, which bundlers do not search.
public struct LargeWorkload: BundlingWorkload {
    public static let packages = [
        "core-js", "regenerator-runtime", "lodash-es", "acorn", "js-yaml", "argparse", "esprima", "escodegen", "estraverse",
        "esutils", "source-map", "semver", "lru-cache", "yallist",
    ]

    public let root: String
    public var title: String { "large" }
    public var workerName: String { "bench-large-worker" }
    public var extraConfig: String { #"{"BENCH_PROCTOR_URL": "\"https://proctor.example.com/api\""}"# }
    public var edxPlatform: String { root + "/edx-platform" }
    public var providerMain: String { edxPlatform + "/node_modules/\(workerName)/src/index.js" }
    public var entryRequests: [String] { ["babel-polyfill", providerMain] }

    public static func create(
        in parent: String = NSTemporaryDirectory(), debianModules: String = "/usr/share/nodejs", handler: ProctortrackFiles
    ) throws -> LargeWorkload {
        for name in packages where !FileManager.default.fileExists(atPath: debianModules + "/" + name + "/package.json") {
            throw WorkloadError("\(name) not found in \(debianModules): run scripts/install-test-tools (it installs Debian's node-* packages)")
        }
        let base = parent.hasSuffix("/") ? String(parent.dropLast()) : parent
        let root = URL(fileURLWithPath: base + "/pa-large-workload-\(UUID().uuidString)").resolvingSymlinksInPath().path
        let workload = LargeWorkload(root: root)
        let modules = workload.edxPlatform + "/node_modules"
        try FileManager.default.createDirectory(atPath: modules, withIntermediateDirectories: true)
        for name in packages {
            try copyFollowingLinks(debianModules + "/" + name, to: modules + "/" + name)
        }
        try handler.installHandlerWrapper(into: modules)
        for (path, text) in ReferenceWorkload.files(providerMain: workload.providerMain)
        where path.hasPrefix("edx-platform/node_modules/babel-polyfill/") {
            try workload.write(path, text)
        }
        try workload.write("workers.json", "{\"\(workload.workerName)\": [\"babel-polyfill\", \"\(workload.providerMain)\"]}")
        try workload.write("edx-platform/node_modules/\(workload.workerName)/package.json", """
            {"name": "\(workload.workerName)", "version": "1.0.0", "main": "src/index.js"}

            """)
        try workload.write("edx-platform/node_modules/\(workload.workerName)/src/index.js", Self.worker)
        return workload
    }

    /// `cp -RL`: Debian's packages link some files to /usr/share/javascript.
    private static func copyFollowingLinks(_ source: String, to target: String) throws {
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-RL", source, target]
        try copy.run()
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else { throw WorkloadError("cp -RL \(source) \(target) failed") }
    }

    /// Uses every library, and posts what it computed (`benchSummary`) when an attempt starts, so the
    /// benchmark can check that every bundler's output computes the same.
    static let worker = """
        import 'core-js/full';
        import { handlerWrapper } from '@edx/edx-proctoring';
        import * as _ from 'lodash-es';
        import * as acorn from 'acorn';
        import yaml from 'js-yaml';
        import * as esprima from 'esprima';
        import escodegen from 'escodegen';
        import semver from 'semver';

        const SERVICE_URL = process.env.JS_ENV_EXTRA_CONFIG.BENCH_PROCTOR_URL;
        const SAMPLE = 'const answer = (a, b) => a * b + 42;';

        function summary() {
          const tree = acorn.parse(SAMPLE, { ecmaVersion: 2020 });
          const document = yaml.load(`proctor:\\n  url: ${SERVICE_URL}\\n  checks: [face, screen]\\n`);
          return {
            lodashFunctions: Object.keys(_).filter((name) => typeof _[name] === 'function').length,
            chunks: _.chunk([1, 2, 3, 4, 5], 2),
            camel: _.camelCase('proctoring assets bench'),
            acorn: tree.body[0].type,
            tokens: esprima.tokenize(SAMPLE).length,
            regenerated: escodegen.generate(esprima.parseScript(SAMPLE)),
            yaml: document.proctor,
            semver: [semver.satisfies('4.18.1', '^4.18.0'), semver.inc('1.2.3', 'minor')],
            coreJS: [typeof [].uniqueBy, typeof Iterator, [1, 2, 3].at(-1)],
          };
        }

        class BenchLargeHandler {
          async onStartExamAttempt() {
            self.postMessage({ type: 'benchSummary', summary: summary() });
            return { service: SERVICE_URL };
          }

          async onEndExamAttempt() {
            return { service: SERVICE_URL };
          }

          async onPing() {
            return { service: SERVICE_URL };
          }
        }

        export default handlerWrapper(BenchLargeHandler);

        """
}
