import Foundation
import GRDB

/// Users, sessions, exams and attempts in SQLite. Every change runs in one write transaction, so a
/// server killed mid-request leaves the database as it was before or after that request.
public struct AttemptStore: Sendable {
    let database: any DatabaseWriter

    /// Opens (creating if needed) the database and migrates it to the current schema.
    public static func open(_ location: DatabaseLocation) throws -> AttemptStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        let database: any DatabaseWriter
        switch location {
        case .memory:
            database = try DatabaseQueue(configuration: configuration)
        case .file(let path):
            database = try DatabasePool(path: path, configuration: configuration)
        }
        try migrator.migrate(database)
        return AttemptStore(database: database)
    }

    // MARK: Users and sessions

    /// The user named `username`, created on first use (the preview's stand-in for an LMS account).
    public func loginSession(username: String) async throws -> (PreviewUser, sessionKey: String) {
        try await database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO user (username, email) VALUES (?, ?)",
                arguments: [username, "\(username)@example.com"])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM user WHERE username = ?", arguments: [username]) else {
                throw ProctoringAPIError(.internalServerError, "the user \(username) could not be created")
            }
            let user = PreviewUser(row: row)
            let key = Self.randomToken()
            try db.execute(
                sql: "INSERT INTO session (key, user_id, created) VALUES (?, ?, ?)", arguments: [key, user.id, Date()])
            return (user, key)
        }
    }

    /// Creates the user if missing (seeding).
    @discardableResult
    public func ensureUser(username: String) async throws -> PreviewUser? {
        try await database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO user (username, email) VALUES (?, ?)",
                arguments: [username, "\(username)@example.com"])
            return try Row.fetchOne(db, sql: "SELECT * FROM user WHERE username = ?", arguments: [username]).map(PreviewUser.init)
        }
    }

    public func user(sessionKey: String) async throws -> PreviewUser? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT user.* FROM session JOIN user ON user.id = session.user_id WHERE session.key = ?",
                arguments: [sessionKey]
            ).map(PreviewUser.init)
        }
    }

    // MARK: Exams

    public func exam(courseID: String, contentID: String) async throws -> ExamRecord? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM exam WHERE course_id = ? AND content_id = ?", arguments: [courseID, contentID]
            ).map(ExamRecord.init)
        }
    }

    public func exam(id: Int64) async throws -> ExamRecord? {
        try await database.read { db in try Self.exam(db, id: id) }
    }

    public func exams() async throws -> [ExamRecord] {
        try await database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM exam ORDER BY id").map(ExamRecord.init) }
    }

    /// Adds an exam (or updates the one with the same course and content id) and returns it.
    @discardableResult
    public func upsertExam(
        courseID: String, contentID: String, name: String, timeLimitMinutes: Int, isProctored: Bool,
        isPracticeExam: Bool, backend: String?, reviewPolicy: String?
    ) async throws -> ExamRecord {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO exam (course_id, content_id, exam_name, time_limit_mins, is_proctored, is_practice_exam,
                                      is_active, hide_after_due, backend, review_policy)
                    VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?)
                    ON CONFLICT (course_id, content_id) DO UPDATE SET
                      exam_name = excluded.exam_name, time_limit_mins = excluded.time_limit_mins,
                      is_proctored = excluded.is_proctored, is_practice_exam = excluded.is_practice_exam,
                      backend = excluded.backend, review_policy = excluded.review_policy
                    """,
                arguments: [courseID, contentID, name, timeLimitMinutes, isProctored, isPracticeExam, backend, reviewPolicy])
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM exam WHERE course_id = ? AND content_id = ?", arguments: [courseID, contentID])
            else { throw ProctoringAPIError(.internalServerError, "the exam \(contentID) could not be stored") }
            return ExamRecord(row: row)
        }
    }

    // MARK: Attempts (reads)

    public func attempt(id: Int64) async throws -> AttemptRecord? {
        try await database.write { db in try Self.attempt(db, id: id).map { try Self.expireIfTimedOut(db, $0) } }
    }

    /// The latest attempt of `userID` at `examID` (`get_current_exam_attempt`).
    public func currentAttempt(examID: Int64, userID: Int64) async throws -> AttemptRecord? {
        try await database.write { db in try Self.currentAttempt(db, examID: examID, userID: userID) }
    }

    /// The user's attempt that is `started` or `ready_to_submit`, with its exam (`get_active_exams_for_user`).
    public func activeAttempt(userID: Int64) async throws -> (ExamRecord, AttemptRecord)? {
        try await database.write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM attempt WHERE user_id = ? AND status IN (?, ?) ORDER BY id",
                arguments: [userID, AttemptStatus.started.rawValue, AttemptStatus.readyToSubmit.rawValue])
            for row in rows {
                let attempt = try Self.expireIfTimedOut(db, AttemptRecord(row: row))
                if attempt.status.isInProgress, let exam = try Self.exam(db, id: attempt.examID) { return (exam, attempt) }
            }
            return nil
        }
    }

    /// Runs `body` in one write transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await database.write(body)
    }

    // MARK: Helpers used inside transactions

    static func exam(_ db: Database, id: Int64) throws -> ExamRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM exam WHERE id = ?", arguments: [id]).map(ExamRecord.init)
    }

    static func attempt(_ db: Database, id: Int64) throws -> AttemptRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM attempt WHERE id = ?", arguments: [id]).map(AttemptRecord.init)
    }

    static func currentAttempt(_ db: Database, examID: Int64, userID: Int64) throws -> AttemptRecord? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM attempt WHERE exam_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1",
            arguments: [examID, userID]
        ).map { try expireIfTimedOut(db, AttemptRecord(row: $0)) }
    }

    /// `_check_for_attempt_timeout`: a started attempt past its time becomes `timed_out`, stored as
    /// `submitted` (ALLOW_TIMED_OUT_STATE is off).
    static func expireIfTimedOut(_ db: Database, _ attempt: AttemptRecord, now: Date = Date()) throws -> AttemptRecord {
        guard attempt.status.isIncomplete, attempt.startedAt != nil, attempt.timeRemaining(now: now) <= 0 else { return attempt }
        return try setStatus(db, attempt, to: .timedOut, now: now)
    }

    /// `update_attempt_status`: applies upstream's coercions and refusals, then the side effects of the
    /// new status.
    @discardableResult
    static func setStatus(_ db: Database, _ attempt: AttemptRecord, to target: AttemptStatus, now: Date = Date()) throws
        -> AttemptRecord
    {
        let status = try attempt.status.transition(to: target).get()
        var startedAt = attempt.startedAt
        var allowed = attempt.allowedTimeLimitMinutes
        if status == .started && startedAt == nil {
            startedAt = now
            allowed = try exam(db, id: attempt.examID)?.timeLimitMinutes
        }
        let completedAt = status == .submitted ? now : attempt.completedAt
        let resumable = status == .error ? true : attempt.isResumable
        try db.execute(
            sql: """
                UPDATE attempt SET status = ?, started_at = ?, allowed_time_limit_mins = ?, completed_at = ?,
                                   is_resumable = ?, modified = ? WHERE id = ?
                """,
            arguments: [status.rawValue, startedAt, allowed, completedAt, resumable, now, attempt.id])
        guard let updated = try Self.attempt(db, id: attempt.id) else {
            throw ProctoringAPIError.badRequest("the attempt \(attempt.id) vanished")
        }
        return updated
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
    }
}
