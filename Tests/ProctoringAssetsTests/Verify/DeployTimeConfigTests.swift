import Encodings
import Foundation
import Testing

extension ProctortrackSmokeTests {
    /// Issue 14.2: one `build --deploy-time-config` of the real Proctortrack workers, then `configure` per
    /// environment. Nested in the serialized smoke suite: the v2 stand-in takes port 54545.
    @Suite struct DeployTimeConfig {
        func configure(_ deployment: ProctortrackDeployment, _ config: String?, _ extra: [String] = []) throws -> CommandLineRunner.Outcome {
            let environment = config.map { ["JS_ENV_EXTRA_CONFIG": $0] } ?? [:]
            return try CommandLineRunner.run(["configure", deployment.envRoot + "/staticfiles"] + extra, environment: environment)
        }

        /// Every file below the deployment's ENV_ROOT with its bytes and inode (a rewrite makes a new inode).
        static func snapshot(_ deployment: ProctortrackDeployment) throws -> [String: (Data, UInt64)] {
            var files: [String: (Data, UInt64)] = [:]
            for folder in [deployment.envRoot + "/staticfiles", deployment.envRoot + "/edx-platform/common/static/bundles"] {
                for name in try FileManager.default.subpathsOfDirectory(atPath: folder) {
                    let path = folder + "/" + name
                    let attributes = try FileManager.default.attributesOfItem(atPath: path)
                    guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                    files[path] = (try Data(contentsOf: URL(fileURLWithPath: path)), (attributes[.systemFileNumber] as? UInt64) ?? 0)
                }
            }
            return files
        }

        static func sameFiles(_ a: [String: (Data, UInt64)], _ b: [String: (Data, UInt64)]) -> Bool {
            a.count == b.count && a.allSatisfy { path, entry in b[path].map { $0.0 == entry.0 && $0.1 == entry.1 } ?? false }
        }

        /// The worker's answers and failures from `verify --smoke`, with the deployment's own folder left out.
        static func behaviour(_ outcome: CommandLineRunner.Outcome, root: String) -> [String] {
            (outcome.standardOutput + outcome.standardError).replacingOccurrences(of: root, with: "ROOT").split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.contains("smoke run") || $0.contains("error[PA2") || $0.contains("note[PA25") }
        }

        /// Lines at the start of a source map's `mappings` that map nothing.
        static func emptyLinesBeforeMappings(_ path: String) throws -> Int {
            let map = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
            return try #require(map?["mappings"] as? String).prefix { $0 == ";" }.count
        }

        @Test func theV2WorkerTrustsTheKeyOfEachConfigure() throws {
            let deployment = try ProctortrackDeployment(.v2)
            try deployment.build(extraConfig: ProctortrackDeployment.extraConfig(.v2), ["--deploy-time-config"])
            let success = "smoke run passed (success replies required; network off except 2 allowed URL(s)): "
                + "startExamAttempt (timeout 1000 ms sent) → examAttemptStarted, ping (timeout 1000 ms sent) → echo, "
                + "endExamAttempt (timeout 0 ms sent) → examAttemptEnded"
            var keys: [String] = []
            for _ in 1...2 {
                let standIn = try DesktopStandIn()
                defer { standIn.stop() }
                keys.append(standIn.publicKey)
                let configured = try configure(deployment, ProctortrackDeployment.extraConfig(.v2, publicKey: standIn.publicKey))
                #expect(configured.status == 0, "\(configured.standardOutput)\n\(configured.standardError)")
                let bundle = try String(contentsOfFile: deployment.bundlePath, encoding: .utf8)
                #expect(bundle.contains(standIn.publicKey))
                let outcome = try deployment.verifySmoke(["--smoke-expect", "success", "--smoke-allow", "127.0.0.1:54545"])
                let text = outcome.standardOutput + outcome.standardError
                #expect(outcome.status == 0, "\(text)")
                #expect(text.contains(success), "\(text)")
            }
            // Each stand-in made its own key, and a worker trusting another key refuses its replies
            // (aStandInSigningWithAnotherKeyFailsSmokeExpectSuccess): the second pass needed the second configure.
            #expect(keys[0] != keys[1])
        }

