// The persistence seam for intake: storing a received request with its owner, and keeping drafts.
import Foundation

/// Stores what `NeedsRequestIntake` decided, and the drafts forms are filled in through.
public protocol IntakeStore: Sendable {
    /// Stores a received request: the case, its assessments, the link to the account that made it and the
    /// audit entry, in one transaction, and removes the account's needs-request draft. This is the one way a
    /// single new case is written (an import writes many at once); a case already stored is refused. Only after this returns
    /// may the family be told "received".
    func receive(_ request: ReceivedRequest, ownedBy owner: Account.ID?, by who: ActingUser) async throws

    func saveDraft(_ draft: FormDraft) async throws
    func draft(owner: Account.ID, purpose: String) async throws -> FormDraft?
    func removeDraft(owner: Account.ID, purpose: String) async throws
}
