// Codes read back from their columns: a code Heeded does not know is an unreadable record, never a default.
import Casework

/// Reads an enumerated code (a legal basis, a shortfall reason, a team) from the text a column holds. A code the
/// running Heeded does not know means the database was changed outside it, or by a newer version: reading on
/// with a default (an unknown legal basis as s17) would put a wrong figure in front of a manager, so it stops.
enum StoredCode {
    static func code<Code: RawRepresentable>(_ text: String, _ column: String, in table: String) throws -> Code where Code.RawValue == String {
        guard let code = Code(rawValue: text) else { throw StoreError.unreadableRecord(table: table, detail: "\(column) is \"\(text)\"") }
        return code
    }

    /// A code in a column that may be NULL (no code recorded).
    static func optionalCode<Code: RawRepresentable>(_ text: String?, _ column: String, in table: String) throws -> Code? where Code.RawValue == String {
        try text.map { try code($0, column, in: table) }
    }

    /// A team: any non-empty code (a council names its own teams), never an empty one.
    static func team(_ text: String, in table: String) throws -> Team {
        guard !text.isEmpty else { throw StoreError.unreadableRecord(table: table, detail: "team is empty") }
        return Team(rawValue: text)
    }
}
