// Searching the audit log: by child, case, actor and action, newest first.
import Foundation

/// What to look for in the audit log; every part given must match, and none given matches every entry.
public struct AuditQuery: Sendable, Hashable {
    /// Part of a child's name, or a case reference: entries about the child's case and every record in it.
    public var child: String?
    /// One case: entries about it and every record in it.
    public var caseID: CaseFile.ID?
    /// Part of who acted (an email, or `heeded-users-add`).
    public var actor: String?
    /// An action (`account.role`) or its family (`account`).
    public var action: String?

    public init(child: String? = nil, caseID: CaseFile.ID? = nil, actor: String? = nil, action: String? = nil) {
        self.child = child
        self.caseID = caseID
        self.actor = actor
        self.action = action
    }
}

/// Reading the audit log for people: the search, and its head.
public protocol AuditSearchStore: Sendable {
    /// Entries matching the query, newest first, skipping `offset`.
    func auditEntries(matching query: AuditQuery, offset: Int, limit: Int) async throws -> [AuditEntry]
    /// The log's newest entry; nil for an empty log.
    func auditHead() async throws -> (sequence: Int64, hash: Data)?
    /// Records that a copy of what is held was given out (`records.downloaded` by a family): the change is nothing,
    /// the entry is the record of it.
    func recordDisclosure(_ action: String, subject: String, detail: String, by who: ActingUser) async throws
}
