// The secret that keys the audit chain and the record seals, kept outside the database.
import Crypto
import Foundation

/// An HMAC-SHA256 key. Whoever can write the database but cannot read this key cannot rewrite an entry of the
/// audit log, append one, or change a record, without `audit verify` seeing it.
public struct AuditKey: Sendable {
    /// Fewer bytes than the hash's own output would weaken it.
    public static let minimumLength = 32

    let key: SymmetricKey

    /// A key from stored bytes; fewer than `minimumLength` are refused.
    public init(bytes: some ContiguousBytes) throws(CaseworkError) {
        let key = SymmetricKey(data: bytes)
        guard key.bitCount / 8 >= Self.minimumLength else {
            throw CaseworkError.invalid(field: "audit key", message: "An audit key must be at least \(Self.minimumLength) bytes; this one is \(key.bitCount / 8)")
        }
        self.key = key
    }

    private init(_ key: SymmetricKey) { self.key = key }

    /// A new key of 32 bytes from the system's random source.
    public static func generate() -> AuditKey { AuditKey(SymmetricKey(size: .bits256)) }

    /// The key's bytes, to be written to its file.
    public var bytes: [UInt8] { key.withUnsafeBytes { Array($0) } }

    /// HMAC-SHA256 of `parts` in order.
    public func authenticate(_ parts: Data...) -> Data {
        var mac = HMAC<SHA256>(key: key)
        for part in parts { mac.update(data: part) }
        return Data(mac.finalize())
    }
}
