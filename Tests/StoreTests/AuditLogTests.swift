// The audit log in the database: every change and every viewing recorded, append-only, tampering found.
import Casework
import Foundation
import GRDB
import Store
import Testing

@Suite("Audit log")
struct AuditLogTests {
    @Test("each change records who, what, when and the previous value, and viewing a record is recorded too")
    func entries() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        var changed = family.need
        changed.assessorView = "Hoist needed; two carers for transfers"
        try await temporary.store.saveNeed(changed, by: assessor)
        _ = try await temporary.store.caseRecord(family.file.id, viewedBy: manager)
        let entries = try await temporary.store.auditEntries(from: 1, limit: 100)
        #expect(entries.map(\.event.action) == [
            "case.opened", "need.saved", "provision.saved", "delivery.recorded", "delivery.recorded", "ehc-advice.saved",
            "overnight-stay.recorded", "review.saved", "need.saved", "record.viewed",
        ])
        let update = entries[8]
        #expect(update.event.actor == assessor)
        #expect(update.event.previousValue?.contains("Two-person handling needed for transfers") == true)
        #expect(update.event.newValue?.contains("Hoist needed") == true)
        #expect(entries[9].event.actor == manager)
        #expect(entries[9].event.subject == "case/\(family.file.id)")
        #expect(abs(entries[9].recordedDate.timeIntervalSinceNow) < 60)
        #expect(try await temporary.store.verifyAuditChain().entriesChecked == 10)
    }

    @Test("a refused change leaves no audit entry and no half-written record")
    func atomic() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await temporary.store.receive(ReceivedRequest(file: family.file, assessments: family.assessments), ownedBy: nil, by: parent)
        await #expect(throws: (any Error).self) {
            try await temporary.store.moveAssessment(family.assessments[0].id, to: .authorised, on: day("2025-09-02"), by: manager)
        }
        let entries = try await temporary.store.auditEntries(from: 1, limit: 100)
        #expect(entries.count == 1)
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: manager)
        #expect(record.assessments[0].status == .requested)
    }

    @Test("the database refuses to change or delete an audit entry")
    func appendOnly() async throws {
        let temporary = try TemporaryStore()
        try await IdrisFamily().store(in: temporary.store)
        #expect(throws: DatabaseError.self) {
            try temporary.store.writer.write { db in try db.execute(sql: "UPDATE audit_log SET actor_id = 'someone-else' WHERE sequence = 1") }
        }
        #expect(throws: DatabaseError.self) {
            try temporary.store.writer.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE sequence = 2") }
        }
        #expect(try await temporary.store.verifyAuditChain().isIntact)
    }

    /// Someone with the database file and sqlite3 can drop the triggers; the chain still gives them away.
    func tamper(_ sql: String) async throws -> AuditVerification {
        let temporary = try TemporaryStore()
        try await IdrisFamily().store(in: temporary.store)
        try await temporary.store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
            try db.execute(sql: sql)
        }
        return try await temporary.store.verifyAuditChain()
    }

    @Test("a changed entry is found and named")
    func changed() async throws {
        let result = try await tamper("UPDATE audit_log SET actor_id = 'someone-else' WHERE sequence = 3")
        #expect(result.firstProblem == AuditProblem(kind: .changed, sequence: 3, expectedSequence: 3))
        #expect(result.entriesChecked == 2)
    }

    @Test("a removed entry is found")
    func removed() async throws {
        let result = try await tamper("DELETE FROM audit_log WHERE sequence = 4")
        #expect(result.firstProblem?.kind == .missing)
        #expect(result.firstProblem?.expectedSequence == 4)
    }

    @Test("reordered entries are found")
    func reordered() async throws {
        let result = try await tamper("""
            UPDATE audit_log SET sequence = -1 WHERE sequence = 2;
            UPDATE audit_log SET sequence = 2 WHERE sequence = 5;
            UPDATE audit_log SET sequence = 5 WHERE sequence = -1;
            """)
        #expect(result.firstProblem?.sequence == 2)
        #expect(result.firstProblem?.kind == .brokenLink)
    }
}
