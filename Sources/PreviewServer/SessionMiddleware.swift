import Hummingbird

/// Django's session cookie: `sessionid` names a row of the session table; the user is put in the
/// request context.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = PreviewRequestContext
    static let cookieName = "sessionid"
    let store: AttemptStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let key = request.cookies[Self.cookieName]?.value, !key.isEmpty {
            context.user = try await store.user(sessionKey: key)
        }
        return try await next(request, context)
    }
}
