import Foundation
import Hummingbird
import OrderedJSON

/// The subset of edx-proctoring's REST API that frontend-lib-special-exams (JS 2.0) and the legacy
/// courseware JavaScript (JS 1.0) call, with upstream's URLs, field names and status codes.
struct ProctoringAPIController: Sendable {
    typealias Context = PreviewRequestContext
    let configuration: PreviewConfiguration
    let store: AttemptStore

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("proctored_exam/attempt/course_id/{course_id}", use: examAndAttempt)
        group.get("proctored_exam/attempt/{attempt_id}", use: attemptStatus)
        group.put("proctored_exam/attempt/{attempt_id}", use: updateAttempt)
        group.post("proctored_exam/attempt", use: createAttempt)
        group.get("proctored_exam/attempt", use: legacyActiveAttempt)
        // urls.py names this capture external_id; one trie node cannot have two capture names.
        group.post("proctored_exam/attempt/{attempt_id}/ready", use: examReady)
        group.get("proctored_exam/active_attempt", use: activeAttempt)
        group.get("proctored_exam/settings/exam_id/{exam_id}", use: proctoringSettings)
        group.get("proctored_exam/review_policy/exam_id/{exam_id}", use: reviewPolicy)
    }

    private var json: AttemptJSON { AttemptJSON(configuration: configuration) }

    /// Only staff may ask for another user's data; preview users are never staff.
    private func refuseOtherUser(_ request: Request) throws {
        if request.uri.queryParameters["user_id"] != nil {
            throw ProctoringAPIError.forbidden("Must be a Staff User to Perform this request.")
        }
    }

    /// E1/E2 (`ProctoredExamAttemptView.get`).
    @Sendable func examAndAttempt(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        try refuseOtherUser(request)
        let courseID = try context.parameters.require("course_id")
        let query = request.uri.queryParameters
        let isLearningMFE = ["1", "true", "True"].contains(query["is_learning_mfe"].map(String.init) ?? "")
        let contentID = query["content_id"].map(String.init) ?? ""
        var activeAttempt: JSONValue = .object([])
        let active = try await store.activeAttempt(userID: user.id)
        if let (exam, attempt) = active {
            activeAttempt = json.attemptData(exam: exam, attempt: attempt, isLearningMFE: isLearningMFE)
        }
        guard !contentID.isEmpty else {
            return JSONResponse.make(.object([JSONMember("exam", .object([])), JSONMember("active_attempt", activeAttempt)]))
        }
        guard let exam = try await store.exam(courseID: courseID, contentID: contentID) else {
            return JSONResponse.make(.object([JSONMember("exam", .object([])), JSONMember("active_attempt", activeAttempt)]))
        }
        var members = json.exam(exam)
        if let (activeExam, _) = active, activeExam.id == exam.id {
            members.append(JSONMember("attempt", activeAttempt))
        } else if let attempt = try await store.currentAttempt(examID: exam.id, userID: user.id) {
            members.append(JSONMember("attempt", json.attemptData(exam: exam, attempt: attempt, isLearningMFE: isLearningMFE)))
            if exam.isProctored && attempt.status.isOnboardingError {
                members.append(JSONMember("onboarding_link", .null))
            }
        } else {
            members.append(JSONMember("total_time", .string(AttemptJSON.humanizedTime(minutes: exam.timeLimitMinutes))))
            if exam.isProctored && !exam.isPracticeExam {
                // `check_prerequisites`: a preview course has no prerequisites (note upstream's spelling).
                members.append(JSONMember("prerequisite_status", .object([
                    JSONMember("are_prerequisites_satisifed", true),
                    JSONMember("satisfied_prerequisites", []), JSONMember("failed_prerequisites", []),
                    JSONMember("pending_prerequisites", []), JSONMember("declined_prerequisites", []),
                ])))
            }
            members.append(JSONMember("attempt", .object([])))
        }
        members.append(JSONMember("type", .string(exam.type)))
        members.append(JSONMember("passed_due_date", .bool(exam.isPastDue(now: Date()))))
        members.append(JSONMember("use_legacy_attempt_api", true))
        return JSONResponse.make(.object([JSONMember("exam", .object(members)), JSONMember("active_attempt", activeAttempt)]))
    }

    /// E3 (`StudentProctoredExamAttempt.get`): the raw attempt, polled by both frontends.
    @Sendable func attemptStatus(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let attemptID = try attemptID(context)
        guard let attempt = try await store.attempt(id: attemptID), let exam = try await store.exam(id: attempt.examID) else {
            throw ProctoringAPIError.badRequest("Attempted to get attempt_id=\(attemptID) but this attempt does not exist.")
        }
        guard attempt.userID == user.id else {
            throw ProctoringAPIError.forbidden(
                "user_id=\(user.id) attempted to get attempt_id=\(attemptID) but does not have authorization.")
        }
        return JSONResponse.make(json.rawAttempt(attempt, exam: exam, user: user))
    }

    /// E5 (`StudentProctoredExamAttempt.put`), JSON from the MFE or form-encoded from the legacy page.
    @Sendable func updateAttempt(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        try CSRFCheck.verify(request)
        let attemptID = try attemptID(context)
        let fields = try await RequestFields.read(request, context: context)
        if fields["user_id"] != nil {
            // Only course staff may act on another user's attempt (mark_ready_to_resume).
            throw ProctoringAPIError.forbidden(
                "user_id=\(user.id) attempted to update attempt_id=\(attemptID) but does not have access to it. (action=\(fields["action"] ?? "None"))")
        }
        let result = try await store.perform(action: fields["action"] ?? "", attemptID: attemptID, user: user)
        context.logger.info(
            "attempt action", metadata: ["attempt_id": "\(attemptID)", "action": "\(fields["action"] ?? "")", "detail": "\(fields["detail"] ?? "")"])
        return JSONResponse.make(.object([JSONMember("exam_attempt_id", result.map { .integer(Int($0)) } ?? .bool(false))]))
    }

    /// E4 (`StudentProctoredExamAttemptCollection.post`); the flags are strings compared with `.lower() == 'true'`.
    @Sendable func createAttempt(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        try CSRFCheck.verify(request)
        let fields = try await RequestFields.read(request, context: context)
        guard let examID = fields["exam_id"].flatMap({ Int64($0) }) else {
            throw ProctoringAPIError.badRequest("Attempted to get exam_id=\(fields["exam_id"] ?? "None"), but this exam does not exist.")
        }
        let startClock = (fields["start_clock"] ?? "false").lowercased() == "true"
        let attemptProctored = (fields["attempt_proctored"] ?? "false").lowercased() == "true"
        let attemptID = try await store.createAttempt(
            examID: examID, user: user, startClock: startClock, attemptProctored: attemptProctored)
        return JSONResponse.make(.object([JSONMember("exam_attempt_id", .integer(Int(attemptID)))]))
    }

    /// E11 (`StudentProctoredExamAttemptCollection.get`): what the legacy timer reads.
    @Sendable func legacyActiveAttempt(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        guard let (exam, attempt) = try await store.activeAttempt(userID: user.id) else {
            return JSONResponse.make(.object([JSONMember("in_timed_exam", false), JSONMember("is_proctored", false)]))
        }
        return JSONResponse.make(json.attemptData(exam: exam, attempt: attempt, isLearningMFE: false))
    }

    /// E9 (`ProctoredExamActiveAttemptView.get`).
    @Sendable func activeAttempt(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        try refuseOtherUser(request)
        guard let (exam, attempt) = try await store.activeAttempt(userID: user.id) else {
            return JSONResponse.make(.object([]))
        }
        return JSONResponse.make(json.attemptData(exam: exam, attempt: attempt, isLearningMFE: true))
    }

    /// E10 (`ExamReadyCallback.post`): the provider says the desktop application is ready; a preview
    /// button stands in for it. Answers the JSON string `"OK"`.
    @Sendable func examReady(_ request: Request, context: Context) async throws -> Response {
        _ = try context.requireUser()
        try CSRFCheck.verify(request)
        let externalID = try context.parameters.require("attempt_id")
        guard try await store.markReady(externalID: externalID) != nil else {
            return JSONResponse.make(.string("You have entered an exam code that is not valid."), status: .notFound)
        }
        return JSONResponse.make(.string("OK"))
    }

    /// E6 (`ProctoredSettingsView.get` -> `get_proctoring_settings_by_exam_id`).
    @Sendable func proctoringSettings(_ request: Request, context: Context) async throws -> Response {
        _ = try context.requireUser()
        let exam = try await exam(context)
        var backendSettings: JSONValue = .object([])
        if exam.isProctored, let provider = configuration.backend(named: exam.backend) {
            // A REST provider's `get_proctoring_config()` comes from its server; the preview describes itself.
            backendSettings = .object([
                JSONMember("name", .string(provider.name)),
                JSONMember("download_url", ""),
                JSONMember("instructions", .array([
                    .string("This is a proctoring-assets preview: no desktop application runs."),
                    .string("Use the preview's \"ready\" button in place of the proctoring software."),
                ])),
                JSONMember("provider_tech_support_email", ""),
                JSONMember("provider_tech_support_phone", ""),
                JSONMember("provider_name", .string(provider.name)),
                JSONMember("learner_notification_from_email", ""),
                JSONMember("integration_specific_email", ""),
                JSONMember("proctoring_escalation_email", .null),
            ])
        }
        return JSONResponse.make(.object([
            JSONMember("platform_name", "proctoring-assets preview"),
            JSONMember("contact_us", .string("\(configuration.lmsRootURL)/support/contact_us")),
            JSONMember("link_urls", .null),
            JSONMember("exam_proctoring_backend", backendSettings),
        ]))
    }

    /// E7 (`ProctoredExamReviewPolicyView.get`): `null` when the exam has no policy, still 200.
    @Sendable func reviewPolicy(_ request: Request, context: Context) async throws -> Response {
        _ = try context.requireUser()
        let exam = try await exam(context)
        return JSONResponse.make(.object([JSONMember("review_policy", exam.reviewPolicy.map(JSONValue.string) ?? .null)]))
    }

    private func attemptID(_ context: Context) throws -> Int64 {
        let text = try context.parameters.require("attempt_id")
        // urls.py: `(?P<attempt_id>\d+)$`; anything else matches no URL.
        guard let id = Int64(text) else { throw HTTPError(.notFound) }
        return id
    }

    private func exam(_ context: Context) async throws -> ExamRecord {
        let text = try context.parameters.require("exam_id")
        guard let id = Int64(text) else { throw HTTPError(.notFound) }
        guard let exam = try await store.exam(id: id) else {
            throw ProctoringAPIError.badRequest("Attempted to get exam_id=\(id), but this exam does not exist.")
        }
        return exam
    }
}
