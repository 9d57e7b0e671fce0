// The embedded store: one SQLite file in a data directory, through GRDB, implementing Casework's CaseStore.
import Casework
import Foundation
import GRDB

/// Cases in SQLite. WAL mode through a `DatabasePool` (readers never wait for the writer), foreign keys on,
/// migrations run on open.
///
/// Durability: `synchronous = FULL`. In WAL mode NORMAL already survives a killed process, but can lose the
/// last commits on power loss or an OS crash; FULL syncs the WAL on every commit, so once Heeded tells a
/// parent "received" the request survives both. The cost is one fsync per transaction, which is why bulk
/// imports write thousands of rows per transaction.
public struct SQLiteCaseStore: CaseStore {
    /// The database, for the store's own extensions and tests that need to look underneath.
    public let writer: DatabasePool
    /// The database file.
    public let path: String
    /// Shares transactions between concurrent small writes (received requests); see `GroupCommit`.
    let groupCommit: GroupCommit
    /// Keys the audit chain and the record seals.
    let auditKey: AuditKey
    /// Counts the working days of the deadlines set as the store saves (assessments a manager's decision adds, EHC advice).
    let calendar: WorkingDayCalendar

    /// The database file's name inside a data directory.
    public static let fileName = "heeded.sqlite"
    /// The audit key's file name inside a data directory, where it is kept unless configured elsewhere.
    public static let auditKeyFileName = "audit.key"

    /// Opens (creating if needed) the store in a data directory, and brings its schema up to date. The audit
    /// key is read from `auditKeyFile` (default `audit.key` in the directory); a store with no keyed entry yet
    /// gets a new key there (mode 0600), but a missing key for a keyed log is an error, not a fresh key.
    public init(directory: URL, auditKeyFile: URL? = nil, calendar: WorkingDayCalendar = .englandAndWales) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.dataDirectory(path: directory.path, detail: error.localizedDescription)
        }
        let path = directory.appendingPathComponent(Self.fileName).path
        let keyFile = auditKeyFile ?? directory.appendingPathComponent(Self.auditKeyFileName)
        try self.init(path: path, auditKey: try Self.auditKey(at: keyFile, forDatabase: path), calendar: calendar)
    }

    /// Opens (creating if needed) the store at a file path, with its audit key.
    public init(path: String, auditKey: AuditKey, calendar: WorkingDayCalendar = .englandAndWales) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // Every connection knows the seal functions the record tables' triggers call.
        configuration.prepareDatabase { db in RecordSeals.register(auditKey, on: db) }
        self.path = path
        self.auditKey = auditKey
        self.calendar = calendar
        writer = try DatabasePool(path: path, configuration: configuration)
        // After the pool is open: GRDB sets NORMAL on the writer connection when it turns WAL on, after
        // `prepareDatabase` runs. Only the writer commits, so only its setting matters.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let migrator = Migrations.migrator(key: auditKey)
        // A store a newer Heeded has migrated holds what this one cannot read rightly: refuse it, rather than misread it.
        // Asked on the writer's connection: a reader opened before the migrations would keep the old schema's columns.
        let unknown = try writer.writeWithoutTransaction { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
        guard unknown.isEmpty else { throw StoreError.newerVersion(path: path, migrations: unknown.sorted()) }
        try migrator.migrate(writer)
        groupCommit = GroupCommit(writer: writer)
        try keyLog()
    }

    /// A log whose newest entry was written before the store had a key gets a keyed entry after it, so the
    /// chain from here on is keyed and a log that ends unkeyed is known to be rewritten.
    private func keyLog() throws {
        try writer.write { db in
            guard let keyed = try Bool.fetchOne(db, sql: "SELECT keyed FROM audit_log ORDER BY sequence DESC LIMIT 1"), !keyed else { return }
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            try AuditLog.append(
                AuditEvent(
                    actor: ActingUser(id: "heeded", role: .system), action: "audit.keyed", subject: "audit",
                    previousValue: nil, newValue: "the \(count) entries before this one are hashed without the key"),
                in: db, key: auditKey)
        }
    }

    /// Reads the key file, or makes one when the database has no keyed entry to lose.
    static func auditKey(at file: URL, forDatabase database: String) throws -> AuditKey {
        let manager = FileManager.default
        if manager.fileExists(atPath: file.path) {
            do {
                return try AuditKey(bytes: try Data(contentsOf: file))
            } catch {
                throw StoreError.auditKey(path: file.path, detail: "\(error)")
            }
        }
        if manager.fileExists(atPath: database), try hasKeyedEntries(database) {
            throw StoreError.auditKey(
                path: file.path,
                detail: "it is missing, and the audit log in \(database) was written with a key; restore the key file (or name it with --audit-key)")
        }
        let key = AuditKey.generate()
        guard manager.createFile(atPath: file.path, contents: Data(key.bytes), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.auditKey(path: file.path, detail: "it cannot be created")
        }
        return key
    }

    private static func hasKeyedEntries(_ database: String) throws -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: database, configuration: configuration)
        return try queue.read { db in
            guard try db.tableExists("audit_log"), try db.columns(in: "audit_log").contains(where: { $0.name == "keyed" }) else { return false }
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM audit_log WHERE keyed = 1 LIMIT 1") ?? false
        }
    }

    /// Runs a change and appends its audit entry in one write transaction: both are committed, or neither.
    func audited<T: Sendable>(
        _ action: String, subject: String, by who: ActingUser,
        _ change: @escaping @Sendable (Database) throws -> (previous: String?, new: String?, result: T)
    ) async throws -> T {
        try await writer.write { db in
            let (previous, new, result) = try change(db)
            try AuditLog.append(AuditEvent(actor: who, action: action, subject: subject, previousValue: previous, newValue: new), in: db, key: auditKey)
            return result
        }
    }
}
