// Who may do what with a case: every handler asks here about the case it touches (the role is checked by `RoleGate`).
import Casework
import Hummingbird

extension WebContext {
    /// The account a `RoleGate` let through. Reading it on a route registered outside a gate is a programmer's error.
    var signedInAccount: Account {
        guard let account else { preconditionFailure("a route that needs an account is registered outside a RoleGate") }
        return account
    }

    /// A route parameter that must be an id; anything else is a page that does not exist.
    func id<T>(_ name: String, as: T.Type = T.self) throws -> Identifier<T> {
        guard let text = parameters.get(name), let id = Identifier<T>(text) else { throw WebError.notFound }
        return id
    }
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
            // Their team's cases, and any holding an assessment allocated to them. Requests waiting with the duty team
            // are for the duty team's assessors (and managers), not every assessor in the county.
            if summary.team == account.team { return }
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
