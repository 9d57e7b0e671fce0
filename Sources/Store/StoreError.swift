// Problems opening or reading the database, as opposed to refused changes (those are Casework's errors).

/// Something is wrong with the data directory or the database file itself.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The data directory cannot be created or used.
    case dataDirectory(path: String, detail: String)
    /// A stored value could not be read back: the database was changed outside Heeded, or by a newer version.
    case unreadableRecord(table: String, detail: String)
    /// The audit key file cannot be read or made, or is missing for a log that was keyed.
    case auditKey(path: String, detail: String)
    /// A newer version of Heeded has migrated the database: this one would misread it.
    case newerVersion(path: String, migrations: [String])

    public var description: String {
        switch self {
        case .dataDirectory(let path, let detail): "cannot use the data directory \(path): \(detail)"
        case .unreadableRecord(let table, let detail): "a record in \(table) cannot be read: \(detail)"
        case .auditKey(let path, let detail): "the audit key \(path): \(detail)"
        case .newerVersion(let path, let migrations):
            "\(path) was brought up to date by a newer version of Heeded (\(migrations.joined(separator: ", "))): run that version, or restore a backup taken before the upgrade"
        }
    }
}
