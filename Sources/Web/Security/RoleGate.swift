// The role check, once per group of routes: routes for one kind of account are registered behind one gate.
import Casework
import Hummingbird

/// Lets a request through only for a signed-in account whose role is one of `roles`. Signed out, the person is sent
/// to sign in and back (401 for the API); signed in with another role, 403. Handlers behind it read the account from
/// `WebContext.signedInAccount`.
struct RoleGate: RouterMiddleware {
    typealias Context = WebContext
    let roles: Set<ActingUser.Role>

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard let account = context.account else {
            throw WebError.signInRequired(returnTo: request.uri.path, expired: request.cookies[HeededWeb.sessionCookie] != nil)
        }
        guard roles.contains(account.role) else { throw WebError.wrongRole }
        return try await next(request, context)
    }
}

extension RouterMethods<WebContext> {
    /// The routes registered on the group answer only accounts in `roles` (see `RoleGate`).
    func only(_ roles: Set<ActingUser.Role>) -> RouterGroup<WebContext> {
        group().add(middleware: RoleGate(roles: roles))
    }
}

extension ActingUser.Role {
    static let staff: Set<ActingUser.Role> = [.assessor, .manager, .administrator]
    static let managers: Set<ActingUser.Role> = [.manager, .administrator]
    static let parents: Set<ActingUser.Role> = [.parent]
    /// Every kind of account that signs in to the pages or the API.
    static let people: Set<ActingUser.Role> = [.parent, .assessor, .manager, .administrator]
}
