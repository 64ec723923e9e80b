import DeploymentSettings
import Encodings
import Foundation
import ProctoringBackends
import Testing
import WorkerRuntime

@testable import ProctoringAssets

/// `build --cache DIR` / `bundle --cache DIR`: an unchanged rebuild is served from the cache, and every kind
/// of input change (a module's bytes, a setting, a define value, a file that resolution now finds first)
/// gives the result of a cold build. Outputs are compared byte for byte with a build without the cache.
@Suite(.serialized) struct BuildCacheTests {
    static let bundleName = BuildCommandTests.bundleName
    static let extraConfig = #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\""}"#

    /// A copy of the example deployment and a cache folder next to it.
    struct Workspace {
        var scratch: String
        var cache: String
        var envRoot: String { scratch + "/openedx" }
        var modules: String { envRoot + "/edx-platform/node_modules" }

        init() throws {
            let folder = try CommandLineRunner.temporaryFolder("cache")
            scratch = folder + "/copy"
            cache = folder + "/build-cache"
            let copied = try CommandLineRunner.run(["settings", "--example", "--example-dir", scratch])
            #expect(copied.status == 0, "\(copied.standardError)")
        }

        /// `build` with the copy's settings; `--cache` unless `cached` is false. Returns the outcome and the
        /// `result` object of `--format json`.
        func build(cached: Bool = true, extraConfig: String = BuildCacheTests.extraConfig) throws -> (CommandLineRunner.Outcome, [String: Any]) {
            let outcome = try CommandLineRunner.run(
                ["build"] + BuildCommandTests.settingsArguments(scratch) + (cached ? ["--cache", cache] : []) + ["--format", "json"],
                environment: ["LMS_CFG": envRoot + "/config/lms.yml", "JS_ENV_EXTRA_CONFIG": extraConfig])
            #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)")
            let object = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any]
            return (outcome, object?["result"] as? [String: Any] ?? [:])
        }

        /// Every file the build wrote, by path.
        func outputs() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for path in [
                envRoot + "/workers.json", envRoot + "/edx-platform/common/static/bundles/\(bundleName).js",
                envRoot + "/staticfiles/bundles/\(bundleName).js", envRoot + "/staticfiles/webpack-worker-stats.json",
            ] {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
            return files
        }

        func replace(_ old: String, with new: String, in path: String) throws {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(old), "\(path) does not contain \(old)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    static func cacheStatus(_ result: [String: Any]) -> (status: String?, missReason: String?, stored: Bool?) {
        let cache = result["cache"] as? [String: Any]
        return (cache?["status"] as? String, cache?["missReason"] as? String, cache?["stored"] as? Bool)
    }

    @Test func anUnchangedRebuildIsServedFromTheCacheAndWritesTheSameFiles() async throws {
        let workspace = try Workspace()
        let (_, first) = try workspace.build()
        #expect(Self.cacheStatus(first).status == "miss")
        #expect(Self.cacheStatus(first).stored == true)
        let cold = try workspace.outputs()

        let (_, second) = try workspace.build()
        #expect(Self.cacheStatus(second).status == "hit", "\(second)")
        #expect(try workspace.outputs() == cold)
        // The hit reports the SHA-384 values the entry stored: each is the written file's own, as on the miss.
        let reported = (second["files"] as? [[String: Any]]) ?? []
        #expect(reported.count == 4, "\(second)")
        for file in reported {
            let path = try #require(file["path"] as? String)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(file["sha384"] as? String == SubresourceIntegrity.sha384(Array(bytes)), "\(path)")
        }
        #expect(reported.map { $0["sha384"] as? String } == ((first["files"] as? [[String: Any]]) ?? []).map { $0["sha384"] as? String })
        // The text output says so too, and the files still go through the staged commit.
        let text = try CommandLineRunner.run(
            ["build"] + BuildCommandTests.settingsArguments(workspace.scratch) + ["--cache", workspace.cache],
            environment: ["LMS_CFG": workspace.envRoot + "/config/lms.yml", "JS_ENV_EXTRA_CONFIG": Self.extraConfig])
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("from the build cache"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("Wrote 4 files"), "\(text.standardOutput)")

        let script = WorkerExchangeScript(prompts: [.ping, .startExamAttempt, .endExamAttempt])
        let report = try await WorkerHarness().run(
            bundle: workspace.envRoot + "/staticfiles/bundles/\(Self.bundleName).js", script: script, timeout: script.suggestedRunTimeout)
        #expect(report.allSucceeded, "\(report.diagnostics())")
    }

