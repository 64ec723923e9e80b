import Logging

/// The exams and users a preview starts with: one practice exam per configured backend for the worker
/// test page, and with `--seed-example` the example course's proctored exam (provider: DEFAULT) and
/// the users `learner` and `other`. Running it again changes nothing.
struct PreviewSeed {
    var configuration: PreviewConfiguration
    var store: AttemptStore

    func run(logger: Logger) async throws {
        for backend in configuration.backends {
            try await store.upsertExam(
                courseID: PreviewRoutes.previewCourseID, contentID: PreviewRoutes.previewContentID(backend: backend.name),
                name: "Worker check: \(backend.name)", timeLimitMinutes: 30, isProctored: true, isPracticeExam: true,
                backend: backend.name, reviewPolicy: nil)
        }
        guard configuration.seedExample else { return }
        let exam = try await store.upsertExam(
            courseID: PreviewRoutes.exampleCourseID, contentID: PreviewRoutes.exampleContentID, name: "Example proctored exam",
            timeLimitMinutes: 60, isProctored: true, isPracticeExam: false, backend: configuration.defaultBackend,
            reviewPolicy: "Closed book: no notes, no other browser tabs.")
        for name in PreviewRoutes.exampleUsers {
            _ = try await store.ensureUser(username: name)
        }
        logger.info(
            "seeded the example course",
            metadata: ["course_id": "\(exam.courseID)", "content_id": "\(exam.contentID)", "exam_id": "\(exam.id)",
                       "backend": "\(exam.backend ?? "none")", "users": "\(PreviewRoutes.exampleUsers.joined(separator: ","))"])
    }
}
