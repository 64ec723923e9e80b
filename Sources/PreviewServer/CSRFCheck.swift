import Hummingbird

/// Django's CSRF rule for session-authenticated unsafe requests: the `X-CSRFToken` header must carry
/// the token of the `csrftoken` cookie, which `GET /csrf/api/v1/token` hands out.
enum CSRFCheck {
    static let cookieName = "csrftoken"
    static let headerName = "x-csrftoken"

    static func verify(_ request: Request) throws {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return }
        guard let cookie = request.cookies[cookieName]?.value, !cookie.isEmpty else {
            throw ProctoringAPIError.forbidden("CSRF Failed: CSRF cookie not set.")
        }
        guard let header = request.headers.first(where: { $0.name.canonicalName == headerName })?.value, !header.isEmpty else {
            throw ProctoringAPIError.forbidden("CSRF Failed: CSRF token missing.")
        }
        guard header == cookie else { throw ProctoringAPIError.forbidden("CSRF Failed: CSRF token incorrect.") }
    }
}
