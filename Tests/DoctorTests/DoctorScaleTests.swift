import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Doctor

/// Generated build files of a shape that used to make doctor quadratic, exponential or overflow its
/// stack: a long chain must give what a short chain of the same shape gives. The time limits only catch
/// a hang; speed is never asserted.
@Suite struct DoctorScaleTests {
    /// `FROM debian AS s0`, then `FROM s{i-1} AS s{i}` + `RUN echo {i}`.
    static func chainedDockerfile(stages: Int) -> String {
        var text = "FROM debian AS s0\n"
        for index in 1..<stages { text += "FROM s\(index - 1) AS s\(index)\nRUN echo \(index)\n" }
        return text
    }

    /// `t0:` from an image, then `t{i}:` / `FROM +t{i-1}` / `RUN echo {i}`.
    static func chainedEarthfile(targets: Int) -> String {
        var text = "VERSION 0.7\nt0:\n    FROM debian\n    RUN echo 0\n"
        for index in 1..<targets { text += "t\(index):\n    FROM +t\(index - 1)\n    RUN echo \(index)\n" }
        return text
    }

    /// `ENV V0=ab`, then `ENV V{i}=${V{i-1}}${V{i-1}}` (each value twice the previous one), then `tail`.
    static func doublingEnvironment(steps: Int, tail: String) -> String {
        var text = "FROM python:3.11\nENV V0=ab\n"
        for index in 1...steps { text += "ENV V\(index)=${V\(index - 1)}${V\(index - 1)}\n" }
        return text + tail
    }

    static func summary(_ findings: [Diagnostic]) -> [String] {
        findings.map { "\($0.code.identifier) \($0.severity)" }
    }

    @Test(.timeLimit(.minutes(10)))
    func thousandChainedStagesReportLikeThree() {
        let long = doctorFindings(["Dockerfile": Self.chainedDockerfile(stages: 1_000)], settings: goodSettings())
        let short = doctorFindings(["Dockerfile": Self.chainedDockerfile(stages: 3)], settings: goodSettings())
        #expect(Self.summary(long) == Self.summary(short))
        #expect(long.map(\.message) == short.map(\.message))
    }

    @Test(.timeLimit(.minutes(10)))
    func eightHundredChainedTargetsReportLikeThree() {
        let long = doctorFindings(["Earthfile": Self.chainedEarthfile(targets: 800)], settings: goodSettings())
        let short = doctorFindings(["Earthfile": Self.chainedEarthfile(targets: 3)], settings: goodSettings())
        #expect(Self.summary(long) == Self.summary(short))
        #expect(long.map(\.message) == short.map(\.message))
    }

    /// 10,000 chained targets used to overflow the stack: the command ends normally, as for 3 targets.
    @Test(.timeLimit(.minutes(10)))
    func tenThousandChainedTargetsEndNormally() throws {
        let long = try Self.runDoctor(earthfile: Self.chainedEarthfile(targets: 10_000))
        let short = try Self.runDoctor(earthfile: Self.chainedEarthfile(targets: 3))
        #expect((0...3).contains(long.status), "\(long.standardError)")
        #expect(long.status == short.status)
        #expect(Self.codesPrinted(in: long.standardOutput + long.standardError) == Self.codesPrinted(in: short.standardOutput + short.standardError))
    }

    /// Doubling a value 64 times would need 2^65 bytes: past the expansion bound the value is unknown.
    @Test(.timeLimit(.minutes(10)))
    func doublingVariablesFinishLikeAShortChain() {
        let tail = "RUN npm run webpack\n"
        let long = doctorFindings(["Dockerfile": Self.doublingEnvironment(steps: 64, tail: tail)], settings: goodSettings())
        let short = doctorFindings(["Dockerfile": Self.doublingEnvironment(steps: 3, tail: tail)], settings: goodSettings())
        #expect(Self.summary(long) == Self.summary(short))
    }

    /// A value past the bound is one doctor cannot decide, which it says (PA407), like any unknown value.
    @Test(.timeLimit(.minutes(10)))
    func doublingVariablePastTheBoundIsUnknown() {
        let tail = "ENV JS_ENV_EXTRA_CONFIG=${V64}\nRUN npm run webpack\n"
        let long = doctorFindings(["Dockerfile": Self.doublingEnvironment(steps: 64, tail: tail)], settings: goodSettings())
        let unknown = doctorFindings(
            ["Dockerfile": "FROM python:3.11\nARG CONFIG\nENV JS_ENV_EXTRA_CONFIG=${CONFIG}\nRUN npm run webpack\n"],
            settings: goodSettings())
        #expect(codes(long).contains("PA407"), "\(codes(long))")
        #expect(codes(long) == codes(unknown))
        let shortTail = "ENV JS_ENV_EXTRA_CONFIG=${V3}\nRUN npm run webpack\n"
        let short = doctorFindings(["Dockerfile": Self.doublingEnvironment(steps: 3, tail: shortTail)], settings: goodSettings())
        #expect(!codes(short).contains("PA407"), "a value within the bound is known: \(codes(short))")
    }

    @Test func expansionStopsAtTheBound() {
        let half = String(repeating: "a", count: BuildTimeline.expansionLimit / 2)
        let environment = ["H": EnvironmentBinding(value: half, location: .environment("H"), origin: .environmentInstruction)]
        #expect(BuildTimeline.expand("${H}${H}", in: environment)?.utf8.count == BuildTimeline.expansionLimit)
        #expect(BuildTimeline.expand("${H}${H}x", in: environment) == nil)
    }

    // MARK: - The command

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `proctoring-assets` (PA_TEST_BINARY overrides the path).
    static var executable: String {
        if let configured = ProcessInfo.processInfo.environment["PA_TEST_BINARY"], !configured.isEmpty { return configured }
        return packageRoot + "/.build/debug/proctoring-assets"
    }

    static func runDoctor(earthfile: String) throws -> ExternalProcess.Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pa-doctor-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try earthfile.write(to: folder.appendingPathComponent("Earthfile"), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        return try ExternalProcess.run(executable, ["doctor", "Earthfile"], environment: environment, currentDirectory: folder.path)
    }

    static func codesPrinted(in output: String) -> [String] {
        output.matches(of: /PA[0-9]{3}/).map { String($0.output) }
    }
}
