// Methods the application answers: GET, HEAD and POST; anything else is 405 with the methods that are allowed.
import Hummingbird

/// Refuses TRACE, PUT, DELETE, OPTIONS and the rest before any route or session is looked at, so no method the
/// application does not serve reaches a handler (TRACE in particular would otherwise fall through to a 404 or a
/// redirect, telling a scanner which paths exist).
struct MethodGate<Context: RequestContext>: RouterMiddleware {
    static var allowed: Set<HTTPRequest.Method> { [.get, .head, .post] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.allowed.contains(request.method) else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD, POST", .contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Method not allowed\n")))
        }
        return try await next(request, context)
    }
}
