// The schema the shipped migrations make, pinned: a change to a shipped migration, or a new one, shows here.
import Foundation
import GRDB
import Testing

@Suite("Schema snapshot")
struct SchemaSnapshotTests {
    static let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("schema.sql")

    /// Every table, index and trigger of a new store, in name order, as SQLite holds them.
    static func schema(of temporary: TemporaryStore) throws -> String {
        try temporary.store.writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            return (migrations.map { "-- migration \($0)" } + rows.map { "-- \($0["type"] as String) \($0["name"] as String)\n\($0["sql"] as String);" })
                .joined(separator: "\n") + "\n"
        }
    }

    @Test("a new store's schema is the one in schema.sql (after adding a migration, write the new one there: HEEDED_WRITE_SCHEMA=1 swift test --filter Schema)")
    func pinned() throws {
        let schema = try Self.schema(of: try TemporaryStore())
        if ProcessInfo.processInfo.environment["HEEDED_WRITE_SCHEMA"] == "1" {
            try schema.write(to: Self.snapshot, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: Self.snapshot, encoding: .utf8)
        #expect(schema == pinned, "the schema differs from Tests/StoreTests/schema.sql: a shipped migration was edited, or a new one was not written there")
    }
}
