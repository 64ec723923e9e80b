import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OrderedJSON
import Testing
@testable import PreviewServer

@Suite("edx-proctoring REST subset (JS 2.0)")
struct ProctoringAPITests {
    static let api = "/api/edx_proctoring/v1/proctored_exam"

    @Test func requestsWithoutSessionAreRefusedLikeDRF() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let anonymous = BrowserSession(client: client)
            for path in [BrowserSession.examPath, "\(Self.api)/attempt/1", "\(Self.api)/attempt", "\(Self.api)/active_attempt",
                         "\(Self.api)/settings/exam_id/1/", "\(Self.api)/review_policy/exam_id/1/"] {
                let (status, body) = try await anonymous.json(path)
                #expect(status == .forbidden, "\(path)")
                #expect(body["detail"]?.stringValue == "Authentication credentials were not provided.", "\(path)")
            }
        }
    }

    @Test func csrfTokenIsRequiredForWrites() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            var learner = try await BrowserSession.login("learner", client: client)
            let (tokenStatus, tokenBody) = try await learner.json("/csrf/api/v1/token")
            #expect(tokenStatus == .ok)
            #expect(tokenBody["csrfToken"]?.stringValue == learner.cookies["csrftoken"])
            let examID = try #require(try await learner.exampleExam()["id"]?.intValue)
            let body = #"{"exam_id": \#(examID), "start_clock": "false", "attempt_proctored": "true"}"#

            learner.sendsCSRFHeader = false
            var (status, reply) = try await learner.json("\(Self.api)/attempt", method: .post, json: body)
            #expect(status == .forbidden)
            #expect(reply["detail"]?.stringValue == "CSRF Failed: CSRF token missing.")

            let wrong = try await learner.request(
                "\(Self.api)/attempt", method: .post, json: body, headers: [BrowserSession.csrfHeader: "not-the-token"])
            #expect(wrong.status == .forbidden)
            #expect(try JSONParser.parse(String(buffer: wrong.body))["detail"]?.stringValue == "CSRF Failed: CSRF token incorrect.")

            learner.sendsCSRFHeader = true
            var withoutCookie = learner
            withoutCookie.cookies["csrftoken"] = nil
            let noCookie = try await withoutCookie.request(
                "\(Self.api)/attempt", method: .post, json: body, headers: [BrowserSession.csrfHeader: "anything"])
            #expect(noCookie.status == .forbidden)
            #expect(try JSONParser.parse(String(buffer: noCookie.body))["detail"]?.stringValue == "CSRF Failed: CSRF cookie not set.")

            (status, reply) = try await learner.json("\(Self.api)/attempt", method: .post, json: body)
            #expect(status == .ok)
            #expect(reply["exam_attempt_id"]?.intValue != nil)
        }
    }

    @Test func examWithoutAttemptHasUpstreamFields() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let (status, body) = try await learner.json(BrowserSession.examPath)
            #expect(status == .ok)
            let exam = try #require(body["exam"])
            #expect(exam.objectMembers?.map(\.key) == [
                "id", "course_id", "content_id", "external_id", "exam_name", "time_limit_mins", "is_proctored",
                "is_practice_exam", "is_active", "due_date", "hide_after_due", "backend", "total_time", "prerequisite_status",
                "attempt", "type", "passed_due_date", "use_legacy_attempt_api",
            ])
            #expect(exam["course_id"]?.stringValue == "course-v1:Example+Proctoring+2026")
            #expect(exam["content_id"]?.stringValue == "block-v1:Example+Proctoring+2026+type@sequential+block@exam")
            #expect(exam["backend"]?.stringValue == "example_proctor")
            #expect(exam["type"]?.stringValue == "proctored")
            #expect(exam["total_time"]?.stringValue == "1 hour")
            #expect(exam["attempt"] == .object([]))
            #expect(exam["prerequisite_status"]?["are_prerequisites_satisifed"] == .bool(true))
            #expect(exam["use_legacy_attempt_api"] == .bool(true))
            #expect(body["active_attempt"] == .object([]))

            let (_, latest) = try await learner.json("\(Self.api)/attempt/course_id/course-v1:Example+Proctoring+2026?is_learning_mfe=true")
            #expect(latest == .object([JSONMember("exam", .object([])), JSONMember("active_attempt", .object([]))]))
            let (_, unknown) = try await learner.json("\(Self.api)/attempt/course_id/course-v1:Example+Proctoring+2026?content_id=nope")
            #expect(unknown["exam"] == .object([]))
            let (staffOnly, staffBody) = try await learner.json(BrowserSession.examPath + "&user_id=2")
            #expect(staffOnly == .forbidden)
            #expect(staffBody["detail"]?.stringValue == "Must be a Staff User to Perform this request.")
        }
    }

    /// The MFE's proctored path: create, provider ready, start, stop, submit, with the worker URL on the way.
    @Test func proctoredAttemptFollowsTheUpstreamStateMachine() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let examID = try #require(try await learner.exampleExam()["id"]?.intValue)
            let attemptID = try await learner.createExampleAttempt(examID: examID)

            var exam = try await learner.exampleExam()
            var attempt = try #require(exam["attempt"])
            #expect(attempt["attempt_status"]?.stringValue == "created")
            #expect(attempt["attempt_id"]?.intValue == attemptID)
            #expect(attempt["desktop_application_js_url"]?.stringValue == PreviewFixture.workerURL)
            #expect(attempt["ping_interval"]?.intValue == 60)
            #expect(attempt["exam_started_poll_url"]?.stringValue == "\(Self.api)/attempt/\(attemptID)")
            #expect(attempt["use_legacy_attempt_api"] == .bool(true))
            #expect(attempt["software_download_url"] != nil)
            let externalID = try #require(attempt["external_id"]?.stringValue)

            let (again, againBody) = try await learner.json(
                "\(Self.api)/attempt", method: .post, json: #"{"exam_id": \#(examID), "start_clock": "false", "attempt_proctored": "true"}"#)
            #expect(again == .badRequest)
            #expect(againBody["detail"]?.stringValue?.contains("because it already exists!") == true)

            let (download, _) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "click_download_software"}"#)
            #expect(download == .ok)
            #expect(try await learner.exampleExam()["attempt"]?["attempt_status"]?.stringValue == "download_software_clicked")

            let (unknownReady, unknownBody) = try await learner.json("\(Self.api)/attempt/not-an-external-id/ready", method: .post)
            #expect(unknownReady == .notFound)
            #expect(unknownBody == .string("You have entered an exam code that is not valid."))
            let (ready, readyBody) = try await learner.json("\(Self.api)/attempt/\(externalID)/ready", method: .post)
            #expect(ready == .ok)
            #expect(readyBody == .string("OK"))
            #expect(try await learner.exampleExam()["attempt"]?["attempt_status"]?.stringValue == "ready_to_start")

            var (status, reply) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "start"}"#)
            #expect(status == .ok)
            #expect(reply == .object([JSONMember("exam_attempt_id", .integer(attemptID))]))
            let (full, fullBody) = try await learner.json(BrowserSession.examPath)
            #expect(full == .ok)
            exam = try #require(fullBody["exam"])
            attempt = try #require(exam["attempt"])
            #expect(attempt["attempt_status"]?.stringValue == "started")
            #expect(fullBody["active_attempt"] == attempt)
            let remaining = try #require(Double(attempt["time_remaining_seconds"].flatMap { if case .number(let d) = $0 { d } else { nil } } ?? ""))
            #expect(remaining > 3500 && remaining <= 3600)

            (status, reply) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "start"}"#)
            #expect(status == .badRequest)
            #expect(reply["detail"]?.stringValue?.contains("because it has already started!") == true)

            // E3: the raw attempt, without the worker URL.
            let (poll, pollBody) = try await learner.json("\(Self.api)/attempt/\(attemptID)")
            #expect(poll == .ok)
            #expect(pollBody["status"]?.stringValue == "started")
            #expect(pollBody["time_remaining_seconds"] != nil)
            #expect(pollBody["desktop_application_js_url"] == nil)
            #expect(pollBody["user"]?["username"]?.stringValue == "learner")
            #expect(pollBody["proctored_exam"]?["id"]?.intValue == examID)

            // E11 (legacy timer) and E9 carry the worker URL too.
            let (_, legacy) = try await learner.json("\(Self.api)/attempt")
            #expect(legacy["desktop_application_js_url"]?.stringValue == PreviewFixture.workerURL)
            #expect(legacy["exam_url_path"]?.stringValue?.hasPrefix("/courses/course-v1:Example+Proctoring+2026/jump_to/") == true)
            let (_, active) = try await learner.json("\(Self.api)/active_attempt")
            #expect(active["attempt_id"]?.intValue == attemptID)

            (status, _) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "stop"}"#)
            #expect(status == .ok)
            #expect(try await learner.exampleExam()["attempt"]?["attempt_status"]?.stringValue == "ready_to_submit")
            (status, _) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "submit"}"#)
            #expect(status == .ok)
            #expect(try await learner.exampleExam()["attempt"]?["attempt_status"]?.stringValue == "submitted")
            let (_, noLongerActive) = try await learner.json("\(Self.api)/attempt")
            #expect(noLongerActive == .object([JSONMember("in_timed_exam", false), JSONMember("is_proctored", false)]))

            // Completed -> incomplete is illegal (ProctoredExamIllegalStatusTransition, 400).
            (status, reply) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "start"}"#)
            #expect(status == .badRequest)
            #expect(reply["detail"]?.stringValue?.contains(#"from "submitted" to "started""#) == true)
            // A ping failure after submission does not block: {"exam_attempt_id": false}.
            (status, reply) = try await learner.json(
                "\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "error", "detail": "worker failed to respond"}"#)
            #expect(status == .ok)
            #expect(reply == .object([JSONMember("exam_attempt_id", false)]))
            // Not a practice exam: no reset.
            (status, reply) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "reset_attempt"}"#)
            #expect(status == .badRequest)
        }
    }

    @Test func anotherUsersAttemptIsForbidden() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let other = try await BrowserSession.login("other", client: client)
            let examID = try #require(try await learner.exampleExam()["id"]?.intValue)
            let attemptID = try await learner.createExampleAttempt(examID: examID)

            let (read, readBody) = try await other.json("\(Self.api)/attempt/\(attemptID)")
            #expect(read == .forbidden)
            #expect(readBody["detail"]?.stringValue?.contains("does not have authorization") == true)
            let (write, writeBody) = try await other.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "submit"}"#)
            #expect(write == .forbidden)
            #expect(writeBody["detail"]?.stringValue?.contains("does not have access to it. (action=submit)") == true)
            let (staff, _) = try await other.json(
                "\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "mark_ready_to_resume", "user_id": 1}"#)
            #expect(staff == .forbidden)
            // The other user sees no attempt of their own, and the learner's attempt is unchanged.
            #expect(try await other.exampleExam()["attempt"] == .object([]))
            #expect(try await learner.exampleExam()["attempt"]?["attempt_status"]?.stringValue == "created")
            let (missing, missingBody) = try await learner.json("\(Self.api)/attempt/9999")
            #expect(missing == .badRequest)
            #expect(missingBody["detail"]?.stringValue?.contains("does not exist") == true)
        }
    }

    /// The legacy page's jQuery PUTs are form-encoded; errors, declines and unknown actions.
    @Test func legacyFormActionsDeclineErrorAndUnknownActions() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let examID = try #require(try await learner.exampleExam()["id"]?.intValue)
            let attemptID = try await learner.createExampleAttempt(examID: examID)
            var (status, reply) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, form: "action=start")
            #expect(status == .ok)
            #expect(reply["exam_attempt_id"]?.intValue == attemptID)
            (status, reply) = try await learner.json(
                "\(Self.api)/attempt/\(attemptID)", method: .put, form: "action=error&detail=worker+failed+to+respond+after+60000+ms")
            #expect(status == .ok)
            #expect(try await learner.exampleExam()["attempt"]?["attempt_status"]?.stringValue == "error")
            let response = try await learner.request("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "ping"}"#)
            #expect(response.status == .internalServerError)

            // Declining proctoring: attempt_proctored "false" on a proctored exam.
            let other = try await BrowserSession.login("other", client: client)
            let (created, createdBody) = try await other.json(
                "\(Self.api)/attempt", method: .post, json: #"{"exam_id": \#(examID), "start_clock": "false", "attempt_proctored": "false"}"#)
            #expect(created == .ok)
            #expect(createdBody["exam_attempt_id"]?.intValue != nil)
            let declined = try await other.exampleExam()["attempt"]
            #expect(declined?["attempt_status"]?.stringValue == "declined")
            #expect(declined?["desktop_application_js_url"]?.stringValue == PreviewFixture.workerURL)
        }
    }

    @Test func practiceAttemptCanBeResetAndSettingsAndPolicyAnswer() async throws {
        let app = try await buildQuietApplication(try PreviewFixture().configuration())
        try await app.test(.router) { client in
            let learner = try await BrowserSession.login("learner", client: client)
            let practicePath = "\(Self.api)/attempt/course_id/\(PreviewRoutes.previewCourseID)?content_id="
                + PreviewRoutes.previewContentID(backend: "example_proctor")
            let practice = try #require(try await learner.json(practicePath).1["exam"])
            #expect(practice["type"]?.stringValue == "practice")
            let examID = try #require(practice["id"]?.intValue)
            let attemptID = try await learner.createExampleAttempt(examID: examID)
            var (status, reply) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "reset_attempt"}"#)
            #expect(status == .badRequest, "an incomplete attempt cannot be reset")
            (status, _) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "decline"}"#)
            #expect(status == .ok)
            (status, reply) = try await learner.json("\(Self.api)/attempt/\(attemptID)", method: .put, json: #"{"action": "reset_attempt"}"#)
            #expect(status == .ok)
            let newID = try #require(reply["exam_attempt_id"]?.intValue)
            #expect(newID != attemptID)
            let after = try await learner.json(practicePath).1["exam"]?["attempt"]
            #expect(after?["attempt_id"]?.intValue == newID)
            #expect(after?["attempt_status"]?.stringValue == "created")

            let (settings, settingsBody) = try await learner.json("\(Self.api)/settings/exam_id/\(examID)/")
            #expect(settings == .ok)
            #expect(settingsBody.objectMembers?.map(\.key) == ["platform_name", "contact_us", "link_urls", "exam_proctoring_backend"])
            #expect(settingsBody["exam_proctoring_backend"]?["provider_name"]?.stringValue == "example_proctor")
            #expect(settingsBody["exam_proctoring_backend"]?["instructions"]?.arrayValue?.isEmpty == false)
            let (_, practicePolicy) = try await learner.json("\(Self.api)/review_policy/exam_id/\(examID)/")
            #expect(practicePolicy == .object([JSONMember("review_policy", .null)]))
            let exampleID = try #require(try await learner.exampleExam()["id"]?.intValue)
            let (_, policy) = try await learner.json("\(Self.api)/review_policy/exam_id/\(exampleID)/")
            #expect(policy["review_policy"]?.stringValue?.isEmpty == false)
            let (missing, missingBody) = try await learner.json("\(Self.api)/settings/exam_id/9999/")
            #expect(missing == .badRequest)
            #expect(missingBody["detail"]?.stringValue?.contains("does not exist") == true)
        }
    }
}
