// What a session holds on the server: the account, its CSRF token and when it signed in. The cookie holds only a key.

/// Session data, stored server-side (see `DatabasePersistDriver`); the browser holds only a random key.
public struct WebSession: Codable, Sendable {
    public var accountID: String
    /// Bound to the session: every form post must carry it.
    public var csrfToken: String
    public var signedInAt: Double
}
