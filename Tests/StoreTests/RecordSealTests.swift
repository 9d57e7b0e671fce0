// Keys, seals and anchors in the store: records changed outside Heeded, a missing key, a log from before keys.
@testable import Casework
import Foundation
import GRDB
@testable import Store
import Testing

@Suite("Record seals and the audit key")
struct RecordSealTests {
    /// The tables whose rows no longer match their seal, after `sql` is run on the database as someone with
    /// sqlite3 would run it: without Heeded's seal functions, so with the triggers that call them dropped.
    func tamper(_ sql: String, thenThroughHeeded: ((SQLiteCaseStore, IdrisFamily) async throws -> Void)? = nil) async throws -> [RecordSealCheck] {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        #expect(try await temporary.store.verifyRecordSeals().allSatisfy { $0.agrees && $0.triggersIntact })
        try await temporary.store.writer.write { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_sealed_%'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: sql)
        }
        // Put back as they were, so only the rows tell.
        try await temporary.store.writer.write { db in
            for table in RecordSeals.tables { try db.execute(sql: RecordSeals.triggers(table, columns: try RecordSeals.columns(of: table, in: db))) }
        }
        try await thenThroughHeeded?(temporary.store, family)
        return try await temporary.store.verifyRecordSeals().filter { !$0.agrees || !$0.triggersIntact }
    }

    @Test("a delivery changed outside Heeded is found, by its table: a recorded shortfall made into full delivery")
    func changedDelivery() async throws {
        let found = try await tamper("UPDATE delivery SET delivered = planned")
        #expect(found.map(\.table) == ["delivery"])
    }

    @Test("an account added as a manager and a case moved to another team are each found")
    func changedRecords() async throws {
        let raised = try await tamper("""
            INSERT INTO account (id, email, role, password_hash, team, created_at) VALUES (x'00112233445566778899aabbccddeeff', 'x@example.org', 'manager', 'h', NULL, 0);
            UPDATE case_file SET team = 'early-help';
            """)
        #expect(raised.map(\.table) == ["case_file", "account"])
    }

    @Test("a migration that changes a record table's columns keeps its seal: intact stays intact, and a change made outside Heeded before it is still found")
    func columnsChanged() async throws {
        let addColumn: @Sendable (SQLiteCaseStore) async throws -> Void = { store in
            try await store.writer.write { db in
                try RecordSeals.changeColumns(of: "account", in: db, key: store.auditKey) {
                    try db.execute(sql: "ALTER TABLE account ADD COLUMN nickname TEXT")
                }
            }
        }
        let intact = try TemporaryStore()
        try await IdrisFamily().store(in: intact.store)
        try await intact.store.createAccount(
            Account(email: "hollis@example.org", role: .assessor, passwordHash: "h", team: .disabledChildren), by: ActingUser(id: "test", role: .system))
        try await addColumn(intact.store)
        #expect(try await intact.store.verifyRecordSeals().allSatisfy { $0.agrees && $0.triggersIntact })
        let found = try await tamper("""
            INSERT INTO account (id, email, role, password_hash, team, created_at, deactivated_at) VALUES (x'00112233445566778899aabbccddeeff', 'x@example.org', 'administrator', 'h', NULL, 0, NULL);
            """, thenThroughHeeded: { store, _ in try await addColumn(store) })
        #expect(found.map(\.table) == ["account"])
        #expect(found.allSatisfy { $0.triggersIntact })
    }

    @Test("a change made through Heeded after one made outside it does not hide it")
    func notLaundered() async throws {
        let found = try await tamper("UPDATE delivery SET delivered = planned") { store, family in
            for delivery in family.deliveries { try await store.recordDelivery(delivery, inCase: family.file.id, by: assessor) }
        }
        #expect(found.map(\.table) == ["delivery"])
    }

    @Test("the seal state itself changed, to match edited rows, is found: its MAC needs the key")
    func stateForged() async throws {
        let found = try await tamper("UPDATE record_seal SET state = zeroblob(64) WHERE table_name = 'review'; DELETE FROM review;")
        #expect(found.map(\.table) == ["review"])
    }

