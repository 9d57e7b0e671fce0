// The audit log table: appending a sealed entry inside the caller's transaction, and reading entries back.
import Casework
import Foundation
import GRDB

/// Reads and appends audit entries. Appending happens only inside a write transaction, which SQLite runs one
/// at a time, so two entries can never claim the same place in the chain.
enum AuditLog {
    static func append(_ event: AuditEvent, in db: Database, key: AuditKey, at instant: Date = Date()) throws {
        // Cached statements: an entry is appended with every change, so the SQL is parsed once per connection.
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"))
        let previous: (Int64, Data)? = last.map { ($0["sequence"], $0["hash"]) }
        let entry = AuditChain.seal(event, after: previous, at: Int64((instant.timeIntervalSince1970 * 1000).rounded()), key: key)
        try db.cachedStatement(sql: """
                INSERT INTO audit_log (sequence, recorded_at, actor_id, actor_role, action, subject, previous_value, new_value, previous_hash, hash, keyed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """).execute(arguments: [
                entry.sequence, entry.recordedAt, event.actor.id, event.actor.role.rawValue, event.action, event.subject,
                event.previousValue, event.newValue, entry.previousHash, entry.hash,
            ])
    }

    static func entry(_ row: Row) throws -> AuditEntry {
        let roleText: String = row["actor_role"]
        guard let role = ActingUser.Role(rawValue: roleText) else {
            throw StoreError.unreadableRecord(table: "audit_log", detail: "entry \(row["sequence"] as Int64) has an unknown role \"\(roleText)\"")
        }
        let actorID: String = row["actor_id"]
        let event = AuditEvent(
            actor: ActingUser(id: actorID.isEmpty ? "?" : actorID, role: role), action: row["action"], subject: row["subject"],
            previousValue: row["previous_value"], newValue: row["new_value"])
        return AuditEntry(
            sequence: row["sequence"], recordedAt: row["recorded_at"], event: event, previousHash: row["previous_hash"], hash: row["hash"],
            keyed: row["keyed"])
    }

    /// Verifies the whole log in storage order (by rowid, i.e. sequence), streaming it.
    static func verify(_ db: Database, key: AuditKey) throws -> AuditVerification {
        var verifier = AuditChain.Verifier(key: key)
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY rowid")
        while let row = try rows.next() {
            verifier.check(try entry(row))
            if verifier.firstProblem != nil { break }
        }
        return verifier.result
    }
}

extension SQLiteCaseStore {
    public func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE sequence >= ? ORDER BY sequence LIMIT ?", arguments: [sequence, limit])
                .map(AuditLog.entry)
        }
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        try await writer.read { db in try AuditLog.verify(db, key: auditKey) }
    }

    /// Each record table against its seal (see `RecordSeals`).
    public func verifyRecordSeals() async throws -> [RecordSealCheck] {
        try await writer.read { db in try RecordSeals.check(in: db, key: auditKey) }
    }

    /// The log's newest entry, to anchor outside the database; nil for an empty log.
    public func auditHead() async throws -> (sequence: Int64, hash: Data)? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1").map { ($0[0], $0[1]) }
        }
    }

    /// The hashes of the entries at these sequence numbers that the log still has.
    public func auditHashes(at sequences: [Int64]) async throws -> [Int64: Data] {
        try await writer.read { db in
            var hashes: [Int64: Data] = [:]
            let statement = try db.cachedStatement(sql: "SELECT hash FROM audit_log WHERE sequence = ?")
            for sequence in sequences {
                if let hash = try Data.fetchOne(statement, arguments: [sequence]) { hashes[sequence] = hash }
            }
            return hashes
        }
    }
}
