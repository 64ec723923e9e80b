import Foundation
import Testing

/// `verify --smoke` on correct builds of the real Proctortrack workers (1.2.1 and 2.0.1 wheels, built by
/// `build` with the native bundler): hermetic by default, so it passes on a machine with no network and no
/// desktop application; with a stand-in application on 127.0.0.1 the 2.x worker passes
/// `--smoke-expect success`, and a stand-in signing with another key makes it fail. Serialized: the
/// stand-in takes port 54545, which the 2.x worker calls.
@Suite(.serialized) struct ProctortrackSmokeTests {
    @Test(arguments: ProctortrackDeployment.Worker.allCases)
    func aCorrectBuildPassesTheHermeticSmokeRun(worker: ProctortrackDeployment.Worker) throws {
        let deployment = try ProctortrackDeployment(worker)
        try deployment.build(extraConfig: ProctortrackDeployment.extraConfig(worker))
        let outcome = try deployment.verifySmoke()
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 0, "\(text)\n\(outcome.standardError)")
        #expect(text.contains("smoke run passed (typed replies required, success or failure; network off"), "\(text)")
        // The worker answered each prompt with its typed failure: no desktop application runs here.
        #expect(text.contains(
            "startExamAttempt (timeout 1000 ms sent) → failed (examAttemptStartFailed), ping (timeout 1000 ms sent) → failed (pingFailed), "
                + "endExamAttempt (timeout 0 ms sent) → failed (examAttemptEndFailed)"), "\(text)")
        #expect(text.contains("note[PA253]: worker answered `startExamAttempt` with its failure reply `examAttemptStartFailed`: "
            + "Error: Proctortrack app is not running."), "\(text)")
        // Its requests to the desktop application failed at once, and are listed.
        #expect(text.contains("note[PA255]"), "\(text)")
        let desktopURL = worker == .v1
            ? "GET https://app.verificient.com:54545/proxy_server/app/proctoring_started/ (XMLHttpRequest)"
            : "GET http://localhost:54545/a7f3e9d2c5b8/ptx/app/status (fetch)"
        #expect(text.contains(desktopURL), "\(text)")
        #expect(!text.contains("error["), "\(text)")
    }

    @Test func theV2WorkerPassesSmokeExpectSuccessAgainstAStandInThatSignsWithItsKey() throws {
        let standIn = try DesktopStandIn()
        defer { standIn.stop() }
        let deployment = try ProctortrackDeployment(.v2)
        try deployment.build(extraConfig: ProctortrackDeployment.extraConfig(.v2, publicKey: standIn.publicKey))

        let outcome = try deployment.verifySmoke(["--smoke-expect", "success", "--smoke-allow", "127.0.0.1:54545"])
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 0, "\(text)\n\(outcome.standardError)")
        #expect(text.contains(
            "smoke run passed (success replies required; network off except 2 allowed URL(s)): "
                + "startExamAttempt (timeout 1000 ms sent) → examAttemptStarted, ping (timeout 1000 ms sent) → echo, "
                + "endExamAttempt (timeout 0 ms sent) → examAttemptEnded"), "\(text)")
        #expect(standIn.requests == [
            "GET /a7f3e9d2c5b8/ptx/app/status", "GET /a7f3e9d2c5b8/ptx/app/status", "POST /a7f3e9d2c5b8/ptx/app/close",
        ])

        // Without --smoke-allow nothing reaches it, though it listens: success cannot be had.
        let hermetic = try deployment.verifySmoke(["--smoke-expect", "success"])
        let hermeticText = hermetic.standardOutput + hermetic.standardError
        #expect(hermetic.status == 1, "\(hermeticText)")
        #expect(hermeticText.contains("error[PA248]: worker refused `startExamAttempt`"), "\(hermeticText)")
        #expect(standIn.requests.count == 3)
    }

    @Test func aStandInSigningWithAnotherKeyFailsSmokeExpectSuccess() throws {
        let standIn = try DesktopStandIn(signWithAnotherKey: true)
        defer { standIn.stop() }
        let deployment = try ProctortrackDeployment(.v2)
        try deployment.build(extraConfig: ProctortrackDeployment.extraConfig(.v2, publicKey: standIn.publicKey))

        let outcome = try deployment.verifySmoke(["--smoke-expect", "success", "--smoke-allow", "127.0.0.1:54545"])
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 1, "\(text)")
        #expect(text.contains("smoke run FAILED (success replies required"), "\(text)")
        #expect(text.contains("error[PA248]: worker refused `startExamAttempt`: it replied `examAttemptStartFailed`"), "\(text)")
        #expect(text.contains("note: error sent by the worker: Error: Invalid signature"), "\(text)")
        #expect(!standIn.requests.isEmpty)
    }

    @Test func aSmokeAllowThatIsNotLoopbackIsRefusedWithPA256() throws {
        let deployment = try ProctortrackDeployment(.v1)
        try deployment.build(extraConfig: ProctortrackDeployment.extraConfig(.v1))
        let outcome = try deployment.verifySmoke(["--smoke-allow", "app.verificient.com:54545"])
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 2, "\(text)")
        #expect(text.contains("error[PA256]"), "\(text)")
    }

    /// Broken bundles of the same build: each fails the smoke run (or the checks before it) with its code.
    @Test(arguments: [
        ("throws on load", "PA244"), ("never replies", "PA247"), ("define left in", "PA335"),
    ])
    func aBrokenBundleFails(fault: String, code: String) throws {
        let deployment = try ProctortrackDeployment(.v1)
        try deployment.build(extraConfig: ProctortrackDeployment.extraConfig(.v1))
        let built = try String(contentsOfFile: deployment.bundlePath, encoding: .utf8)
        let broken: String
        switch fault {
        case "throws on load": broken = "throw new Error('broken at load');\n" + built
        case "never replies": broken = "self.addEventListener('message', function () {});\n"
        default: broken = built + "\nvar leftover = process.env.JS_ENV_EXTRA_CONFIG.PROCTORTRACK_CDN_URL;\n"
        }
        try broken.write(toFile: deployment.bundlePath, atomically: true, encoding: .utf8)

        let outcome = try deployment.verifySmoke()
        let text = outcome.standardOutput + outcome.standardError
        #expect(outcome.status == 1, "\(text)")
        #expect(text.contains("error[\(code)]"), "\(text)")
        #expect(!text.contains("smoke run passed"), "\(text)")
    }
}
