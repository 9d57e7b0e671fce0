// Typed identifiers, so a need's id can never be passed where a provision's is expected.
import Foundation

/// A unique identifier for one kind of record. `Subject` only tags the type; nothing of it is stored.
///
/// Identifiers are UUIDs made by whoever creates the record (the web app, the demo generator), so a record has
/// its id before it is stored and the same value works in SQLite and PostgreSQL.
public struct Identifier<Subject>: Sendable, Hashable, Codable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    /// A new random (version 4) identifier. Made from the system's random source directly: Foundation's
    /// `UUID()` opens /dev/urandom for every identifier on Linux, which showed in the cost of every request.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.uuid = UUID(randomUsing: &generator)
    }

    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    public var description: String { uuid.uuidString.lowercased() }

    public static func == (lhs: Identifier, rhs: Identifier) -> Bool { lhs.uuid == rhs.uuid }

    /// The UUID as two words: reports look up hundreds of thousands of identifiers, and this hashes faster than
    /// the UUID's sixteen bytes one by one.
    public func hash(into hasher: inout Hasher) {
        let words = withUnsafeBytes(of: uuid.uuid) { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a UUID, found \"\(text)\"")
        }
        self.uuid = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension UUID {
    /// A version 4, variant 1 UUID from a random number generator, as `UUID()` would make.
    public init(randomUsing generator: inout some RandomNumberGenerator) {
        var bytes = (generator.next() as UInt64, generator.next() as UInt64)
        let uuid = withUnsafeMutableBytes(of: &bytes) { raw -> uuid_t in
            raw[6] = raw[6] & 0x0F | 0x40
            raw[8] = raw[8] & 0x3F | 0x80
            return raw.loadUnaligned(as: uuid_t.self)
        }
        self.init(uuid: uuid)
    }
}
