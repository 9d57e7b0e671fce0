// One log line and one count per request: its route, method, status and how long it took; nothing a person sent.
import Foundation
import Hummingbird
import Logging

/// The outermost middleware: logs each request once its answer is made, before it is sent (the request id comes from
/// Hummingbird's request logger) and counts it in the metrics. It names the route by the pattern it matched
/// (`/cases/{case}`), never the path asked for, which holds ids, and never the query, headers or body; a path that
/// matched no route is `NotFound`.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: WebMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status, since: started)
            return response
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, since: started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: HTTPResponse.Status, since started: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - started
        let route = context.endpointPath ?? "NotFound"
        metrics.request(route: route, method: request.method, status: status, duration: duration)
        let (seconds, attoseconds) = duration.components
        context.logger.info("request", metadata: [
            "route": .string(route), "method": .string(request.method.rawValue), "status": .stringConvertible(status.code),
            "duration_ms": .string(String(format: "%.3f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)),
        ])
    }
}
