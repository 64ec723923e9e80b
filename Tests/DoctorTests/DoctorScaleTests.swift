import Diagnostics
import Foundation
import Testing
import TestSupport
import ThreadSupport
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

    /// Doctor (in process, with good settings) finds in the long file what it finds in the short one: the same
    /// codes, severities and messages.
    static func expectSameFindings(file name: String, long: String, short: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let longFindings = doctorFindings([name: long], settings: goodSettings())
        let shortFindings = doctorFindings([name: short], settings: goodSettings())
        #expect(summary(longFindings) == summary(shortFindings), sourceLocation: sourceLocation)
        #expect(longFindings.map(\.message) == shortFindings.map(\.message), sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(10)))
    func thousandChainedStagesReportLikeThree() {
        Self.expectSameFindings(file: "Dockerfile", long: Self.chainedDockerfile(stages: 1_000), short: Self.chainedDockerfile(stages: 3))
    }

    @Test(.timeLimit(.minutes(10)))
    func eightHundredChainedTargetsReportLikeThree() {
        Self.expectSameFindings(file: "Earthfile", long: Self.chainedEarthfile(targets: 800), short: Self.chainedEarthfile(targets: 3))
    }

    /// 10,000 chained targets used to overflow the stack: the command ends normally, as for 3 targets.
    @Test(.timeLimit(.minutes(10)))
    func tenThousandChainedTargetsEndNormally() throws {
        let printed = try Self.runDoctorOnLongAndShort(
            file: "Earthfile", long: Self.chainedEarthfile(targets: 10_000), short: Self.chainedEarthfile(targets: 3),
            describingTheLongOne: "10,000 chained targets")
        #expect(printed.long == printed.short)
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

    /// `FROM python AS s0`, then `FROM s{i-1} AS s{i}`, each stage running collectstatic and webpack (every
    /// run has a collectstatic before it and, except the last, one after it in the next stage).
    static func webpackInEveryStage(stages: Int) -> String {
        var text = "FROM python:3.11 AS s0\nWORKDIR /openedx/edx-platform\n"
        for index in 1..<stages {
            text += "FROM s\(index - 1) AS s\(index)\n"
            text += "RUN ./manage.py lms collectstatic --noinput --settings=s\(index) && npm run webpack\n"
        }
        return text
    }

    /// `s{i}` copies `/app` from `s{i-1}` (`COPY --from`), each from its own image; the last one runs webpack.
    static func copyChain(stages: Int) -> String {
        var text = "FROM debian AS s0\nRUN mkdir /app && ./manage.py lms collectstatic --noinput\n"
        for index in 1..<stages { text += "FROM debian AS s\(index)\nCOPY --from=s\(index - 1) /app /app\n" }
        return text + "RUN npm run webpack\n"
    }

    /// 2,000 stages with a webpack run each: the collectstatic rule and the settings locator used to look at
    /// every stage once per run. The command ends normally, with the findings of 3 such stages.
    @Test(.timeLimit(.minutes(10)))
    func twoThousandStagesWithWebpackEndNormally() throws {
        let printed = try Self.runDoctorOnLongAndShort(
            file: "Dockerfile", long: Self.webpackInEveryStage(stages: 2_000), short: Self.webpackInEveryStage(stages: 3),
            describingTheLongOne: "2,000 stages with webpack")
        #expect(Set(printed.long) == Set(printed.short))
        #expect(printed.short.filter { $0 == "PA416" }.count == 1, "only the last run has no collectstatic after it")
        #expect(printed.long.filter { $0 == "PA416" }.count == 1)
    }

    /// A 10,000-long `COPY --from` chain used to overflow the stack (the file placements followed it recursively).
    @Test(.timeLimit(.minutes(10)))
    func tenThousandLongCopyChainEndsNormally() throws {
        let printed = try Self.runDoctorOnLongAndShort(
            file: "Dockerfile", long: Self.copyChain(stages: 10_000), short: Self.copyChain(stages: 3),
            describingTheLongOne: "10,000-long COPY --from chain")
        #expect(printed.long == printed.short)
    }

    /// `t{i}` copies `/app` from `t{i+1}`, defined after it (`COPY +t{i+1}/app`); the last target makes `/app`.
    static func reversedCopyChain(targets: Int) -> String {
        var text = "VERSION 0.7\n"
        for index in 0..<(targets - 1) {
            text += "t\(index):\n    FROM debian\n    COPY +t\(index + 1)/app /app\n    SAVE ARTIFACT /app\n"
        }
        return text + "t\(targets - 1):\n    FROM debian\n    RUN mkdir /app && npm run webpack\n    SAVE ARTIFACT /app\n"
    }

    /// Followed recursively, a chain of copies from targets defined later went one stack frame deeper per
    /// target: on a 512 KiB stack, 10,000 of them overflowed. They must report what 3 of them report.
    @Test(.timeLimit(.minutes(10)))
    func tenThousandCopiesFromLaterTargetsOnASmallStack() {
        let text = Self.reversedCopyChain(targets: 10_000)
        // Without settings, doctor looks for the settings file the build copies into place: it follows every copy.
        let long = Self.onSmallStack { doctorFindings(["Earthfile": text]) }
        let short = doctorFindings(["Earthfile": Self.reversedCopyChain(targets: 3)])
        #expect(Self.summary(long) == Self.summary(short))
    }

    /// Runs `body` on a thread with a 512 KiB stack (the main thread has 8 MiB) and waits for it.
    static func onSmallStack<Value>(_ body: () -> Value) -> Value {
        LargeStackThread.run(stackSize: 512 << 10, body)
    }

    /// The same rule in process: a collectstatic in a stage that copies webpack's output counts as after it.
    @Test func collectstaticInAStageThatCopiesTheBundles() {
        let text = """
            FROM python:3.11 AS assets
            WORKDIR /openedx/edx-platform
            RUN ./manage.py lms collectstatic --noinput && npm run webpack
            FROM python:3.11 AS final
            COPY --from=assets /openedx /openedx
            RUN ./manage.py lms collectstatic --noinput
            """
        #expect(!codes(doctorFindings(["Dockerfile": text], settings: goodSettings())).contains("PA416"))
        let withoutFinalCollect = text.split(separator: "\n").dropLast().joined(separator: "\n")
        #expect(codes(doctorFindings(["Dockerfile": withoutFinalCollect], settings: goodSettings())).contains("PA416"))
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

    /// `proctoring-assets doctor NAME` on a long file and on a short one of the same shape: the long one must end
    /// normally (status 0 to 3, not a signal) with the short one's status. Returns the codes each printed and
    /// prints how long the long one took.
    static func runDoctorOnLongAndShort(
        file name: String, long: String, short: String, describingTheLongOne description: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> (long: [String], short: [String]) {
        let clock = ContinuousClock()
        let started = clock.now
        let longOutcome = try runDoctor(file: name, long)
        print("doctor, \(description): \(clock.now - started)")
        let shortOutcome = try runDoctor(file: name, short)
        #expect((0...3).contains(longOutcome.status), "\(longOutcome.standardError)", sourceLocation: sourceLocation)
        #expect(longOutcome.status == shortOutcome.status, sourceLocation: sourceLocation)
        return (
            codesPrinted(in: longOutcome.standardOutput + longOutcome.standardError),
            codesPrinted(in: shortOutcome.standardOutput + shortOutcome.standardError)
        )
    }

    /// `proctoring-assets doctor NAME` in a fresh folder holding only that file.
    static func runDoctor(file name: String, _ text: String) throws -> ExternalProcess.Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pa-doctor-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        return try ExternalProcess.run(executable, ["doctor", name], environment: environment, currentDirectory: folder.path)
    }

    static func codesPrinted(in output: String) -> [String] {
        output.matches(of: /PA[0-9]{3}/).map { String($0.output) }
    }
}
