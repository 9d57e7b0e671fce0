// A person who signs in: a parent, or a member of staff with a role and a team.
import Foundation

/// An account. Parents create their own; an administrator invites staff (`StaffAccountStore`) or makes them with `heeded users add`.
///
/// The email address is the login name and the account's `ActingUser` id, so the audit log reads as people, not
/// numbers. It is kept in the normal form `EmailAddress.normalised` gives.
public struct Account: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Account>
    public let id: ID
    public let email: String
    public let role: ActingUser.Role
    /// A bcrypt hash; never the password.
    public var passwordHash: String
    /// The team a member of staff works in; nil for parents.
    public var team: Team?
    public let createdAt: Date
    /// When an administrator switched the account off; nil while it may sign in.
    public var deactivatedAt: Date?

    /// The password hash of an invited account before its one-time link is used: nothing verifies against it.
    public static let noPassword = "!"

    public init(
        id: ID = ID(), email: String, role: ActingUser.Role, passwordHash: String, team: Team? = nil, createdAt: Date = Date(),
        deactivatedAt: Date? = nil
    ) {
        precondition(EmailAddress.normalised(email) == email, "an account's email is stored normalised")
        precondition(role != .system, "Heeded itself has no account")
        self.id = id
        self.email = email
        self.role = role
        self.passwordHash = passwordHash
        self.team = team
        self.createdAt = createdAt
        self.deactivatedAt = deactivatedAt
    }

    /// Who this account is in the audit log.
    public var actingUser: ActingUser { ActingUser(id: email, role: role) }
}

/// Email addresses as login names: trimmed and lower-cased, with one `@` and a dot in the domain.
public enum EmailAddress {
    public static func normalised(_ text: String) -> String? {
        let email = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return nil }
        return email
    }
}

/// What a password must be: long enough to resist guessing, and not one of the passwords everyone tries.
/// Length, not character classes, is what the NCSC recommends.
public enum PasswordPolicy {
    public static let minimumLength = 10
    static let common: Set<String> = [
        "password123", "1234567890", "qwertyuiop", "password1234", "iloveyou123", "letmein1234", "welcome123", "passw0rd123",
    ]

    /// Why a password is refused, in words for the page; nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "Your password must be at least \(minimumLength) characters long" }
        if password.count > 128 { return "Your password must be 128 characters or fewer" }
        if common.contains(password.lowercased()) { return "Choose a password that is harder to guess" }
        return nil
    }
}
