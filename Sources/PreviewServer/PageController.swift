import Foundation
import Hummingbird
import OrderedJSON

/// The preview's own endpoints (login, CSRF token) and the server-rendered pages.
struct PageController: Sendable {
    typealias Context = PreviewRequestContext
    let configuration: PreviewConfiguration
    let store: AttemptStore
    let barrier = PreviewRunBarrier()
    /// How long a worker test page may stay loading.
    static let checkDeadline = Duration.seconds(60)

    func addRoutes(to router: Router<Context>) {
        router.get("/", use: index)
        router.get(RouterPath(PreviewRoutes.login), use: login)
        router.get(RouterPath(PreviewRoutes.csrfToken), use: csrfToken)
        router.get(RouterPath(PreviewRoutes.preview), use: preview)
        router.get(RouterPath(PreviewRoutes.preview + "/hold/{run}"), use: holdUntilDone)
        router.post(RouterPath(PreviewRoutes.preview + "/done/{run}"), use: markDone)
        router.get("/courses/{course_id}/jump_to/{usage_key}", use: legacyExam)
    }

    @Sendable func index(_ request: Request, context: Context) async throws -> Response {
        Response(status: .found, headers: [.location: PreviewRoutes.preview])
    }

    /// `/login?user=NAME[&next=/path]`: a session for NAME (created on first use), as the LMS login
    /// would leave it.
    @Sendable func login(_ request: Request, context: Context) async throws -> Response {
        let query = request.uri.queryParameters
        guard let name = query["user"].map(String.init), Self.isValidUsername(name) else {
            throw HTTPError(.badRequest, message: "name the user: /login?user=learner (letters, digits, - and _)")
        }
        let (_, key) = try await store.loginSession(username: name)
        var next = query["next"].map(String.init) ?? PreviewRoutes.preview
        // Only local paths: an open redirect would let any site send a learner anywhere.
        if !next.hasPrefix("/") || next.hasPrefix("//") { next = PreviewRoutes.preview }
        var headers: HTTPFields = [.location: next]
        headers[.setCookie] = Cookie(name: SessionMiddleware.cookieName, value: key, path: "/", httpOnly: true, sameSite: .lax).description
        return Response(status: .found, headers: headers)
    }

    /// `GET /csrf/api/v1/token` (edx-platform's CSRF API): `{"csrfToken": …}`, the same token in the
    /// `csrftoken` cookie.
    @Sendable func csrfToken(_ request: Request, context: Context) async throws -> Response {
        let token = request.cookies[CSRFCheck.cookieName]?.value.nilIfEmpty ?? AttemptStore.randomToken()
        var headers: HTTPFields = [:]
        headers[.setCookie] = Cookie(name: CSRFCheck.cookieName, value: token, path: "/", sameSite: .lax).description
        return JSONResponse.make(.object([JSONMember("csrfToken", .string(token))]), headers: headers)
    }

    @Sendable func preview(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.user else { return Self.loginRedirect(next: PreviewRoutes.preview, user: "preview") }
        let run = await barrier.register()
        return Self.html(WorkerTestPage(configuration: configuration, user: user, run: run).html)
    }

    /// The hidden frame of a worker test page: answers once the page's check is done.
    @Sendable func holdUntilDone(_ request: Request, context: Context) async throws -> Response {
        let run = try context.parameters.require("run")
        guard await barrier.wait(run, deadline: Self.checkDeadline) else { throw HTTPError(.notFound) }
        return Self.html("<!DOCTYPE html><title>check finished</title>")
    }

    @Sendable func markDone(_ request: Request, context: Context) async throws -> Response {
        _ = try context.requireUser()
        try CSRFCheck.verify(request)
        guard await barrier.finish(try context.parameters.require("run")) else { throw HTTPError(.notFound) }
        return Response(status: .noContent)
    }

    /// The JS 1.0 page of a unit (the legacy courseware's `jump_to` URL).
    @Sendable func legacyExam(_ request: Request, context: Context) async throws -> Response {
        let courseID = try context.parameters.require("course_id")
        let contentID = (try context.parameters.require("usage_key")).removingPercentEncoding ?? ""
        guard let user = context.user else {
            return Self.loginRedirect(next: PreviewRoutes.legacyExamPath(courseID: courseID, contentID: contentID), user: "learner")
        }
        guard let exam = try await store.exam(courseID: courseID, contentID: contentID) else {
            throw HTTPError(.notFound, message: "no exam \(contentID) in \(courseID)")
        }
        let attempt = try await store.currentAttempt(examID: exam.id, userID: user.id)
        let backend = exam.isProctored ? configuration.backend(named: exam.backend) : nil
        return Self.html(LegacyExamPage(exam: exam, attempt: attempt, backend: backend, user: user).html)
    }

    static func loginRedirect(next: String, user: String) -> Response {
        var components = URLComponents()
        components.path = PreviewRoutes.login
        components.queryItems = [URLQueryItem(name: "user", value: user), URLQueryItem(name: "next", value: next)]
        let location = (components.string ?? PreviewRoutes.login).replacingOccurrences(of: "+", with: "%2B")
        return Response(status: .found, headers: [.location: location])
    }

    static func html(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func isValidUsername(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 150 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
