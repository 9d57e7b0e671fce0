// Who did something: every change and every viewing of a child's record names a person and their role.

/// A person (or Heeded itself) acting on a record; the audit log's "who".
///
/// Named `ActingUser`, not `Actor`, because `Actor` is Swift's protocol for actor types.
public struct ActingUser: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable account id (login name or account number), never a display name that can change.
    public let id: String
    public let role: Role

    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case parent, assessor, manager, administrator, provider
        /// Heeded itself: the routing tables, imports, the demo generator.
        case system
    }

    public init(id: String, role: Role) {
        precondition(!id.isEmpty, "an acting user needs an id")
        self.id = id
        self.role = role
    }

    public var description: String { "\(role.rawValue):\(id)" }
}
