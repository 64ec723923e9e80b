import BundleManifest
import Foundation
import OrderedJSON
import Verification
import WorkerRuntime

/// The result of `verify`: the layout, the three kinds of files (workers.json, the stats file, the
/// bundles) with sizes and hashes, each worker's URL and smoke run, as JSON and as text lines.
struct VerifySummary {
    let path: String
    let outcome: VerifyOutcome
    let smokeRuns: [String: WorkerRunReport]
    let smokeRequested: Bool

    var json: JSONValue {
        let layout = outcome.layout
        var files: [JSONValue] = []
        if let file = outcome.workersConfig { files.append(Self.json(file, role: "workers.json", worker: nil)) }
        if let file = outcome.statsFile { files.append(Self.json(file, role: "stats", worker: nil)) }
        for bundle in outcome.bundles {
            for file in bundle.files { files.append(Self.json(file, role: "bundle", worker: bundle.name)) }
        }
        return .object([
            JSONMember("input", .string(path)),
            JSONMember("layout", .object([
                JSONMember("kind", .string(layout.kind.rawValue)),
                JSONMember("staticRoot", Self.optional(layout.staticRoot)),
                JSONMember("statsFile", Self.optional(layout.statsFile)),
                JSONMember("bundlesDirectory", Self.optional(layout.bundlesDirectory)),
                JSONMember("bundleDirName", .string(layout.bundleDirectoryName)),
                JSONMember("envRoot", Self.optional(layout.envRoot)),
                JSONMember("workersJSON", Self.optional(layout.workersConfigFile)),
                JSONMember("sitePackages", .array(layout.sitePackages.map(JSONValue.string))),
                JSONMember("webpackLoaderVersion", Self.optional(outcome.loaderVersion)),
            ])),
            JSONMember("statsFormat", Self.optional(outcome.statsFormat.map(Self.formatName))),
            JSONMember("loader", Self.optional(outcome.loader.map(\.description))),
            JSONMember("files", .array(files)),
            JSONMember("workers", .array(outcome.bundles.map(workerJSON))),
        ])
    }

    var lines: [String] {
        let layout = outcome.layout
        var lines = ["Checked \(path) as \(layout.kind == .imageRoot ? "an image root" : "a static root"):"]
        if let workers = outcome.workersConfig { lines.append(Self.line("workers.json", workers)) }
        if let stats = outcome.statsFile {
            var line = Self.line("stats file  ", stats)
            if let format = outcome.statsFormat { line += ", \(format)" }
            lines.append(line)
        }
        for bundle in outcome.bundles {
            for file in bundle.files { lines.append(Self.line("bundle      ", file)) }
        }
        for bundle in outcome.bundles {
            var line = "Worker \(bundle.name): "
            if let url = bundle.url {
                line += bundle.urlIsFallback ? "no bundle URL; upstream would serve \(url)" : "served at \(url) (JS 1.0 and JS 2.0)"
            } else {
                line += "no URL"
            }
            lines.append(line)
            if let run = smokeRuns[bundle.name] {
                let exchanges = run.exchanges.map { exchange in
                    let timeout = Self.timeoutSent(exchange).map { " (timeout \($0) sent)" } ?? ""
                    return "\(exchange.prompt.rawValue)\(timeout) → \(Self.outcomeText(exchange.outcome))"
                }
                lines.append("  smoke run \(run.passed ? "passed" : "FAILED") (\(Self.smokeMode(run))): " + exchanges.joined(separator: ", "))
            } else if smokeRequested {
                lines.append("  smoke run not done (the bundle did not pass the checks above)")
            }
        }
        return lines
    }

    private func workerJSON(_ bundle: VerifiedBundle) -> JSONValue {
        var smoke: JSONValue = .null
        if let run = smokeRuns[bundle.name] {
            smoke = .object([
                JSONMember("passed", .bool(run.passed)),
                JSONMember("expectation", .string(run.expectation == .success ? "success" : "typed-reply")),
                JSONMember("exchanges", .array(run.exchanges.map { exchange in
                    .object([
                        JSONMember("prompt", .string(exchange.prompt.rawValue)),
                        JSONMember("timeoutSent", exchange.sentMessage["timeout"] ?? .null),
                        JSONMember("outcome", .string(Self.outcomeText(exchange.outcome))),
                        JSONMember("blockedRequests", .integer(exchange.networkRequests.filter { !$0.allowed }.count)),
                    ])
                })),
            ])
        }
        return .object([
            JSONMember("name", .string(bundle.name)),
            JSONMember("url", Self.optional(bundle.url)),
            JSONMember("urlIsFallback", .bool(bundle.urlIsFallback)),
            JSONMember("script", Self.optional(bundle.script?.displayPath)),
            JSONMember("checksPassed", .bool(bundle.scriptIsSound)),
            JSONMember("smoke", smoke),
        ])
    }

    /// The `timeout` the prompt carried, as text (a number of milliseconds, or the legacy page's object).
    static func timeoutSent(_ exchange: WorkerExchangeResult) -> String? {
        guard let timeout = exchange.sentMessage["timeout"] else { return nil }
        if case .number(let text) = timeout { return "\(text) ms" }
        return JSONWriter.write(timeout, style: .javaScriptCompact)
    }

    /// How the run was made: what the replies had to be, and what the network let through.
    static func smokeMode(_ run: WorkerRunReport) -> String {
        let expectation = run.expectation == .success ? "success replies required" : "typed replies required, success or failure"
        let allowed = Set(run.exchanges.flatMap { $0.networkRequests.filter(\.allowed).map(\.url) })
        let blocked = run.exchanges.reduce(0) { $0 + $1.networkRequests.filter { !$0.allowed }.count }
        let network = "network off" + (allowed.isEmpty ? "" : " except \(allowed.count) allowed URL(s)")
            + (blocked > 0 ? ", \(blocked) request(s) blocked" : "")
        return expectation + "; " + network
    }

    static func outcomeText(_ outcome: WorkerExchangeOutcome) -> String {
        switch outcome {
        case .succeeded(let reply): return reply
        case .failed(let reply, _): return "failed (\(reply ?? "no reply type"))"
        case .timedOut: return "no reply"
        case .loadFailed(let message): return "load failed (\(message))"
        }
    }

    static func formatName(_ format: StatsFormat) -> String {
        format.optionValue
    }

    static func integrity(_ hex: String) -> String? {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return "sha384-" + Data(bytes).base64EncodedString()
    }

    static func json(_ file: VerifiedFile, role: String, worker: String?) -> JSONValue {
        var members = [JSONMember("role", .string(role))]
        if let worker { members.append(JSONMember("worker", .string(worker))) }
        members += [
            JSONMember("path", .string(file.displayPath)),
            JSONMember("size", file.digest.map { .integer($0.size) } ?? .null),
            JSONMember("sha384", optional(file.digest?.sha384)),
            JSONMember("integrity", optional(file.digest.flatMap { integrity($0.sha384) })),
        ]
        return .object(members)
    }

    static func line(_ label: String, _ file: VerifiedFile) -> String {
        guard let digest = file.digest else { return "\(label) \(file.displayPath)" }
        return "\(label) \(file.displayPath) (\(digest.size) bytes, \(integrity(digest.sha384) ?? digest.sha384))"
    }

    static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }
}