    /// One change each; the cached build afterwards must miss, differ from before, equal a cold build of the
    /// changed tree, and be served from the cache the time after.
    enum InputChange: String, CaseIterable {
        case oneByteOfOneModule, oneSetting, oneDefineValue, aFileResolutionNowFindsFirst
    }

    @Test(arguments: InputChange.allCases)
    func everyInputChangeGivesTheColdBuildsResult(change: InputChange) throws {
        let workspace = try Workspace()
        _ = try workspace.build()
        let before = try workspace.outputs()
        var extraConfig = Self.extraConfig
        switch change {
        case .oneByteOfOneModule:
            try workspace.replace(
                "is not configured", with: "is not configureD", in: workspace.modules + "/example-proctor-worker/static/worker.js")
        case .oneSetting:
            // NODE_MODULES_ROOT in the YAML layer now names another copy of the packages with a changed worker.
            let alternative = workspace.envRoot + "/alternative/node_modules"
            try FileManager.default.createDirectory(atPath: workspace.envRoot + "/alternative", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: workspace.modules, toPath: alternative)
            try workspace.replace(
                "is not configured", with: "is not set", in: alternative + "/example-proctor-worker/static/worker.js")
            let config = workspace.envRoot + "/config/lms.yml"
            let yaml = try String(contentsOfFile: config, encoding: .utf8)
            try (yaml + "NODE_MODULES_ROOT: \(alternative)\n").write(toFile: config, atomically: true, encoding: .utf8)
        case .oneDefineValue:
            extraConfig = extraConfig.replacingOccurrences(of: "/api", with: "/apj")
        case .aFileResolutionNowFindsFirst:
            // node's lookup finds example-proctor-worker/node_modules/@edx/edx-proctoring before the top-level one.
            let nested = workspace.modules + "/example-proctor-worker/node_modules/@edx"
            try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: workspace.modules + "/@edx/edx-proctoring", toPath: nested + "/edx-proctoring")
            try workspace.replace("'echo'", with: "'echoed'", in: nested + "/edx-proctoring/index.js")
        }

        let (_, changed) = try workspace.build(extraConfig: extraConfig)
        #expect(Self.cacheStatus(changed).status == "miss", "\(change): \(changed)")
        let cached = try workspace.outputs()
        let bundlePath = workspace.envRoot + "/staticfiles/bundles/\(Self.bundleName).js"
        #expect(cached[bundlePath] != before[bundlePath], "\(change): the bundle did not change")

        _ = try workspace.build(cached: false, extraConfig: extraConfig)
        #expect(try workspace.outputs() == cached, "\(change): the cached build differs from a cold one")

