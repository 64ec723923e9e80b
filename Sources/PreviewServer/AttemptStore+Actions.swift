import Foundation
import GRDB

/// The attempt changes the REST API makes, following edx-proctoring's views.py and api.py.
extension AttemptStore {
    /// E4 `POST .../proctored_exam/attempt` (`StudentProctoredExamAttemptCollection.post`).
    public func createAttempt(examID: Int64, user: PreviewUser, startClock: Bool, attemptProctored: Bool) async throws -> Int64 {
        try await write { db in
            guard let exam = try Self.exam(db, id: examID) else {
                throw ProctoringAPIError.badRequest("Attempted to get exam_id=\(examID), but this exam does not exist.")
            }
            if !exam.isPracticeExam && exam.isPastDue(now: Date()) {
                throw ProctoringAPIError.forbidden(
                    "user_id=\(user.id) attempted to create an attempt for expired exam with exam_id=\(examID) in course_id=\(exam.courseID)")
            }
            if let existing = try Self.currentAttempt(db, examID: examID, userID: user.id), !existing.isSampleAttempt,
                !(existing.readyToResume && !existing.resumed)
            {
                throw ProctoringAPIError.badRequest(
                    "Cannot create new exam attempt for exam_id=\(examID) and user_id=\(user.id) in course_id=\(exam.courseID) because it already exists!")
            }
            let now = Date()
            // A REST provider registers the attempt and answers with its id; the preview makes one up.
            let externalID: String? = exam.isProctored && attemptProctored ? UUID().uuidString.lowercased() : nil
            try db.execute(
                sql: """
                    INSERT INTO attempt (user_id, exam_id, status, external_id, attempt_code, taking_as_proctored,
                                         is_sample_attempt, created, modified)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user.id, examID, AttemptStatus.created.rawValue, externalID, UUID().uuidString.uppercased(),
                    attemptProctored, exam.isPracticeExam, now, now,
                ])
            let attemptID = db.lastInsertedRowID
            guard let attempt = try Self.attempt(db, id: attemptID) else {
                throw ProctoringAPIError(.internalServerError, "the new attempt could not be read back")
            }
            if exam.isProctored && !attemptProctored {
                try Self.setStatus(db, attempt, to: .declined)
            } else if startClock {
                try Self.start(db, attempt)
            }
            return attemptID
        }
    }

    /// E5 `PUT .../proctored_exam/attempt/{attempt_id}` (`StudentProctoredExamAttempt.put`). Returns the
    /// `exam_attempt_id` value: the attempt's id, a new attempt's id (reset) or nil for `false`.
    public func perform(action: String, attemptID: Int64, user: PreviewUser) async throws -> Int64? {
        try await write { db in
            guard let attempt = try Self.attempt(db, id: attemptID) else {
                throw ProctoringAPIError.badRequest("Attempted to update attempt_id=\(attemptID) but it does not exist.")
            }
            guard attempt.userID == user.id else {
                throw ProctoringAPIError.forbidden(
                    "user_id=\(user.id) attempted to update attempt_id=\(attemptID) but does not have access to it. (action=\(action))")
            }
            switch action {
            case "start":
                return try Self.start(db, attempt)
            case "stop":
                return try Self.setStatus(db, attempt, to: .readyToSubmit).id
            case "submit":
                return try Self.setStatus(db, attempt, to: .submitted).id
            case "click_download_software":
                return try Self.setStatus(db, attempt, to: .downloadSoftwareClicked).id
            case "decline":
                return try Self.setStatus(db, attempt, to: .declined).id
            case "error":
                // Without the ping-failure passthrough switch, the learner is blocked unless already submitted.
                guard attempt.status != .submitted else { return nil }
                let remaining = Int(attempt.timeRemaining(now: Date()))
                try db.execute(sql: "UPDATE attempt SET time_remaining_seconds = ? WHERE id = ?", arguments: [remaining, attempt.id])
                return try Self.setStatus(db, attempt, to: .error).id
            case "reset_attempt":
                return try Self.resetPracticeAttempt(db, attempt, user: user)
            default:
                // Upstream leaves exam_attempt_id unbound and the view fails with a server error.
                throw ProctoringAPIError(.internalServerError, "Unknown action '\(action)'.")
            }
        }
    }

    /// E10 `POST .../proctored_exam/attempt/{external_id}/ready` (`ExamReadyCallback.post`): nil when
    /// no attempt has that external id (the view answers 404).
    public func markReady(externalID: String) async throws -> AttemptRecord? {
        try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM attempt WHERE external_id = ?", arguments: [externalID])
            else { return nil }
            let attempt = AttemptRecord(row: row)
            guard attempt.status == .created || attempt.status == .downloadSoftwareClicked else { return attempt }
            return try Self.setStatus(db, attempt, to: .readyToStart)
        }
    }

    /// `_start_exam_attempt`: an attempt already started cannot be started again.
    @discardableResult
    static func start(_ db: Database, _ attempt: AttemptRecord) throws -> Int64 {
        if attempt.startedAt != nil && attempt.status == .started {
            throw ProctoringAPIError.badRequest(
                "Cannot start exam attempt for exam_id=\(attempt.examID) and user_id=\(attempt.userID) because it has already started!")
        }
        return try setStatus(db, attempt, to: .started).id
    }

    /// `reset_practice_exam`: only a completed, unverified practice attempt can be reset.
    static func resetPracticeAttempt(_ db: Database, _ attempt: AttemptRecord, user: PreviewUser) throws -> Int64 {
        guard let exam = try exam(db, id: attempt.examID), exam.isPracticeExam else {
            throw ProctoringAPIError.badRequest(
                "Failed to reset attempt status on exam_id=\(attempt.examID) for user_id=\(user.id). Only practice exams may be reset!")
        }
        if attempt.status.isIncomplete || attempt.status == .verified {
            throw ProctoringAPIError.badRequest(
                "Failed to reset attempt status on exam_id=\(attempt.examID) for user_id=\(user.id). Attempt with status \(attempt.status.rawValue) cannot be reset!")
        }
        if attempt.status == .submitted {
            try db.execute(sql: "DELETE FROM attempt WHERE id = ?", arguments: [attempt.id])
        } else {
            try db.execute(
                sql: "UPDATE attempt SET status = ?, modified = ? WHERE id = ?",
                arguments: [AttemptStatus.onboardingReset.rawValue, Date(), attempt.id])
        }
        let now = Date()
        try db.execute(
            sql: """
                INSERT INTO attempt (user_id, exam_id, status, external_id, attempt_code, taking_as_proctored,
                                     is_sample_attempt, created, modified)
                VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)
                """,
            arguments: [
                user.id, exam.id, AttemptStatus.created.rawValue, UUID().uuidString.lowercased(), UUID().uuidString.uppercased(),
                now, now,
            ])
        return db.lastInsertedRowID
    }
}
