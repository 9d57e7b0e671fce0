// The response headers every page carries: a strict Content-Security-Policy and the usual protections.
import Hummingbird

/// Pages load only our own stylesheet and images: no script at all, and no inline style (the chart's SVG is
/// styled by classes from the stylesheet). Framing is refused, and forms may post only to us.
enum SecurityHeaders {
    static let policy: ContentSecurityPolicy = [
        .defaultSrc(.none), .styleSrc(.self), .imgSrc(.self), .formAction(.self), .frameAncestors(.none), .baseURI(.none),
    ]
}

/// Headers `ContentSecurityMiddleware` does not set.
struct ExtraHeaders<Context: RequestContext>: RouterMiddleware {
    let secure: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        response.headers[.init("Cross-Origin-Opener-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if secure { response.headers[.init("Strict-Transport-Security")!] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
