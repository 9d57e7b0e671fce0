// One line of the audit log: who did what to which record, when, what it was before, and the chain hash.
import Foundation

/// What an audit entry records before it is chained.
public struct AuditEvent: Sendable, Hashable, Codable {
    public let actor: ActingUser
    /// What happened, e.g. `case.opened`, `assessment.status`, `record.viewed`.
    public let action: String
    /// The record it happened to, e.g. `case/<uuid>`.
    public let subject: String
    /// The record before the change, as JSON; nil for a new record or a read.
    public let previousValue: String?
    /// The record after the change, as JSON; nil for a read.
    public let newValue: String?

    public init(actor: ActingUser, action: String, subject: String, previousValue: String?, newValue: String?) {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.previousValue = previousValue
        self.newValue = newValue
    }
}

/// A stored audit entry: an event, its place in the log, its time, and its link in the hash chain.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1 for the first entry, and one more for each after it, with no gaps.
    public let sequence: Int64
    /// Milliseconds since 1970-01-01 UTC; whole milliseconds so the canonical form is exact.
    public let recordedAt: Int64
    public let event: AuditEvent
    /// The previous entry's hash (32 zero bytes for the first entry).
    public let previousHash: Data
    /// HMAC-SHA256 (with the audit key) of `previousHash` followed by the canonical form of this entry; for an
    /// entry written before the log was keyed, plain SHA-256 of the same.
    public let hash: Data
    /// Whether `hash` is keyed. Only entries written before the store had a key are not.
    public let keyed: Bool

    public init(sequence: Int64, recordedAt: Int64, event: AuditEvent, previousHash: Data, hash: Data, keyed: Bool = true) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
        self.keyed = keyed
    }

    public var recordedDate: Date { Date(timeIntervalSince1970: Double(recordedAt) / 1000) }
}
