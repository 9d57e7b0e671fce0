// Hummingbird's key/value persistence over the store's session table, so sessions live in the database.
import Casework
import Foundation
import Hummingbird
import ServiceLifecycle

/// A `PersistDriver` for hummingbird-auth's `SessionMiddleware`, over `SessionRecordStore`. Sessions in the
/// database mean any application server can serve any request, and a restart signs nobody out.
struct DatabasePersistDriver: PersistDriver {
    let store: any SessionRecordStore

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        guard try await store.putSession(
            key: key, value: try JSONEncoder().encode(value), owner: Self.owner(value), expiresAt: expires.map(Self.instant), onlyIfNew: true) else {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.putSession(
            key: key, value: try JSONEncoder().encode(value), owner: Self.owner(value), expiresAt: expires.map(Self.instant), onlyIfNew: false)
    }

    /// The account a signed-in session belongs to, so that signing out can end every session it holds.
    private static func owner(_ value: some Sendable) -> Account.ID? {
        (value as? WebSession).flatMap { Account.ID($0.accountID) }
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let (data, expiresAt) = try await store.session(key: key, at: Date()) else { return nil }
        guard let object = try? JSONDecoder().decode(Object.self, from: data) else { throw PersistError.invalidConversion }
        return (object, expiresAt.map { .milliseconds(Int64($0.timeIntervalSinceNow * 1000)) })
    }

    func remove(key: String) async throws {
        try await store.removeSession(key: key)
    }

    func shutdown() async throws {}

    /// Deletes expired sessions every ten minutes while the server runs.
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = try? await store.purgeExpiredSessions(at: Date())
                try await Task.sleep(for: .seconds(600))
            }
        }
    }

    private static func instant(_ duration: Duration) -> Date {
        Date().addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