        @Test func theV1WorkerBehavesAsADirectBuildAndEveryDependentFileFollows() throws {
            let cdnB = "https://cdn-b.proctortrack.example/fb_cjs/proctortrack.js"
            // NOTE is read by no module: its two lines of code shift the source map by one line.
            let configB = #"{"PROCTORTRACK_CDN_URL": "\"\#(cdnB)\"", "PROCTORTRACK_CONFIG_KEY": "\"key-of-b\"", "NOTE": "`two\nlines`"}"#
            let deployment = try ProctortrackDeployment(.v1)
            let staticRoot = deployment.envRoot + "/staticfiles"
            // Hashed static storage, as Open edX production runs it: the build writes hashed copies and entries.
            try FileManager.default.createDirectory(atPath: staticRoot, withIntermediateDirectories: true)
            try #"{"paths": {}, "version": "1.1"}"#.write(toFile: staticRoot + "/staticfiles.json", atomically: true, encoding: .utf8)
            try deployment.build(extraConfig: ProctortrackDeployment.extraConfig(.v1), ["--deploy-time-config", "--source-map"])
            // The stats file records integrity, as webpack-bundle-tracker with `integrity: true` writes it.
            let statsPath = staticRoot + "/webpack-worker-stats.json"
            let built = try [UInt8](Data(contentsOf: URL(fileURLWithPath: deployment.bundlePath)))
            let stats = try String(contentsOfFile: statsPath, encoding: .utf8)
            let pathLine = try #require(stats.split(separator: "\n").first { $0.contains("\"path\": ") })
            try stats.replacingOccurrences(
                of: pathLine, with: pathLine + ",\n      \"integrity\": \"\(SubresourceIntegrity.value(of: built, algorithm: .sha256)) \(SubresourceIntegrity.value(of: built, algorithm: .sha512))\""
            ).write(toFile: statsPath, atomically: true, encoding: .utf8)
            #expect(try deployment.verifySmoke().status == 0)

            // A direct build with config B, for comparison: with a `fb_cjs` CDN URL the worker loads the CDN script
            // at start, which the hermetic smoke run refuses; the message names the URL. `configure` refuses its bundle.
            let direct = try ProctortrackDeployment(.v1)
            try direct.build(extraConfig: configB)
            let directSmoke = try direct.verifySmoke()
            let directBehaviour = Self.behaviour(directSmoke, root: direct.scratch)
            #expect(directSmoke.status == 1)
            #expect(directBehaviour.contains { $0.contains("Failed to load '\(cdnB)'") }, "\(directBehaviour)")
            let plain = try configure(direct, configB)
            #expect(plain.status == 2)
            #expect((plain.standardOutput + plain.standardError).contains("error[PA621]"), "\(plain.standardOutput)")

            let configured = try configure(deployment, configB)
            #expect(configured.status == 0, "\(configured.standardOutput)\n\(configured.standardError)")
            let smoke = try deployment.verifySmoke()
            #expect(smoke.status == directSmoke.status)
            #expect(Self.behaviour(smoke, root: deployment.scratch) == directBehaviour)
            let checked = try CommandLineRunner.run(["verify", deployment.scratch])
            #expect(checked.status == 0, "\(checked.standardOutput)\n\(checked.standardError)")

            // Every copy and every file depending on the bytes follows.
            let bundle = try [UInt8](Data(contentsOf: URL(fileURLWithPath: deployment.bundlePath)))
            let webpackCopy = deployment.envRoot + "/edx-platform/common/static/bundles/edx-proctoring-proctortrack.js"
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: webpackCopy))) == bundle)
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: staticRoot + "/staticfiles.json"))) as? [String: Any]
            let hashed = try #require((manifest?["paths"] as? [String: String])?["bundles/edx-proctoring-proctortrack.js"])
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: staticRoot + "/" + hashed))) == bundle)
            #expect(try String(contentsOfFile: statsPath, encoding: .utf8).contains(
                "\"integrity\": \"\(SubresourceIntegrity.value(of: bundle, algorithm: .sha256)) \(SubresourceIntegrity.value(of: bundle, algorithm: .sha512))\""))
            #expect(try Self.emptyLinesBeforeMappings(deployment.bundlePath + ".map") == 3, "the map starts after the 3 lines of the slot")

            // The same config again: nothing is rewritten.
            let before = try Self.snapshot(deployment)
            let again = try configure(deployment, configB)
            #expect(again.status == 0)
            #expect(again.standardOutput.contains("Already configured"), "\(again.standardOutput)")
            #expect(Self.sameFiles(before, try Self.snapshot(deployment)))

            // Bad configs: each refused with build's code, every file untouched.
            let configFile = try CommandLineRunner.temporaryFolder("config") + "/config.json"
            try #"{"PROCTORTRACK_CDN_URL": "https://x.example", "PROCTORTRACK_CONFIG_KEY": "\"k\""}"#.write(
                toFile: configFile, atomically: true, encoding: .utf8)
            let bad: [(config: String?, extra: [String], code: String)] = [
                (#"{"PROCTORTRACK_CDN_URL": "\"https://x.example\""}"#, [], "PA183"), ("{not json", [], "PA181"), ("[]", [], "PA184"),
                (nil, ["--config", configFile], "PA182"), (nil, ["--config", configFile + ".missing"], "PA624"),
                (#"{"PROCTORTRACK_CDN_URL": "cdnURL", "PROCTORTRACK_CONFIG_KEY": "\"k\""}"#, [], "PA187"),
                (#"{"PROCTORTRACK_CDN_URL": "\"u\"", "PROCTORTRACK_CONFIG_KEY": "\"k\"", "DEEP": "# + String(repeating: "[", count: 600)
                    + String(repeating: "]", count: 600) + "}", [], "PA188"),
            ]
            for (config, extra, code) in bad {
                let refused = try configure(deployment, config, extra)
                let text = refused.standardOutput + refused.standardError
                #expect(refused.status != 0, "\(code): \(text)")
                #expect(text.contains("error[\(code)]"), "\(text)")
                #expect(Self.sameFiles(before, try Self.snapshot(deployment)), "\(code) changed a file")
            }

            // Back to the build's config: the bytes of the build, and a map that starts after 2 lines again.
            let back = try configure(deployment, ProctortrackDeployment.extraConfig(.v1))
            #expect(back.status == 0)
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: deployment.bundlePath))) == built)
            #expect(try Self.emptyLinesBeforeMappings(deployment.bundlePath + ".map") == 2)
            #expect(try deployment.verifySmoke().status == 0)
        }
    }
}
