// Seals over the tables that hold records, so that a row changed, added or removed outside Heeded is found.
import Casework
import Foundation
import GRDB

/// Every row of a record table has a seal: HMAC-SHA256, with the audit key, of the table's name and the row's
/// values in column order. Each table keeps one state in `record_seal`: the XOR of its rows' seals, and a MAC
/// of that digest. Triggers fold a row's seal in when it is written and out when it is changed or removed, in
/// the same transaction, so the state always matches the rows Heeded wrote.
///
/// Without the key nobody can compute a row's seal or a digest's MAC, so a row edited, inserted or deleted with
/// any other tool leaves the rows disagreeing with the state; dropping the triggers to write without the key is
/// found too. What the seals cannot show: which row was changed (only which table), and a whole database put
/// back to an earlier copy of itself (the audit anchor finds that, as the log's head goes back with it).
///
/// Once a state's MAC is wrong it stays wrong (the fold writes zeros), so a later change made through Heeded
/// cannot launder an earlier one made outside it.
enum RecordSeals {
    /// The tables that hold what families and staff recorded. Sessions, drafts, sign-in failures, tokens and
    /// the delivery ledger (worked out from `delivery`) are not records, and the audit log has its own chain.
    static let tables = [
        "case_file", "assessment", "need", "provision", "provision_need", "delivery", "ehc_advice", "overnight_stay",
        "review", "account", "case_owner", "case_report", "family_comment", "missed_session",
    ]

    static let sealFunction = "heeded_seal"
    static let foldFunction = "heeded_fold"

    /// Makes `heeded_seal(table, values...)` and `heeded_fold(table, state, removed, added)` known to a
    /// connection; the triggers call them.
    static func register(_ key: AuditKey, on db: Database) {
        db.add(function: DatabaseFunction(sealFunction, pure: true) { values in seal(values, key: key) })
        db.add(function: DatabaseFunction(foldFunction, argumentCount: 4, pure: true) { values in
            guard case .string(let table) = values[0].storage, case .blob(let state) = values[1].storage else {
                throw StoreError.unreadableRecord(table: "record_seal", detail: "a seal state that is not a table name and bytes")
            }
            var digest = Array(state.prefix(32))
            let mac = state.dropFirst(32)
            guard digest.count == 32 else { throw StoreError.unreadableRecord(table: "record_seal", detail: "the state of \(table) is too short") }
            let intact = Self.mac(table, digest: digest, key: key) == mac
            for value in values[2...] {
                guard case .blob(let seal) = value.storage else { continue }
                for (index, byte) in seal.prefix(32).enumerated() { digest[index] ^= byte }
            }
            return Data(digest) + (intact ? Self.mac(table, digest: digest, key: key) : Data(count: 32))
        })
    }

    /// A row's seal: the table's name and each value with its type and length, so no two rows share a form.
    static func seal(_ values: [DatabaseValue], key: AuditKey) -> Data {
        var canonical = Data()
        func append(_ tag: UInt8, _ bytes: some Collection<UInt8>) {
            canonical.append(tag)
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { canonical.append(contentsOf: $0) }
            canonical.append(contentsOf: bytes)
        }
        for value in values {
            switch value.storage {
            case .null: append(0, [])
            case .int64(let number): withUnsafeBytes(of: number.littleEndian) { append(1, Array($0)) }
            case .double(let number): withUnsafeBytes(of: number.bitPattern.littleEndian) { append(2, Array($0)) }
            case .string(let text): append(3, Array(text.utf8))
            case .blob(let bytes): append(4, bytes)
            }
        }
        return key.authenticate(canonical)
    }

    static func mac(_ table: String, digest: [UInt8], key: AuditKey) -> Data {
        key.authenticate(Data("record_seal:\(table)".utf8), Data(digest))
    }

