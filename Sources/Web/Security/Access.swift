// Who may do what: every handler asks here for the role it needs and for the case it touches.
import Casework
import Hummingbird

extension WebContext {
    /// The signed-in account, or a trip to the sign-in page that comes back here.
    func signedIn(_ request: Request) throws -> Account {
        guard let account else {
            throw WebError.signInRequired(
                returnTo: request.uri.path, expired: request.cookies[HeededWeb.sessionCookie] != nil)
        }
        return account
    }

    /// The signed-in account if its role is one of `roles`; 403 otherwise.
    func signedIn(_ request: Request, as roles: Set<ActingUser.Role>) throws -> Account {
        let account = try signedIn(request)
        guard roles.contains(account.role) else { throw WebError.wrongRole }
        return account
    }

    /// A route parameter that must be an id; anything else is a page that does not exist.
    func id<T>(_ name: String, as: T.Type = T.self) throws -> Identifier<T> {
        guard let text = parameters.get(name), let id = Identifier<T>(text) else { throw WebError.notFound }
        return id
    }
}

extension ActingUser.Role {
    static let staff: Set<ActingUser.Role> = [.assessor, .manager, .administrator]
    static let managers: Set<ActingUser.Role> = [.manager, .administrator]
}

/// Ownership: whether an account may see a case at all. Checked before the record is read, so a refused look is
/// never recorded as a viewing, and refused with "not found" so a parent cannot learn another family's case exists.
enum CaseAccess {
    static func check(_ caseID: CaseFile.ID, for account: Account, services: WebServices) async throws {
        switch account.role {
        case .parent:
            guard try await services.store.owner(ofCase: caseID) == account.id else { throw WebError.notFound }
        case .manager, .administrator:
            guard try await services.store.caseSummary(caseID) != nil else { throw WebError.notFound }
        case .assessor:
            guard let summary = try await services.store.caseSummary(caseID) else { throw WebError.notFound }
            if summary.team == account.team || summary.team == .duty { return }
            guard try await services.store.assessors(ofCase: caseID).contains(account.email) else { throw WebError.notFound }
        case .provider, .system:
            throw WebError.wrongRole
        }
    }

    /// The whole record, after the check; reading it is audited as a viewing by this account.
    static func record(_ caseID: CaseFile.ID, for account: Account, services: WebServices) async throws -> CaseRecord {
        try await check(caseID, for: account, services: services)
        return try await services.store.caseRecord(caseID, viewedBy: account.actingUser)
    }
}
