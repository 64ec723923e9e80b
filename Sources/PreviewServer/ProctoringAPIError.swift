import Hummingbird
import OrderedJSON

/// An error answered the way edx-proctoring's API views answer their exceptions: `{"detail": message}`
/// with 400 by default, 403 for permission errors, 404 where a view says so.
public struct ProctoringAPIError: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var detail: String

    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    static func badRequest(_ detail: String) -> Self { Self(.badRequest, detail) }
    static func forbidden(_ detail: String) -> Self { Self(.forbidden, detail) }

    /// DRF's answer to a request without a session (SessionAuthentication has no challenge, so 403).
    static let notAuthenticated = Self(.forbidden, "Authentication credentials were not provided.")

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(.object([JSONMember("detail", .string(detail))]), status: status)
    }
}
