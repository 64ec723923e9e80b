import GRDB

extension AttemptStore {
    /// The schema, one migration per change; GRDB records which ran in `grdb_migrations`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: users, sessions, exams, attempts") { db in
            try db.create(table: "user") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("username", .text).notNull().unique()
                table.column("email", .text).notNull()
            }
            try db.create(table: "session") { table in
                table.primaryKey("key", .text)
                table.column("user_id", .integer).notNull().indexed().references("user", onDelete: .cascade)
                table.column("created", .datetime).notNull()
            }
            try db.create(table: "exam") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("course_id", .text).notNull()
                table.column("content_id", .text).notNull()
                table.column("external_id", .text)
                table.column("exam_name", .text).notNull()
                table.column("time_limit_mins", .integer).notNull()
                table.column("is_proctored", .boolean).notNull()
                table.column("is_practice_exam", .boolean).notNull()
                table.column("is_active", .boolean).notNull()
                table.column("due_date", .datetime)
                table.column("hide_after_due", .boolean).notNull()
                table.column("backend", .text)
                table.column("review_policy", .text)
                table.uniqueKey(["course_id", "content_id"])
            }
            try db.create(table: "attempt") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("user_id", .integer).notNull().indexed().references("user", onDelete: .cascade)
                table.column("exam_id", .integer).notNull().indexed().references("exam", onDelete: .cascade)
                table.column("status", .text).notNull()
                table.column("external_id", .text).unique()
                table.column("attempt_code", .text).notNull().unique()
                table.column("taking_as_proctored", .boolean).notNull()
                table.column("is_sample_attempt", .boolean).notNull()
                table.column("created", .datetime).notNull()
                table.column("modified", .datetime).notNull()
                table.column("started_at", .datetime)
                table.column("completed_at", .datetime)
                table.column("allowed_time_limit_mins", .integer)
                table.column("is_resumable", .boolean).notNull().defaults(to: false)
                table.column("ready_to_resume", .boolean).notNull().defaults(to: false)
                table.column("resumed", .boolean).notNull().defaults(to: false)
                table.column("time_remaining_seconds", .integer)
                table.column("is_status_acknowledged", .boolean).notNull().defaults(to: false)
            }
        }
        return migrator
    }
}
