import Hummingbird
import Logging

/// Builds the preview LMS: opens and migrates the database, seeds it, and wires the router.
public func buildApplication(_ configuration: PreviewConfiguration, logger: Logger? = nil) async throws
    -> some ApplicationProtocol
{
    let logger = logger ?? Logger(label: "proctoring-assets.serve")
    let store = try AttemptStore.open(configuration.database)
    try await PreviewSeed(configuration: configuration, store: store).run(logger: logger)
    let router = buildRouter(configuration, store: store)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "proctoring-assets"),
        onServerRunning: { _ in
            for backend in configuration.backends {
                logger.info(
                    "worker URL handed out (JS 1.0 backend_js_bundle, JS 2.0 desktop_application_js_url)",
                    metadata: ["backend": "\(backend.name)", "bundle": "\(backend.bundleName ?? "none")",
                               "url": "\(backend.workerURL)", "default": "\(backend.name == configuration.defaultBackend)"])
            }
            logger.info("preview LMS ready", metadata: ["url": "\(configuration.origin)\(PreviewRoutes.preview)"])
        },
        logger: logger)
}

/// Why the preview server did not run.
public enum PreviewServerError: Error, Sendable {
    case databaseUnavailable(String)
    case cannotListen(String)
}

/// Builds the application and runs it until SIGINT or SIGTERM (graceful shutdown: requests in flight
/// finish, the database closes).
public func runPreviewServer(_ configuration: PreviewConfiguration, logger: Logger) async throws(PreviewServerError) {
    let application: any ApplicationProtocol
    do {
        application = try await buildApplication(configuration, logger: logger)
    } catch {
        throw .databaseUnavailable(String(describing: error))
    }
    do {
        try await application.runService()
    } catch {
        throw .cannotListen(String(describing: error))
    }
}

/// The routes: static files under STATIC_URL, the edx-proctoring REST subset, the pages.
func buildRouter(_ configuration: PreviewConfiguration, store: AttemptStore) -> Router<PreviewRequestContext> {
    let router = Router(context: PreviewRequestContext.self)
    router.addMiddleware {
        SessionMiddleware(store: store)
        AccessLogMiddleware()
    }
    let staticFiles = StaticFileResponder(staticRoot: configuration.staticRoot)
    let staticPrefix = configuration.staticURLPath.split(separator: "/").joined(separator: "/")
    @Sendable func serveStatic(_ request: Request, context: PreviewRequestContext) async throws -> Response {
        // The raw path, not the router's captures: percent-escapes are decoded (and checked) once, here.
        let path = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        let prefixCount = staticPrefix.split(separator: "/").count
        let components = Array(path.dropFirst(1 + prefixCount))
        return try staticFiles.respond(request, context: context, encodedComponents: components)
    }
    let staticRoute = RouterPath(staticPrefix.isEmpty ? "**" : "\(staticPrefix)/**")
    router.get(staticRoute, use: serveStatic)
    router.head(staticRoute, use: serveStatic)
    if !staticPrefix.isEmpty {
        // STATIC_URL itself: a directory, refused like any other.
        router.get(RouterPath(staticPrefix), use: serveStatic)
    }
    ProctoringAPIController(configuration: configuration, store: store)
        .addRoutes(to: router.group(RouterPath(PreviewRoutes.apiPrefix)))
    PageController(configuration: configuration, store: store).addRoutes(to: router)
    return router
}
