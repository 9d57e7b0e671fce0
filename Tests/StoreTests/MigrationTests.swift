// The database file: WAL, foreign keys, full sync, and migrations that run once and in order.
import Foundation
import GRDB
import Store
import Testing

@Suite("Database setup")
struct MigrationTests {
    @Test("a new store uses WAL with synchronous FULL and foreign keys on")
    func pragmas() throws {
        let temporary = try TemporaryStore()
        let (journal, foreignKeys) = try temporary.store.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        let synchronous = try temporary.store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(synchronous == 2)
    }

    @Test("reopening a store runs no migration twice and keeps its data")
    func reopen() async throws {
        let temporary = try TemporaryStore()
        try await IdrisFamily().store(in: temporary.store)
        let again = try SQLiteCaseStore(directory: temporary.directory)
        let applied = try await again.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(applied).count == applied.count, "no migration ran twice")
        #expect(applied.map { $0.prefix(3) } == ["v1:", "v2:", "v3:", "v4:", "v5:", "v6:", "v7:", "v8:", "v9:"])
        #expect(try await again.verifyAuditChain().entriesChecked == 8)
    }

    @Test("a store a newer version has migrated is refused, naming what it does not know, and left as it was")
    func newerVersion() async throws {
        let temporary = try TemporaryStore()
        try await IdrisFamily().store(in: temporary.store)
        let shipped = try await temporary.store.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        try await temporary.store.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        #expect {
            try SQLiteCaseStore(directory: temporary.directory)
        } throws: { error in
            "\(error)".contains("was brought up to date by a newer version of Heeded (v99: from the future)")
        }
        let applied = try await temporary.store.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(applied) == Set(shipped + ["v99: from the future"]), "nothing was changed")
    }

    @Test("a data directory that cannot be created is reported with its path")
    func badDirectory() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-not-a-dir-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: StoreError.self) { try SQLiteCaseStore(directory: file.appendingPathComponent("data")) }
    }
}
