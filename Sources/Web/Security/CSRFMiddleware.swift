// Cross-site request forgery: every form post carries a token an attacker's page cannot know.
import Casework
import Foundation
import Hummingbird

/// Checks the CSRF token of every state-changing request that a browser's cookies could authorise.
///
/// Signed in, the token is bound to the session (made at sign-in, kept server-side). Signed out (the sign-in and
/// create-account forms), it is a double-submit cookie: a random value in an HttpOnly cookie that the form must
/// echo. Requests with a bearer token carry no cookie an attacker could borrow, so they need no token.
///
/// A post whose session has run out is sent to sign in rather than refused: nothing is changed by it, and the
/// person's draft up to the last page they saved is kept.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let cookieName = "heeded_csrf"
    let services: WebServices

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let cookieToken = request.cookies[Self.cookieName]?.value
        var newCookieToken: String?
        if let session = context.sessions.session, context.account != nil {
            context.csrfToken = session.csrfToken
        } else if let cookieToken, !cookieToken.isEmpty {
            context.csrfToken = cookieToken
        } else if !Self.formless(request.uri.path) {
            let token = TokenDigest.randomToken()
            newCookieToken = token
            context.csrfToken = token
        }

        // Only a request a browser's cookies could authorise needs the token: an API call with a bearer token,
        // or one with no session cookie at all (it is authorised by nothing an attacker could borrow), does not.
        let hasSessionCookie = request.cookies[HeededWeb.sessionCookie] != nil
        let cookieFreeAPI = request.uri.path.hasPrefix("/api/") && !hasSessionCookie
        if request.method != .get && request.method != .head && !context.signedInWithToken && !cookieFreeAPI {
            let isForm = request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
            var posted = request.headers[.init("X-CSRF-Token")!]
            if isForm {
                let buffer = try await request.collectBody(upTo: context.maxUploadSize)
                let form = FormBody(urlencoded: String(buffer: buffer))
                context.form = form
                // One token, not several to choose from: a form carrying two is refused whichever is right.
                let tokens = form.values("_csrf")
                if posted == nil { posted = tokens.count == 1 ? tokens[0] : nil } else if !tokens.isEmpty { posted = nil }
            }
            if hasSessionCookie && context.account == nil && !request.uri.path.hasPrefix("/api/") && request.uri.path != "/sign-in" {
                throw WebError.signInRequired(returnTo: Self.returnPath(request), expired: true)
            }
            guard newCookieToken == nil, !context.csrfToken.isEmpty, let posted, TokenDigest.constantTimeEqual(posted, context.csrfToken) else {
                // Signed out, a refused post could have changed nothing anyway; a form left open until its session
                // (and the browser's cookie) ran out ends here, so send the person to sign in rather than to an error.
                let path = request.uri.path
                if context.account == nil && !path.hasPrefix("/api/") && path != "/sign-in" && path != "/create-account" {
                    throw WebError.signInRequired(returnTo: Self.returnPath(request), expired: posted != nil)
                }
                throw WebError.csrfFailed
            }
        }

        var response = try await next(request, context)
        // The cookie matters only to pages with forms, so other responses (assets, JSON, /health) go without.
        if let newCookieToken, response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.setCookie(Cookie(
                name: Self.cookieName, value: newCookieToken, path: "/", secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// Paths that never render a form, so need no token made for them (the API, assets, the health check).
    static func formless(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/assets/") || path == "/health"
    }

    /// Where to come back to after signing in: the page a form was on, never a form's post target.
    static func returnPath(_ request: Request) -> String {
        let path = request.uri.path
        for suffix in ["/submit", "/comments", "/status", "/allocate"] where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count))
        }
        return path
    }
}