        let (_, again) = try workspace.build(extraConfig: extraConfig)
        #expect(Self.cacheStatus(again).status == "hit", "\(change): \(again)")
        #expect(try workspace.outputs() == cached)
    }

    @Test func aDamagedOrTruncatedEntryIsIgnoredWithANoteAndReplaced() throws {
        let workspace = try Workspace()
        _ = try workspace.build()
        let cold = try workspace.outputs()
        let entries = try FileManager.default.contentsOfDirectory(atPath: workspace.cache).filter { $0.hasSuffix(".pabuild") }
        #expect(entries.count == 1)
        let entry = workspace.cache + "/" + (entries.first ?? "")
        let original = try Data(contentsOf: URL(fileURLWithPath: entry))

        for damage in ["truncated", "one byte flipped", "foreign"] {
            var bytes = original
            switch damage {
            case "truncated": bytes = bytes.prefix(bytes.count / 2)
            case "one byte flipped": bytes[bytes.count / 3] ^= 0x20
            default: bytes = Data("not a cache entry\n".utf8)
            }
            try bytes.write(to: URL(fileURLWithPath: entry))
            let (outcome, result) = try workspace.build()
            #expect(Self.cacheStatus(result).status == "miss", "\(damage): \(result)")
            #expect(outcome.standardOutput.contains("\"PA650\""), "\(damage): \(outcome.standardOutput)")
            #expect(try workspace.outputs() == cold, "\(damage)")
            let (_, next) = try workspace.build()
            #expect(Self.cacheStatus(next).status == "hit", "\(damage): the entry was not replaced")
        }
    }

    /// Builds racing to store the same entry each see a whole entry or none: all succeed with the same
    /// bundles, one entry and no temporary file remain, and it serves the next build.
    @Test func concurrentBuildsSharingTheCacheFolderAreSafe() async throws {
        let workspace = try Workspace()
        _ = try workspace.build(cached: false)
        let outputs = (0..<3).map { workspace.scratch + "/out-\($0)" }
        func bundle(into folder: String) throws -> CommandLineRunner.Outcome {
            try CommandLineRunner.run(
                ["bundle", "--workers-json", workspace.envRoot + "/workers.json", "--output-dir", folder, "--stats-format", "1",
                 "--cache", workspace.cache, "--format", "json"],
                environment: ["JS_ENV_EXTRA_CONFIG": Self.extraConfig])
        }
        let outcomes = try await withThrowingTaskGroup(of: CommandLineRunner.Outcome.self) { group in
            for folder in outputs { group.addTask { try bundle(into: folder) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for outcome in outcomes { #expect(outcome.status == 0, "\(outcome.standardOutput)\n\(outcome.standardError)") }
        let bundles = try outputs.map { try Data(contentsOf: URL(fileURLWithPath: $0 + "/\(Self.bundleName).js")) }
        #expect(Set(bundles).count == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.cache)
        #expect(names.count == 1 && names[0].hasSuffix(".pabuild"), "\(names)")

        let last = try bundle(into: workspace.scratch + "/out-last")
        let object = try JSONSerialization.jsonObject(with: Data(last.standardOutput.utf8)) as? [String: Any]
        #expect(Self.cacheStatus(object?["result"] as? [String: Any] ?? [:]).status == "hit", "\(last.standardOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.scratch + "/out-last/\(Self.bundleName).js")) == bundles[0])
    }

    /// Options enter the key through their description; one holding a dictionary (the module map of
    /// --js-from-python) must describe the same in every process, whatever the hash seed's order.
    @Test func theKeyDescribesDictionariesInOneOrder() {
        let names = (0..<64).map { "module-\($0)" }
        var forward: [String: String] = [:]
        for name in names { forward[name] = "/site-packages/\(name).js" }
        // Another capacity gives another iteration order, so the two really enumerate differently.
        var backward: [String: String] = Dictionary(minimumCapacity: 1024)
        for name in names.reversed() { backward[name] = "/site-packages/\(name).js" }
        #expect(Array(forward.keys) != Array(backward.keys))
        #expect(BuildCacheKey.canonicalDescription(forward) == BuildCacheKey.canonicalDescription(backward))
        #expect(BuildCacheKey.canonicalDescription(["a": 1]) != BuildCacheKey.canonicalDescription(["a": 2]))
        #expect(BuildCacheKey.canonicalDescription(Optional<Set<String>>.none) == "nil")
    }

    /// The key spells out the fields of the options and defines; a field added to either must be keyed (or
    /// named as not changing the bundles), or this fails.
    @Test func theKeyNamesEveryFieldOfTheOptionsAndDefines() throws {
        let options = BuildOptions(workers: WorkerConfigOptions())
        let optionFields = Set(Mirror(reflecting: options).children.compactMap(\.label))
        let keyedOptions = Set(BuildCacheKey.keyedFields(of: options).map(\.name))
        #expect(keyedOptions.isDisjoint(with: BuildCacheKey.optionsNotChangingBundles))
        #expect(keyedOptions.union(BuildCacheKey.optionsNotChangingBundles) == optionFields)

        let defines = try BuildDefines.parse(BuildEnvironment(environment: [:])).get()
        let defineFields = Set(Mirror(reflecting: defines).children.compactMap(\.label))
        let keyedDefines = Set(BuildCacheKey.keyedFields(of: defines).map(\.name))
        #expect(keyedDefines.isDisjoint(with: BuildCacheKey.definesNotListed))
        #expect(keyedDefines.union(BuildCacheKey.definesNotListed) == defineFields)
    }
}
