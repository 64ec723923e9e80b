import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OrderedJSON
import Testing
@testable import PreviewServer

@Suite("Login, JS 1.0 page, worker test page, persistence")
struct PagesTests {
    @Test func loginSetsASessionAndRefusesBadNames() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let login = try await client.execute(uri: "/login?user=learner&next=/preview", method: .get)
            #expect(login.status == .found)
            #expect(login.headers[.location] == "/preview")
            #expect(login.headers[values: .setCookie].contains { $0.hasPrefix("sessionid=") && $0.contains("HttpOnly") })
            let offsite = try await client.execute(uri: "/login?user=learner&next=//evil.example", method: .get)
            #expect(offsite.headers[.location] == "/preview")
            for bad in ["/login", "/login?user=", "/login?user=a%20b", "/login?user=%3Cscript%3E"] {
                let response = try await client.execute(uri: bad, method: .get)
                #expect(response.status == .badRequest, "\(bad)")
            }
            let preview = try await client.execute(uri: "/preview", method: .get)
            #expect(preview.status == .found)
            #expect(preview.headers[.location] == "/login?user=preview&next=/preview")
        }
    }

    @Test func legacyPageCarriesTheWorkerURLInThePageContext() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let page = "/courses/course-v1:Example+Proctoring+2026/jump_to/block-v1:Example+Proctoring+2026+type@sequential+block@exam"
            var html = String(buffer: try await learner.request(page, method: .get).body)
            #expect(html.contains("class=\"enter-exam\""))
            #expect(!html.contains("configuredWorkerURL ="))
            let examID = try #require(try await learner.exampleExam()["id"]?.intValue)
            let attemptID = try await learner.createExampleAttempt(examID: examID)
            let externalID = try #require(try await learner.exampleExam()["attempt"]?["external_id"]?.stringValue)
            html = String(buffer: try await learner.request(page, method: .get).body)
            #expect(html.contains("data-external-id=\"\(externalID)\""))
            _ = try await learner.json("/api/edx_proctoring/v1/proctored_exam/attempt/\(externalID)/ready", method: .post)

            let response = try await learner.request(page, method: .get)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            html = String(buffer: response.body)
            #expect(html.contains("edx.courseware.proctored_exam.configuredWorkerURL = \"\(PreviewFixture.workerURL)\";"))
            #expect(html.contains("edx.courseware.proctored_exam.ProctoringAppPingInterval = 60;"))
            #expect(html.contains("class=\"proctored-enter-exam\" data-action=\"start\" data-change-state-url=\"/api/edx_proctoring/v1/proctored_exam/attempt/\(attemptID)\""))
            #expect(html.contains("new Blob([\"importScripts('\" + url + \"');\"], { type: 'application/javascript' })"))

            let anonymous = try await client.execute(uri: page, method: .get)
            #expect(anonymous.status == .found)
            let missing = try await learner.request("/courses/course-v1:Example+Proctoring+2026/jump_to/nope", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func workerTestPageListsBackendsAndStartsRunning() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let preview = try await BrowserSession.login("preview", client: client)
            let html = String(buffer: try await preview.request("/preview", method: .get).body)
            #expect(html.contains("<pre id=\"worker-results\" data-status=\"running\">"))
            #expect(html.contains(PreviewFixture.workerURL))
            #expect(html.contains("example_proctor (DEFAULT)"))
            let run = try #require(html.firstRange(of: "/preview/hold/").map { html[$0.upperBound...].prefix { $0 != "\"" } })
            #expect(try await preview.request("/preview/done/\(run)", method: .post).status == .noContent)
            #expect(try await preview.request("/preview/hold/\(run)", method: .get).status == .ok)
            #expect(try await preview.request("/preview/done/unknown", method: .post).status == .notFound)
            #expect(try await preview.request("/preview/hold/unknown", method: .get).status == .notFound)
        }
    }

    @Test func attemptsSurviveARestartWithAFileDatabase() async throws {
        let fixture = try PreviewFixture()
        let database = DatabaseLocation.file(fixture.root + "/serve.sqlite")
        let first = try await buildQuietApplication(fixture.configuration(database: database))
        let attemptID = try await first.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let examID = try #require(try await learner.exampleExam()["id"]?.intValue)
            return try await learner.createExampleAttempt(examID: examID)
        }
        // A second server on the same file: migrations and seeding run again and change nothing.
        let second = try await buildQuietApplication(fixture.configuration(database: database))
        try await second.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let attempt = try await learner.exampleExam()["attempt"]
            #expect(attempt?["attempt_id"]?.intValue == attemptID)
            #expect(attempt?["attempt_status"]?.stringValue == "created")
            let exams = try await AttemptStore.open(database).exams()
            #expect(exams.count == 3)
        }
    }

    @Test func statusTransitionsFollowStatusesPy() throws {
        #expect(try AttemptStatus.started.transition(to: .readyToStart).get() == .submitted)
        #expect(try AttemptStatus.started.transition(to: .timedOut).get() == .submitted)
        #expect(try AttemptStatus.created.transition(to: .readyToStart).get() == .readyToStart)
        #expect((try? AttemptStatus.declined.transition(to: .started).get()) == nil)
        #expect((try? AttemptStatus.error.transition(to: .created).get()) == nil)
        #expect(try AttemptStatus.submitted.transition(to: .verified).get() == .verified)
    }
}
