// How domain values become the JSON in `body` columns and audit entries, and back.
import Foundation

/// One encoder configuration for everything stored, so the same value always gives the same text (sorted
/// keys): audit entries compare cleanly and previous values read the same way as new ones.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, table: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.unreadableRecord(table: table, detail: "\(error)")
        }
    }
}
