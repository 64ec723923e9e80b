import Hummingbird

/// The request context of the preview LMS: Hummingbird's core storage plus the user the session
/// cookie names (set by `SessionMiddleware`).
public struct PreviewRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: PreviewUser?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        user = nil
    }

    /// DRF's `IsAuthenticated`: 403 without a session.
    func requireUser() throws -> PreviewUser {
        guard let user else { throw ProctoringAPIError.notAuthenticated }
        return user
    }
}
