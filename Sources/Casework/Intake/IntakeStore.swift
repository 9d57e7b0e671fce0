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
    /// Who has a draft saved for any of `purposes`, and when it was last saved, latest first: a case page shows
    /// that an assessment is being written, so nobody starts it again.
    func draftsInProgress(purposes: [String]) async throws -> [DraftInProgress]
}

/// A draft someone is writing, without its answers.
public struct DraftInProgress: Sendable, Hashable {
    public let purpose: String
    public let ownerEmail: String
    public let updatedAt: Date

    public init(purpose: String, ownerEmail: String, updatedAt: Date) {
        self.purpose = purpose
        self.ownerEmail = ownerEmail
        self.updatedAt = updatedAt
    }
}
