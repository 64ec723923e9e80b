import Diagnostics
import Foundation
import Testing

@testable import Verification

/// A small correct build, written at test time: workers.json, one classic worker script (hand-written,
/// as a bundler would emit it with JS_ENV_EXTRA_CONFIG substituted) and its stats file in either tracker
/// format, as an image root or a static root; variants break one thing each.
struct VerifyBuild {
    enum Tracker { case v04, v1 }
    enum Shape { case imageRoot, staticRoot }

    static let worker = "example-proctor-worker"
    static let workerSource = "/openedx/edx-platform/node_modules/example-proctor-worker/static/worker.js"

    static let goodScript = """
        (function () {
          "use strict";
          var SERVICE_URL = "https://proctor.example.com/api";
          var handler = {
            startExamAttempt: function () { return { type: "examAttemptStarted" }; },
            endExamAttempt: function () { return { type: "examAttemptEnded" }; },
            ping: function () { return { type: "echo" }; }
          };
          self.addEventListener("message", function (event) {
            var answer = handler[event.data.type];
            if (answer) { self.postMessage(answer()); }
          });
          if (typeof process !== "undefined") { console.log(SERVICE_URL); }
        })();

        """

    var tracker: Tracker = .v04
    var shape: Shape = .imageRoot
    var script = VerifyBuild.goodScript
    var workersJSON: String? = #"{"example-proctor-worker": ["babel-polyfill", "/openedx/edx-platform/node_modules/example-proctor-worker/static/worker.js"]}"#
    var chunkListed = true
    var installPackage = true
    var integrity: String?
    var extraEntries: [[String: Any]] = []

    var statsJSON: String {
        let name = Self.worker + ".js"
        let path = "/build/edx-platform/common/static/bundles/" + name
        switch tracker {
        case .v04:
            let chunks = chunkListed ? #""\#(Self.worker)":[{"name":"\#(name)","path":"\#(path)"}]"# : ""
            return #"{"status":"done","chunks":{\#(chunks)}}"#
        case .v1:
            let integrityMember = integrity.map { ",\n      \"integrity\": \"\($0)\"" } ?? ""
            let assets = chunkListed
                ? "\n    \"\(name)\": {\n      \"name\": \"\(name)\",\n      \"path\": \"\(path)\"\(integrityMember)\n    }\n  " : ""
            let chunks = chunkListed ? "\n    \"\(Self.worker)\": [\n      \"\(name)\"\n    ]\n  " : ""
            return "{\n  \"status\": \"done\",\n  \"assets\": {\(assets)},\n  \"chunks\": {\(chunks)}\n}"
        }
    }

    /// Entries relative to the input's root, in make_archive.py's spec form.
    var entries: [[String: Any]] {
        let staticRoot = shape == .imageRoot ? "openedx/staticfiles" : "staticfiles"
        var entries: [[String: Any]] = [
            ["name": staticRoot, "type": "dir"],
            ["name": "\(staticRoot)/webpack-worker-stats.json", "text": statsJSON],
            ["name": "\(staticRoot)/bundles/\(Self.worker).js", "text": script],
        ]
        if shape == .imageRoot {
            entries.append(["name": "openedx/edx-platform/webpack.common.config.js", "text": "module.exports = {};\n"])
            if let workersJSON { entries.append(["name": "openedx/workers.json", "text": workersJSON]) }
            entries.append(["name": "openedx/edx-platform/node_modules/babel-polyfill/package.json", "text": "{}"])
            if installPackage {
                entries.append([
                    "name": "openedx/edx-platform/node_modules/example-proctor-worker/static/worker.js",
                    "text": "export default 1;\n",
                ])
            }
        }
        return entries + extraEntries
    }

    /// Writes the tree as a folder under the workspace and returns its path.
    func folder(in workspace: ArchiveWorkspace, named name: String = "input") throws -> String {
        for entry in entries {
            let entryName = entry["name"] as? String ?? ""
            if entry["type"] as? String == "dir" {
                try FileManager.default.createDirectory(
                    atPath: workspace.folder + "/\(name)/\(entryName)", withIntermediateDirectories: true)
            } else {
                _ = try workspace.write("\(name)/\(entryName)", entry["text"] as? String ?? "")
            }
        }
        return workspace.folder + "/" + name
    }

    func archive(in workspace: ArchiveWorkspace, named name: String = "input.tar.gz") throws -> String {
        try workspace.make(name, entries: entries).path
    }
}

/// Opens `path` and runs every verify rule over it.
func verify(
    _ path: String, options: VerifyRuleOptions = VerifyRuleOptions(),
    layout: DeploymentLayoutOptions = DeploymentLayoutOptions()
) throws -> (outcome: VerifyOutcome, diagnostics: [Diagnostic]) {
    let collector = DiagnosticCollector()
    let input = try VerificationInput.open(path: path, options: VerificationInputOptions(layout: layout), diagnostics: collector)
    let outcome = DeploymentVerifier(input: input, options: options).run(diagnostics: collector)
    return (outcome, collector.diagnostics)
}

extension [Diagnostic] {
    var errorCodes: [String] { filter { $0.severity == .error }.map(\.code.identifier) }
    var allCodes: [String] { map(\.code.identifier) }
    func first(_ identifier: String) -> Diagnostic? { first { $0.code.identifier == identifier } }
}