    @Test("a dropped trigger is found, even before any write goes unsealed")
    func droppedTrigger() async throws {
        let temporary = try TemporaryStore()
        try await IdrisFamily().store(in: temporary.store)
        try await temporary.store.writer.write { db in try db.execute(sql: "DROP TRIGGER need_sealed_update") }
        let found = try await temporary.store.verifyRecordSeals().filter { !$0.triggersIntact }
        #expect(found.map(\.table) == ["need"])
    }

    @Test("a new store makes its key (mode 0600); a keyed log whose key is missing is refused, not given a new key")
    func keyFile() async throws {
        let temporary = try TemporaryStore()
        try await IdrisFamily().store(in: temporary.store)
        let keyFile = temporary.directory.appendingPathComponent(SQLiteCaseStore.auditKeyFileName)
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
        // Kept elsewhere, and named.
        let elsewhere = temporary.directory.appendingPathComponent("elsewhere.key")
        try FileManager.default.moveItem(at: keyFile, to: elsewhere)
        #expect(throws: StoreError.self) { try SQLiteCaseStore(directory: temporary.directory) }
        #expect(!FileManager.default.fileExists(atPath: keyFile.path))
        let reopened = try SQLiteCaseStore(directory: temporary.directory, auditKeyFile: elsewhere)
        #expect(try await reopened.verifyAuditChain().isIntact)
        // Another key: every entry fails.
        try Data(AuditKey.generate().bytes).write(to: elsewhere)
        let wrongKey = try SQLiteCaseStore(directory: temporary.directory, auditKeyFile: elsewhere)
        #expect(try await wrongKey.verifyAuditChain().firstProblem == AuditProblem(kind: .changed, sequence: 1, expectedSequence: 1))
        #expect(try await wrongKey.verifyRecordSeals().allSatisfy { !$0.agrees })
    }

    @Test("a store from before keys: its entries verify as they were hashed, a keyed entry follows them, and its rows are sealed")
    func legacyStore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-legacy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(SQLiteCaseStore.fileName).path
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator(key: AuditKey.generate()).migrate(pool, upTo: "v6: each session names the account signed in, so signing out ends them all")
            try await pool.write { db in
                let event = AuditEvent(actor: manager, action: "account.created", subject: "account/1", previousValue: nil, newValue: "manager m@example.org")
                let hash = AuditChain.hashOf(sequence: 1, recordedAt: 5, event: event, previousHash: AuditChain.genesis, key: nil)
                try db.execute(
                    sql: "INSERT INTO audit_log (sequence, recorded_at, actor_id, actor_role, action, subject, previous_value, new_value, previous_hash, hash) VALUES (1, 5, ?, ?, ?, ?, NULL, ?, ?, ?)",
                    arguments: [manager.id, manager.role.rawValue, event.action, event.subject, event.newValue, AuditChain.genesis, hash])
                try db.execute(sql: "INSERT INTO account (id, email, role, password_hash, team, created_at) VALUES (x'00112233445566778899aabbccddeeff', 'm@example.org', 'manager', 'h', NULL, 0)")
            }
        }
        let store = try SQLiteCaseStore(directory: directory)
        let result = try await store.verifyAuditChain()
        #expect(result.isIntact)
        #expect(result.entriesChecked == 2)
        #expect(result.unkeyedEntries == 1)
        #expect(try await store.auditEntries(from: 2, limit: 1).map(\.event.action) == ["audit.keyed"])
        #expect(try await store.verifyRecordSeals().allSatisfy { $0.agrees && $0.triggersIntact })
        // Opening again adds nothing: the log already ends keyed.
        let again = try SQLiteCaseStore(directory: directory)
        #expect(try await again.verifyAuditChain().entriesChecked == 2)
    }

    @Test("the head and the hashes the anchors ask for")
    func head() async throws {
        let temporary = try TemporaryStore()
        #expect(try await temporary.store.auditHead() == nil)
        try await IdrisFamily().store(in: temporary.store)
        let entries = try await temporary.store.auditEntries(from: 1, limit: 100)
        let head = try #require(try await temporary.store.auditHead())
        #expect(head.sequence == entries.last?.sequence && head.hash == entries.last?.hash)
        #expect(try await temporary.store.auditHashes(at: [2, 999]) == [2: entries[1].hash])
    }
}
