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

    /// The database file's name inside a data directory.
    public static let fileName = "heeded.sqlite"

    /// Opens (creating if needed) the store in a data directory, and brings its schema up to date.
    public init(directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.dataDirectory(path: directory.path, detail: error.localizedDescription)
        }
        try self.init(path: directory.appendingPathComponent(Self.fileName).path)
    }

    /// Opens (creating if needed) the store at a file path.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        self.path = path
        writer = try DatabasePool(path: path, configuration: configuration)
        // After the pool is open: GRDB sets NORMAL on the writer connection when it turns WAL on, after
        // `prepareDatabase` runs. Only the writer commits, so only its setting matters.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Migrations.migrator.migrate(writer)
        groupCommit = GroupCommit(writer: writer)
    }

    /// Runs a change and appends its audit entry in one write transaction: both are committed, or neither.
    func audited<T: Sendable>(
        _ action: String, subject: String, by who: ActingUser,
        _ change: @escaping @Sendable (Database) throws -> (previous: String?, new: String?, result: T)
    ) async throws -> T {
        try await writer.write { db in
            let (previous, new, result) = try change(db)
            try AuditLog.append(AuditEvent(actor: who, action: action, subject: subject, previousValue: previous, newValue: new), in: db)
            return result
        }
    }
}