    /// Creates the seal table and the triggers, and seals the rows already there (trusting them: they are what
    /// the store holds when it is first given a key).
    static func install(in db: Database, key: AuditKey) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS record_seal (table_name TEXT PRIMARY KEY NOT NULL, state BLOB NOT NULL) WITHOUT ROWID")
        for table in tables {
            let columns = try self.columns(of: table, in: db)
            try db.execute(sql: triggers(table, columns: columns))
            let digest = try self.digest(of: table, columns: columns, in: db)
            try db.execute(
                sql: "INSERT INTO record_seal (table_name, state) VALUES (?, ?)",
                arguments: [table, Data(digest) + mac(table, digest: digest, key: key)])
        }
    }

    /// Changes a record table's columns (`change`) with its seal kept: the triggers are dropped, the table changed,
    /// and the triggers and the state made again from its rows. A table whose rows already disagreed with its seal
    /// keeps a broken state, so a migration never launders a change made outside Heeded.
    static func changeColumns(of table: String, in db: Database, key: AuditKey, _ change: () throws -> Void) throws {
        let state = try Data.fetchOne(db, sql: "SELECT state FROM record_seal WHERE table_name = ?", arguments: [table])
        let intact = agrees(state, table: table, digest: try digest(of: table, columns: try columns(of: table, in: db), in: db), key: key)
        try db.execute(sql: ["insert", "update", "delete"].map { "DROP TRIGGER IF EXISTS \(table)_sealed_\($0);" }.joined())
        try change()
        let columns = try self.columns(of: table, in: db)
        try db.execute(sql: triggers(table, columns: columns))
        let digest = try self.digest(of: table, columns: columns, in: db)
        try db.execute(
            sql: "UPDATE record_seal SET state = ? WHERE table_name = ?",
            arguments: [Data(digest) + (intact ? mac(table, digest: digest, key: key) : Data(count: 32)), table])
    }

    /// Whether a stored state is the digest of the rows, with its MAC.
    static func agrees(_ state: Data?, table: String, digest: [UInt8], key: AuditKey) -> Bool {
        state.map { $0.count == 64 && Array($0.prefix(32)) == digest && $0.dropFirst(32) == mac(table, digest: digest, key: key) } ?? false
    }

    static func columns(of table: String, in db: Database) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }

    /// The three triggers that keep `table`'s state. A migration that changes a record table's columns does so
    /// through `changeColumns`, which makes them again.
    static func triggers(_ table: String, columns: [String]) -> String {
        func call(_ row: String) -> String {
            "\(sealFunction)('\(table)', \(columns.map { "\(row).\"\($0)\"" }.joined(separator: ", ")))"
        }
        func fold(removed: String, added: String) -> String {
            "UPDATE record_seal SET state = \(foldFunction)('\(table)', state, \(removed), \(added)) WHERE table_name = '\(table)';"
        }
        return """
            CREATE TRIGGER \(table)_sealed_insert AFTER INSERT ON \(table) BEGIN \(fold(removed: "NULL", added: call("NEW"))) END;
            CREATE TRIGGER \(table)_sealed_update AFTER UPDATE ON \(table) BEGIN \(fold(removed: call("OLD"), added: call("NEW"))) END;
            CREATE TRIGGER \(table)_sealed_delete AFTER DELETE ON \(table) BEGIN \(fold(removed: call("OLD"), added: "NULL")) END;
            """
    }

    /// The XOR of every row's seal, read row by row.
    static func digest(of table: String, columns: [String], in db: Database) throws -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        let seals = try Data.fetchCursor(
            db, sql: "SELECT \(sealFunction)('\(table)', \(columns.map { "\"\($0)\"" }.joined(separator: ", "))) FROM \(table)")
        while let seal = try seals.next() {
            for (index, byte) in seal.enumerated() { digest[index] ^= byte }
        }
        return digest
    }

    /// Each table's rows against its state, and whether its triggers are still the ones Heeded made.
    static func check(in db: Database, key: AuditKey) throws -> [RecordSealCheck] {
        let installed = Set(try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_sealed_%'"))
        return try tables.map { table in
            let columns = try self.columns(of: table, in: db)
            let expected = triggers(table, columns: columns).split(separator: "\n").map { String($0.dropLast()) }
            let rows = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            let state = try Data.fetchOne(db, sql: "SELECT state FROM record_seal WHERE table_name = ?", arguments: [table])
            let digest = try self.digest(of: table, columns: columns, in: db)
            return RecordSealCheck(
                table: table, rows: rows, agrees: agrees(state, table: table, digest: digest, key: key), triggersIntact: expected.allSatisfy(installed.contains))
        }
    }
}

/// One record table checked against its seal.
public struct RecordSealCheck: Sendable, Hashable {
    public let table: String
    public let rows: Int64
    /// The rows are exactly those Heeded wrote.
    public let agrees: Bool
    /// The triggers that keep the seal are as Heeded made them (a dropped trigger lets writes go unsealed).
    public let triggersIntact: Bool
}
