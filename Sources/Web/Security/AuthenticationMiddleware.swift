// Who is asking: a bearer token (the API) or the session cookie; sessions are extended while in use.
import Casework
import Foundation
import Hummingbird
import HummingbirdAuth

/// Puts the signed-in account, if any, into the context. A bearer token is looked up by its digest; a session
/// by its key (hummingbird-auth's `SessionMiddleware` has loaded it). A session past its absolute limit, or whose
/// account is gone, is cleared.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let services: WebServices

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard let account = try await services.store.account(apiTokenHash: TokenDigest.digest(token), at: Date()) else {
                throw WebError.signInRequired(returnTo: request.uri.path, expired: false)
            }
            context.account = account
            context.signedInWithToken = true
            return try await next(request, context)
        }
        if let session = context.sessions.session {
            let tooOld = Date().timeIntervalSince1970 - session.signedInAt > services.configuration.sessionAbsoluteTimeout
            if !tooOld, let id = Account.ID(session.accountID), let account = try await services.store.account(id: id) {
                context.account = account
                extendIfDue(context)
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }

    /// Slides the idle timeout forward, writing the session at most every five minutes.
    private func extendIfDue(_ context: WebContext) {
        let lifetime = services.configuration.sessionIdleTimeout
        context.sessions.withLockedSession { data in
            guard let remaining = data?.expiresIn, lifetime - remaining > .seconds(300) else { return }
            data?.expiresIn = lifetime
        }
    }
}
