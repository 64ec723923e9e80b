import Foundation
import Hummingbird
import Logging

/// One structured log line per request: method, path, status, duration and user.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = PreviewRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = "500"
        defer {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            context.logger.info(
                "request",
                metadata: [
                    "http.method": "\(request.method.rawValue)", "http.path": "\(request.uri.path)", "http.status": "\(status)",
                    "duration_ms": "\(String(format: "%.2f", milliseconds))", "user": "\(context.user?.username ?? "-")",
                ])
        }
        do {
            let response = try await next(request, context)
            status = String(response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            status = String(error.status.code)
            throw error
        }
    }
}
