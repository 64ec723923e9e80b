import Foundation
import GRDB

/// A preview user (Django's `auth_user`, reduced to what the API shows).
public struct PreviewUser: Sendable, Hashable {
    public var id: Int64
    public var username: String
    public var email: String

    init(row: Row) {
        id = row["id"]
        username = row["username"]
        email = row["email"]
    }
}

/// A row of edx-proctoring's `ProctoredExam`.
public struct ExamRecord: Sendable, Hashable {
    public var id: Int64
    public var courseID: String
    public var contentID: String
    public var externalID: String?
    public var examName: String
    public var timeLimitMinutes: Int
    public var isProctored: Bool
    public var isPracticeExam: Bool
    public var isActive: Bool
    public var dueDate: Date?
    public var hideAfterDue: Bool
    public var backend: String?
    public var reviewPolicy: String?

    init(row: Row) {
        id = row["id"]
        courseID = row["course_id"]
        contentID = row["content_id"]
        externalID = row["external_id"]
        examName = row["exam_name"]
        timeLimitMinutes = row["time_limit_mins"]
        isProctored = row["is_proctored"]
        isPracticeExam = row["is_practice_exam"]
        isActive = row["is_active"]
        dueDate = row["due_date"]
        hideAfterDue = row["hide_after_due"]
        backend = row["backend"]
        reviewPolicy = row["review_policy"]
    }

    /// `utils.get_exam_type` for the exams a preview has: timed, practice or proctored (onboarding
    /// exams need a provider that supports onboarding, which no preview backend does).
    var type: String {
        guard isProctored else { return "timed" }
        return isPracticeExam ? "practice" : "proctored"
    }

    func isPastDue(now: Date) -> Bool { dueDate.map { $0 < now } ?? false }
}

/// A row of edx-proctoring's `ProctoredExamStudentAttempt`.
public struct AttemptRecord: Sendable, Hashable {
    public var id: Int64
    public var userID: Int64
    public var examID: Int64
    public var status: AttemptStatus
    public var externalID: String?
    public var attemptCode: String
    public var takingAsProctored: Bool
    public var isSampleAttempt: Bool
    public var created: Date
    public var modified: Date
    public var startedAt: Date?
    public var completedAt: Date?
    public var allowedTimeLimitMinutes: Int?
    public var isResumable: Bool
    public var readyToResume: Bool
    public var resumed: Bool
    public var timeRemainingSeconds: Int?
    public var isStatusAcknowledged: Bool

    init(row: Row) {
        id = row["id"]
        userID = row["user_id"]
        examID = row["exam_id"]
        status = AttemptStatus(rawValue: row["status"]) ?? .error
        externalID = row["external_id"]
        attemptCode = row["attempt_code"]
        takingAsProctored = row["taking_as_proctored"]
        isSampleAttempt = row["is_sample_attempt"]
        created = row["created"]
        modified = row["modified"]
        startedAt = row["started_at"]
        completedAt = row["completed_at"]
        allowedTimeLimitMinutes = row["allowed_time_limit_mins"]
        isResumable = row["is_resumable"]
        readyToResume = row["ready_to_resume"]
        resumed = row["resumed"]
        timeRemainingSeconds = row["time_remaining_seconds"]
        isStatusAcknowledged = row["is_status_acknowledged"]
    }

    /// `utils.get_time_remaining_for_attempt`: 0 before the start, then what is left of the allowed time.
    func timeRemaining(now: Date) -> Double {
        guard let startedAt, let minutes = allowedTimeLimitMinutes else { return 0 }
        return max(0, startedAt.addingTimeInterval(Double(minutes) * 60).timeIntervalSince(now))
    }
}
