// Administering staff accounts: inviting people, switching accounts off and on, and moving them between roles and teams.
import Foundation

/// A change an administrator makes to a member of staff's account.
public enum StaffChange: Sendable, Hashable {
    /// The account can no longer sign in, and its sessions and API tokens end at once.
    case deactivate
    /// A deactivated account may sign in again (with its old password, or a new one-time link).
    case reactivate
    /// The account's role and team.
    case assign(role: ActingUser.Role, team: Team)

    /// The roles an administrator gives staff. A parent's account is the family's own, never administered.
    public static let staffRoles: [ActingUser.Role] = [.assessor, .manager, .administrator]

    /// Why `who` may not make this change to `account`, in words for the page beside the question; nil when they may.
    /// An administrator never deactivates or demotes themself, so a service always keeps someone who can administer it.
    public func refusal(by who: ActingUser, of account: Account) -> String? {
        let own = who.id == account.email
        switch self {
        case .deactivate:
            if own { return "You cannot deactivate your own account. Ask another administrator to do it." }
            if account.deactivatedAt != nil { return "This account is already deactivated" }
        case .reactivate:
            if account.deactivatedAt == nil { return "This account is not deactivated" }
        case .assign(let role, _):
            if !Self.staffRoles.contains(role) { return "Choose assessor, manager or administrator" }
            if own && role != .administrator { return "You cannot remove your own administrator role. Ask another administrator to do it." }
        }
        return nil
    }
}

/// A change an administrator may not make, with the reason to show beside the question.
public struct StaffChangeRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Where an administrator's work on staff accounts is kept. Every change is audited with what it replaced.
public protocol StaffAccountStore: Sendable {
    /// Every staff account (not parents), deactivated and invited ones included, by email.
    func staffAccounts() async throws -> [Account]
    /// A staff account by id, deactivated or not; nil for a parent's account or none.
    func staffAccount(id: Account.ID) async throws -> Account?
    /// Stores a new staff account with no usable password (`Account.noPassword`) and a one-time link, by its hash,
    /// to set one, in one audited transaction; `CaseStoreError.alreadyExists` when the email is taken.
    func invite(_ account: Account, linkHash: Data, expiresAt: Date, by who: ActingUser) async throws
    /// A new one-time link for a staff account to set its password (any earlier link is used up), audited.
    /// `CaseStoreError.notFound` for no such staff account; `StaffChangeRefused` for a deactivated one.
    func issuePasswordLink(for id: Account.ID, linkHash: Data, expiresAt: Date, by who: ActingUser) async throws -> Account
    /// Makes a change, refused with `StaffChangeRefused` as `StaffChange.refusal` says, audited with the previous
    /// value; deactivating ends the account's sessions, API tokens and one-time links in the same transaction.
    func change(_ id: Account.ID, _ change: StaffChange, at instant: Date, by who: ActingUser) async throws -> Account
}
