import Foundation
import Testing
import TestSupport

/// `serve` as a user runs it: the built binary over the example build, a real headless chromium, real
/// signals.
@Suite("serve end to end", .serialized)
struct ServeCommandTests {
    static let examPath = "/api/edx_proctoring/v1/proctored_exam/attempt/course_id/course-v1:Example+Proctoring+2026"
        + "?content_id=block-v1%3AExample%2BProctoring%2B2026%2Btype%40sequential%2Bblock%40exam"

    /// `build --example --example-dir DIR`, as the README's line does first.
    static func builtExample() throws -> String {
        let folder = try CommandLineRunner.temporaryFolder("serve")
        let example = folder + "/example"
        let built = try CommandLineRunner.run(["build", "--example", "--example-dir", example])
        guard built.status == 0 else { throw ServeFailure("build --example failed:\n\(built.standardOutput)\n\(built.standardError)") }
        return folder
    }

    @Test func headlessChromiumSeesTheWorkerAnswerThroughJS1AndJS2() throws {
        let chromium = try #require(
            ProcessInfo.processInfo.environment["PA_TEST_CHROMIUM"],
            "run the tests through scripts/test (it installs Debian's chromium)")
        let folder = try Self.builtExample()
        let server = try ServeProcess(
            arguments: ["--example", "--example-dir", folder + "/example", "--seed-example", "--db", ":memory:"], folder: folder)
        let workerURL = "\(server.origin)/static/bundles/example-proctor-worker.js"
        #expect(server.log.contains("url=\(workerURL)"), "the start-up log names the worker URL:\n\(server.log)")

        let run = try ExternalProcess.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(folder)/chromium-profile", "--dump-dom",
            "\(server.origin)/login?user=preview&next=/preview",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let dom = run.standardOutput
        let element = try #require(
            dom.range(of: #"<pre id="worker-results" data-status="[a-z]+">"#, options: .regularExpression),
            "no #worker-results in the DOM:\n\(dom.prefix(2000))")
        #expect(dom[element].contains(#"data-status="passed""#), "\(dom[element.upperBound...].prefix(4000))")
        let inner = dom[element.upperBound...].prefix { $0 != "<" }
        let text = inner.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(results["status"] as? String == "passed")
        let workers = try #require(results["workers"] as? [[String: Any]])
        #expect(workers.count == 1)
        let worker = try #require(workers.first)
        #expect(worker["backend"] as? String == "example_proctor")
        for path in ["js1", "js2"] {
            let delivery = try #require(worker[path] as? [String: Any], "\(path) missing")
            #expect(delivery["workerURL"] as? String == workerURL, "\(path)")
            let replies = try #require(delivery["results"] as? [[String: Any]])
            #expect(replies.map { $0["prompt"] as? String } == ["startExamAttempt", "ping", "endExamAttempt"], "\(path)")
            #expect(replies.map { ($0["reply"] as? [String: Any])?["type"] as? String } == ["examAttemptStarted", "echo", "examAttemptEnded"], "\(path)")
            #expect(replies.allSatisfy { $0["latencyMs"] is NSNumber }, "\(path)")
        }
        // Graceful shutdown on SIGTERM: exit status 0.
        #expect(server.stop(signal: SIGTERM) == 0, "\(server.log)")
    }

    @Test func attemptsSurviveARestartAndSigkillLeavesAConsistentDatabase() throws {
        let folder = try Self.builtExample()
        let database = folder + "/serve.sqlite"
        let arguments = ["--example", "--example-dir", folder + "/example", "--seed-example", "--db", database]
        var server = try ServeProcess(arguments: arguments, folder: folder)
        let learner = try CurlSession(folder: folder, name: "learner")
        _ = try learner.request("\(server.origin)/login?user=learner")
        let token = try #require(try learner.json("\(server.origin)/csrf/api/v1/token").1["csrfToken"] as? String)
        let exam = try #require(try learner.json(server.origin + Self.examPath).1["exam"] as? [String: Any])
        let examID = try #require(exam["id"] as? Int)
        let (created, createdBody) = try learner.json(
            "\(server.origin)/api/edx_proctoring/v1/proctored_exam/attempt", method: "POST",
            json: #"{"exam_id": \#(examID), "start_clock": "false", "attempt_proctored": "true"}"#, csrf: token)
        #expect(created == 200)
        let attemptID = try #require(createdBody["exam_attempt_id"] as? Int)
        #expect(server.stop(signal: SIGTERM) == 0)

        // Restart: the session and the attempt are still there.
        server = try ServeProcess(arguments: arguments, folder: folder)
        var attempt = try #require(try learner.json(server.origin + Self.examPath).1["exam"] as? [String: Any])["attempt"] as? [String: Any]
        #expect(attempt?["attempt_id"] as? Int == attemptID)
        #expect(attempt?["attempt_status"] as? String == "created")

        // Writes in flight (each login adds a user and its session in one transaction), then SIGKILL.
        let load = Process()
        load.executableURL = URL(fileURLWithPath: "/bin/sh")
        load.arguments = ["-c", "i=0; while [ $i -lt 400 ]; do i=$((i+1)); curl -s -o /dev/null \"\(server.origin)/login?user=load$i\" || exit 0; done"]
        load.standardOutput = FileHandle.nullDevice
        load.standardError = FileHandle.nullDevice
        try load.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && !server.log.contains("user=load5") && !server.log.contains("/login") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        server.stop(signal: SIGKILL)
        load.waitUntilExit()

        let python = ProcessInfo.processInfo.environment["PA_TEST_PYTHON"] ?? "python3"
        let check = try ExternalProcess.run(python, ["-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print(db.execute('pragma integrity_check').fetchone()[0])
            print(len(db.execute('pragma foreign_key_check').fetchall()))
            print(db.execute("select count(*) from user where username like 'load%' and id not in (select user_id from session)").fetchone()[0])
            print(db.execute("select count(*) from user where username like 'load%'").fetchone()[0])
            """, database])
        let lines = check.standardOutput.split(separator: "\n").map(String.init)
        #expect(check.status == 0, "\(check.standardError)")
        #expect(lines.first == "ok", "integrity_check: \(lines)")
        #expect(lines.dropFirst().first == "0", "foreign keys: \(lines)")
        #expect(lines.dropFirst(2).first == "0", "a user without its session: \(lines)")
        #expect((Int(lines.last ?? "") ?? 0) > 0, "no write happened before the kill")

        // And the server starts again on it, with the attempt intact.
        server = try ServeProcess(arguments: arguments, folder: folder)
        attempt = try #require(try learner.json(server.origin + Self.examPath).1["exam"] as? [String: Any])["attempt"] as? [String: Any]
        #expect(attempt?["attempt_id"] as? Int == attemptID)
        server.stop(signal: SIGTERM)
    }
}
