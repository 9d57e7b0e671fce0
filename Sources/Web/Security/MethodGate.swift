// Methods the application answers: GET, HEAD and POST on pages, and on the API exactly what its contract lists.
import Foundation
import Hummingbird

/// Refuses TRACE, PUT, DELETE, OPTIONS and the rest before any route or session is looked at, so no method the
/// application does not serve reaches a handler (TRACE would otherwise fall through to a 404 or a redirect,
/// telling a scanner which paths exist). On the API, each path takes only the methods its OpenAPI document lists,
/// and a 405 says which in `Allow`.
struct MethodGate<Context: RequestContext>: RouterMiddleware {
    static var pageMethods: Set<HTTPRequest.Method> { [.get, .head, .post] }
    let api: APIMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let documented = api.methods(for: request.uri.path) {
            let allowed = Set(documented + (documented.contains(.get) ? [.head] : []))
            if !allowed.contains(request.method) { return Self.refusal(allow: documented) }
        } else if !Self.pageMethods.contains(request.method) {
            return Self.refusal(allow: [.get, .head, .post])
        }
        return try await next(request, context)
    }

    private static func refusal(allow: [HTTPRequest.Method]) -> Response {
        Response(status: .methodNotAllowed, headers: [.allow: allow.map(\.rawValue).joined(separator: ", "), .contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "Method not allowed\n")))
    }
}

/// The API's paths and their methods, read from its OpenAPI document so the two cannot disagree.
struct APIMethods: Sendable {
    /// Each path as segments, nil where the document has a parameter (`{caseId}`), with its methods in order.
    private let routes: [(segments: [String?], methods: [HTTPRequest.Method])]

    init(openAPI document: Data) throws {
        struct Document: Decodable { let paths: [String: [String: IgnoredOperation]] }
        struct IgnoredOperation: Decodable {}
        let paths = try JSONDecoder().decode(Document.self, from: document).paths
        routes = paths.keys.sorted().map { path in
            let segments = path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
            let methods = ["get", "post", "put", "patch", "delete"].filter { paths[path]?[$0] != nil }.compactMap { HTTPRequest.Method($0.uppercased()) }
            return (segments, methods)
        }
    }

    /// The methods the document lists for `path`, or nil when it lists no such path.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        guard path.hasPrefix("/api/") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.first { route in
            route.segments.count == parts.count && zip(route.segments, parts).allSatisfy { $0 == nil || $0! == $1 }
        }?.methods
    }
}
