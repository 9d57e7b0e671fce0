// Who may read /metrics: addresses on an allowed list, or anyone with the metrics token.
import Foundation
import NIOCore

/// `/metrics` tells an outsider how busy the service is and how many families wait, so it answers only a scraper
/// from an allowed address or one that sends `Authorization: Bearer <token>`. The address is the connection's own:
/// `X-Forwarded-For` is not believed (behind a proxy, allow the proxy or use the token).
public struct MetricsAccess: Sendable {
    /// Address ranges allowed without the token; by default loopback only.
    public var allowed: [AddressRange]
    /// The bearer token that admits a scraper from anywhere; nil for none.
    public var token: String?

    public static let loopback = MetricsAccess(allowed: [try! AddressRange("127.0.0.0/8"), try! AddressRange("::1")], token: nil)

    public init(allowed: [AddressRange], token: String?) {
        self.allowed = allowed
        self.token = token
    }

    func admits(_ address: SocketAddress?, authorization: String?) -> Bool {
        if let token, let authorization, authorization.lowercased().hasPrefix("bearer "),
           TokenDigest.constantTimeEqual(String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces), token) {
            return true
        }
        guard let bytes = address.flatMap(AddressRange.bytes) else { return false }
        return allowed.contains { $0.contains(bytes) }
    }

    /// An IPv4 or IPv6 address with a prefix length (`10.0.0.0/8`, `fd00::/8`); a bare address is itself alone.
    public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
        private let network: [UInt8]
        private let prefix: Int
        public let description: String

        public init(_ text: String) throws {
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let address = try? SocketAddress(ipAddress: first, port: 0), let bytes = Self.bytes(address) else {
                throw Invalid(entry: text, why: "is not an IPv4 or IPv6 address")
            }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else {
                throw Invalid(entry: text, why: "needs a prefix length from 0 to \(bytes.count * 8) after the /")
            }
            network = bytes
            self.prefix = prefix
            description = text
        }

        func contains(_ bytes: [UInt8]) -> Bool {
            guard bytes.count == network.count else { return false }
            var bits = prefix
            for (mine, theirs) in zip(network, bytes) where bits > 0 {
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if mine & mask != theirs & mask { return false }
                bits -= 8
            }
            return true
        }

        /// The address's bytes; an IPv4 address mapped into IPv6 (`::ffff:10.1.2.3`, as a dual-stack listener sees
        /// IPv4 clients) as the IPv4 one.
        static func bytes(_ address: SocketAddress) -> [UInt8]? {
            switch address {
            case .v4(let v4):
                return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
            case .v6(let v6):
                let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
                return bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] ? Array(bytes.suffix(4)) : bytes
            default:
                return nil
            }
        }
    }

    /// An entry of the allowed list that cannot be read, named as it was given.
    public struct Invalid: Error, CustomStringConvertible {
        public let entry: String
        public let why: String
        public var description: String { "metrics address \"\(entry)\" \(why)" }
    }
}
