// Backups: a consistent copy of the database taken while the server runs, and a restore that checks the copy
// before it takes the place of a store.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    /// Copies the whole database to a new file through SQLite's backup API, from one read of it, so the copy
    /// is the store as it stood at one moment, while writes go on. An existing file at `path` is refused.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.dataDirectory(path: path, detail: "there is already a file there; a backup never overwrites one")
        }
        let copy = try DatabaseQueue(path: path)
        do {
            try writer.backup(to: copy)
            try copy.close()
        } catch {
            try? copy.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// What a restored store held when it was checked.
    public struct Restored: Sendable {
        public let audit: AuditVerification
        public let records: [RecordSealCheck]
    }

    /// Restores a backup into a data directory that holds no store. The copy is made beside the store's place,
    /// opened with the audit key (`auditKeyFile`, default `audit.key` in the directory: the key the backup's
    /// log was written with), and its audit chain and record seals checked; only a copy that passes becomes the
    /// store. Nothing is left behind when it does not.
    public static func restore(from backup: String, into directory: URL, auditKeyFile: URL? = nil) throws -> Restored {
        let target = directory.appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: backup) else {
            throw StoreError.dataDirectory(path: backup, detail: "there is no backup there")
        }
        guard !FileManager.default.fileExists(atPath: target) else {
            throw StoreError.dataDirectory(path: directory.path, detail: "it already holds a store; restore only into a data directory with none")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keyFile = auditKeyFile ?? directory.appendingPathComponent(auditKeyFileName)
        guard FileManager.default.fileExists(atPath: keyFile.path) else {
            throw StoreError.auditKey(path: keyFile.path, detail: "it is missing; put the key the backup was written with there (or name it with --audit-key)")
        }
        let staging = directory.appendingPathComponent("restoring-\(UUID().uuidString).sqlite").path
        func removeStaging() {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
        }
        do {
            let source = try DatabaseQueue(path: backup, configuration: { var c = Configuration(); c.readonly = true; return c }())
            let copy = try DatabaseQueue(path: staging)
            try source.backup(to: copy)
            try copy.close()
            try source.close()
            let restored: Restored
            do {
                let store = try SQLiteCaseStore(path: staging, auditKey: try auditKey(at: keyFile, forDatabase: staging))
                restored = Restored(audit: try store.writer.read { db in try AuditLog.verify(db, key: store.auditKey) },
                                    records: try store.writer.read { db in try RecordSeals.check(in: db, key: store.auditKey) })
                try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
                try store.writer.close()
            }
            guard restored.audit.isIntact, restored.records.allSatisfy({ $0.agrees && $0.triggersIntact }) else {
                removeStaging()
                throw StoreError.unreadableRecord(
                    table: "audit_log",
                    detail: "the backup does not verify (\(restored.audit.firstProblem?.description ?? "records changed outside Heeded in " + restored.records.filter { !$0.agrees || !$0.triggersIntact }.map(\.table).joined(separator: ", "))); nothing was restored")
            }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
            try FileManager.default.moveItem(atPath: staging, toPath: target)
            return restored
        } catch {
            removeStaging()
            throw error
        }
    }
}
