// Received requests and drafts in SQLite. A received request is written through group commit.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore: IntakeStore {
    public func receive(_ request: ReceivedRequest, ownedBy owner: Account.ID?, by who: ActingUser) async throws {
        let file = request.file
        for assessment in request.assessments where assessment.caseID != file.id {
            throw CaseStoreError.badReference("assessment \(assessment.id) belongs to another case, not \(file.reference)")
        }
        // Everything is encoded before the shared transaction, so the one writer does only SQL.
        let body = try StoredJSON.encode(file)
        let assessments = try request.assessments.map { ($0, try StoredJSON.encode($0)) }
        try await groupCommit.write { db in
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM case_file WHERE id = ?"), arguments: [file.id.uuid]) == nil else { throw CaseStoreError.alreadyExists(kind: "case", id: file.id.description) }
            try Self.insertCase(file, body: body, in: db)
            for (assessment, body) in assessments {
                try db.cachedStatement(
                    sql: "INSERT INTO assessment (id, case_id, kind, status, requested_on, deadline_on, body) VALUES (?, ?, ?, ?, ?, ?, ?)"
                ).execute(arguments: [
                        assessment.id.uuid, assessment.caseID.uuid, assessment.kind.rawValue, assessment.status.rawValue,
                        assessment.requestedOn.description, assessment.deadline.date.description, body,
                    ])
            }
            if let owner {
                try db.cachedStatement(sql: "INSERT INTO case_owner (case_id, account_id) VALUES (?, ?)").execute(arguments: [file.id.uuid, owner.uuid])
                try db.cachedStatement(sql: "DELETE FROM form_draft WHERE owner = ? AND purpose = ?")
                    .execute(arguments: [owner.uuid, NeedsRequestIntake.formID])
            }
            try AuditLog.append(AuditEvent(actor: who, action: "case.opened", subject: "case/\(file.id)", previousValue: nil, newValue: body), in: db, key: auditKey)
        }
    }

    /// Saves the draft as of now: `updatedAt` becomes the time of this save, whatever the draft carried.
    public func saveDraft(_ draft: FormDraft) async throws {
        var stamped = draft
        stamped.updatedAt = Date()
        let draft = stamped
        let body = try StoredJSON.encode(draft)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO form_draft (owner, purpose, form_id, form_version, updated_at, body) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(owner, purpose) DO UPDATE SET form_id = excluded.form_id, form_version = excluded.form_version,
                        updated_at = excluded.updated_at, body = excluded.body
                    """,
                arguments: [draft.owner.uuid, draft.purpose, draft.formID, draft.formVersion, draft.updatedAt.timeIntervalSince1970, body])
        }
    }

    public func draft(owner: Account.ID, purpose: String) async throws -> FormDraft? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM form_draft WHERE owner = ? AND purpose = ?", arguments: [owner.uuid, purpose])
                .map { try StoredJSON.decode(FormDraft.self, from: $0, table: "form_draft") }
        }
    }

    public func draftsInProgress(purposes: [String]) async throws -> [DraftInProgress] {
        guard !purposes.isEmpty else { return [] }
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.purpose, a.email, d.updated_at FROM form_draft d JOIN account a ON a.id = d.owner
                    WHERE d.purpose IN (\(databaseQuestionMarks(count: purposes.count))) ORDER BY d.updated_at DESC
                    """,
                arguments: StatementArguments(purposes)
            ).map { DraftInProgress(purpose: $0[0], ownerEmail: $0[1], updatedAt: Date(timeIntervalSince1970: $0[2])) }
        }
    }

    public func removeDraft(owner: Account.ID, purpose: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM form_draft WHERE owner = ? AND purpose = ?", arguments: [owner.uuid, purpose])
        }
    }
}
