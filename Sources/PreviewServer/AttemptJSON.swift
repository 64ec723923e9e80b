import Foundation
import OrderedJSON

/// The JSON shapes of edx-proctoring's API: the exam serializer, `get_exam_attempt_data` and the raw
/// attempt serializer (field names as upstream; spec/rest.md §1.2-1.3).
struct AttemptJSON {
    var configuration: PreviewConfiguration
    var now: Date = Date()

    /// `ProctoredExamSerializer` fields.
    func exam(_ exam: ExamRecord) -> [JSONMember] {
        [
            JSONMember("id", .integer(Int(exam.id))),
            JSONMember("course_id", .string(exam.courseID)),
            JSONMember("content_id", .string(exam.contentID)),
            JSONMember("external_id", exam.externalID.map(JSONValue.string) ?? .null),
            JSONMember("exam_name", .string(exam.examName)),
            JSONMember("time_limit_mins", .integer(exam.timeLimitMinutes)),
            JSONMember("is_proctored", .bool(exam.isProctored)),
            JSONMember("is_practice_exam", .bool(exam.isPracticeExam)),
            JSONMember("is_active", .bool(exam.isActive)),
            JSONMember("due_date", exam.dueDate.map { .string(Self.timestamp($0)) } ?? .null),
            JSONMember("hide_after_due", .bool(exam.hideAfterDue)),
            JSONMember("backend", exam.backend.map(JSONValue.string) ?? .null),
        ]
    }

    /// `api.get_exam_attempt_data`: the only place JS 2.0 receives the worker URL.
    func attemptData(exam: ExamRecord, attempt: AttemptRecord, isLearningMFE: Bool) -> JSONValue {
        let remaining = attempt.timeRemaining(now: now)
        let totalMinutes = attempt.allowedTimeLimitMinutes ?? exam.timeLimitMinutes
        var members: [JSONMember] = [
            JSONMember("in_timed_exam", true),
            JSONMember("taking_as_proctored", .bool(attempt.takingAsProctored)),
            JSONMember("exam_type", .string(Self.humanizedType(exam))),
            JSONMember("exam_display_name", .string(exam.examName)),
            JSONMember("exam_url_path", .string(examURLPath(exam, isLearningMFE: isLearningMFE))),
            JSONMember("time_remaining_seconds", .number(Self.pythonFloat(remaining))),
            JSONMember("total_time", .string(Self.humanizedTime(minutes: totalMinutes))),
            JSONMember("low_threshold_sec", .integer(Int(0.2 * Double(totalMinutes) * 60))),
            JSONMember("critically_low_threshold_sec", .integer(Int(0.05 * Double(totalMinutes) * 60))),
            JSONMember("course_id", .string(exam.courseID)),
            JSONMember("attempt_id", .integer(Int(attempt.id))),
            JSONMember("external_id", attempt.externalID.map(JSONValue.string) ?? .null),
            JSONMember("accessibility_time_string", .string(Self.accessibilityTime(remaining))),
            JSONMember("attempt_status", .string(attempt.status.rawValue)),
            JSONMember("exam_started_poll_url", .string(PreviewRoutes.attemptPath(attempt.id))),
            JSONMember("attempt_ready_to_resume", .bool(attempt.readyToResume)),
            JSONMember("use_legacy_attempt_api", true),
        ]
        if exam.isProctored, let provider = configuration.backend(named: exam.backend) {
            members.append(JSONMember("desktop_application_js_url", .string(provider.workerURL)))
            members.append(JSONMember("ping_interval", .integer(provider.pingInterval)))
            members.append(JSONMember("attempt_code", .string(attempt.attemptCode)))
            if attempt.status == .created || attempt.status == .downloadSoftwareClicked {
                // REST providers point at their own download page; the preview has none.
                members.append(JSONMember("software_download_url", .string("")))
            }
        } else {
            members.append(JSONMember("desktop_application_js_url", ""))
        }
        return .object(members)
    }

    /// The raw attempt (`ProctoredExamStudentAttemptSerializer`) with the computed time fields (E3).
    func rawAttempt(_ attempt: AttemptRecord, exam: ExamRecord, user: PreviewUser) -> JSONValue {
        let remaining = attempt.timeRemaining(now: now)
        func date(_ value: Date?) -> JSONValue { value.map { .string(Self.timestamp($0)) } ?? .null }
        return .object([
            JSONMember("id", .integer(Int(attempt.id))),
            JSONMember("created", date(attempt.created)),
            JSONMember("modified", date(attempt.modified)),
            JSONMember("user", .object([
                JSONMember("id", .integer(Int(user.id))), JSONMember("username", .string(user.username)),
                JSONMember("email", .string(user.email)),
            ])),
            JSONMember("started_at", date(attempt.startedAt)),
            JSONMember("completed_at", date(attempt.completedAt)),
            JSONMember("external_id", attempt.externalID.map(JSONValue.string) ?? .null),
            JSONMember("status", .string(attempt.status.rawValue)),
            JSONMember("proctored_exam", .object(self.exam(exam))),
            JSONMember("allowed_time_limit_mins", attempt.allowedTimeLimitMinutes.map(JSONValue.integer) ?? .null),
            JSONMember("attempt_code", .string(attempt.attemptCode)),
            JSONMember("is_sample_attempt", .bool(attempt.isSampleAttempt)),
            JSONMember("taking_as_proctored", .bool(attempt.takingAsProctored)),
            JSONMember("review_policy_id", .null),
            JSONMember("is_status_acknowledged", .bool(attempt.isStatusAcknowledged)),
            JSONMember("time_remaining_seconds", .number(Self.pythonFloat(remaining))),
            JSONMember("is_resumable", .bool(attempt.isResumable)),
            JSONMember("ready_to_resume", .bool(attempt.readyToResume)),
            JSONMember("resumed", .bool(attempt.resumed)),
            JSONMember("accessibility_time_string", .string(Self.accessibilityTime(remaining))),
        ])
    }

    /// Learning MFE: `LEARNING_MICROFRONTEND_URL/course/{course}/{usage}`; legacy: the jump_to URL,
    /// which this server answers with the JS 1.0 exam page.
    func examURLPath(_ exam: ExamRecord, isLearningMFE: Bool) -> String {
        isLearningMFE
            ? "\(configuration.lmsRootURL)/learning/course/\(exam.courseID)/\(exam.contentID)"
            : PreviewRoutes.legacyExamPath(courseID: exam.courseID, contentID: exam.contentID)
    }

    static func humanizedType(_ exam: ExamRecord) -> String {
        switch exam.type {
        case "timed": "a timed exam"
        case "practice": "a practice exam"
        default: "a proctored exam"
        }
    }

    /// `utils.humanized_time`.
    static func humanizedTime(minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        let hourText = hours == 1 ? "1 hour" : "\(hours) hours"
        let minuteText = rest == 1 ? "1 minute" : "\(rest) minutes"
        if hours == 0 { return minuteText }
        return rest == 0 ? hourText : "\(hourText) and \(minuteText)"
    }

    static func accessibilityTime(_ remaining: Double) -> String {
        remaining < 60
            ? "you have less than a minute remaining"
            : "you have \(humanizedTime(minutes: Int((remaining / 60).rounded()))) remaining"
    }

    /// Python's float repr for whole and fractional seconds (`0`, `1799.5`).
    static func pythonFloat(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Django REST framework's datetime format (ISO 8601, UTC, `Z`).
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
