/// The URLs of the preview LMS, in one place (the pages and the JSON link to each other).
public enum PreviewRoutes {
    /// edx_proctoring's urls.py is mounted under `api/` (apps.py).
    public static let apiPrefix = "/api/edx_proctoring/v1"
    public static let csrfToken = "/csrf/api/v1/token"
    public static let login = "/login"
    public static let preview = "/preview"

    /// The course and exam `--seed-example` creates.
    public static let exampleCourseID = "course-v1:Example+Proctoring+2026"
    public static let exampleContentID = "block-v1:Example+Proctoring+2026+type@sequential+block@exam"
    public static let exampleUsers = ["learner", "other"]

    /// The course the worker test page uses: one practice exam per configured backend.
    public static let previewCourseID = "course-v1:Preview+Workers+0"
    public static func previewContentID(backend: String) -> String {
        "block-v1:Preview+Workers+0+type@sequential+block@" + backend.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// `exam_started_poll_url` / `change_state_url`: `reverse('edx_proctoring:proctored_exam.attempt', args=[id])`.
    public static func attemptPath(_ id: Int64) -> String { "\(apiPrefix)/proctored_exam/attempt/\(id)" }

    /// The legacy courseware URL of a unit (`/courses/{course}/jump_to/{usage}`), answered with the JS 1.0 page.
    public static func legacyExamPath(courseID: String, contentID: String) -> String {
        "/courses/\(courseID)/jump_to/\(contentID)"
    }
}
