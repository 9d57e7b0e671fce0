// Accounts, case owners, sign-in failures and API tokens in SQLite.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore: AccountStore {
    public func createAccount(_ account: Account, by who: ActingUser) async throws {
        let described = Self.described(account)
        try await audited("account.created", subject: "account/\(account.id)", by: who) { db in
            try Self.insert(account, in: db)
            return (nil, described, ())
        }
    }

    /// Stores a new account; `CaseStoreError.alreadyExists` when the email is taken, deactivated or not.
    static func insert(_ account: Account, in db: Database) throws {
        guard try Self.account(email: account.email, in: db) == nil else {
            throw CaseStoreError.alreadyExists(kind: "account", id: account.email)
        }
        try db.execute(
            sql: "INSERT INTO account (id, email, role, password_hash, team, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [account.id.uuid, account.email, account.role.rawValue, account.passwordHash, account.team?.rawValue, account.createdAt.timeIntervalSince1970])
    }

    public func account(email: String) async throws -> Account? {
        guard let email = EmailAddress.normalised(email) else { return nil }
        return try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE email = ? AND deactivated_at IS NULL", arguments: [email]).map(Self.account)
        }
    }

    public func account(id: Account.ID) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ? AND deactivated_at IS NULL", arguments: [id.uuid]).map(Self.account)
        }
    }

    public func accounts(role: ActingUser.Role) async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account WHERE role = ? AND deactivated_at IS NULL ORDER BY email", arguments: [role.rawValue]).map(Self.account)
        }
    }

    public func casesOwned(by owner: Account.ID) async throws -> [CaseSummary] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.reference, c.child_name, c.team FROM case_owner o JOIN case_file c ON c.id = o.case_id
                    WHERE o.account_id = ? ORDER BY c.opened_on DESC, c.reference
                    """,
                arguments: [owner.uuid]
            ).map { CaseSummary(id: CaseFile.ID($0[0] as UUID), reference: $0[1], childName: $0[2], team: try StoredCode.team($0[3], in: "case_file")) }
        }
    }

    public func owner(ofCase id: CaseFile.ID) async throws -> Account.ID? {
        try await writer.read { db in
            try UUID.fetchOne(db, sql: "SELECT account_id FROM case_owner WHERE case_id = ?", arguments: [id.uuid]).map(Account.ID.init)
        }
    }

    public func linkCase(_ id: CaseFile.ID, to owner: Account.ID, by who: ActingUser) async throws {
        try await audited("case.owner", subject: "case/\(id)", by: who) { db in
            let previous = try UUID.fetchOne(db, sql: "SELECT account_id FROM case_owner WHERE case_id = ?", arguments: [id.uuid])
            try db.execute(
                sql: "INSERT INTO case_owner (case_id, account_id) VALUES (?, ?) ON CONFLICT(case_id) DO UPDATE SET account_id = excluded.account_id",
                arguments: [id.uuid, owner.uuid])
            return (previous.map { "account/\(Account.ID($0))" }, "account/\(owner)", ())
        }
    }

    public func claimSignInAttempt(email: String, address: String, at instant: Date, throttle: SignInThrottle) async throws -> Bool {
        let email = EmailAddress.normalised(email) ?? email
        // One write transaction: SQLite runs one writer at a time, so no other claim can count between this
        // count and this insert.
        return try await writer.write { db in
            let since = instant.timeIntervalSince1970 - throttle.window
            let byEmail = try Int.fetchOne(db, sql: "SELECT count(*) FROM sign_in_failure WHERE email = ? AND at >= ?", arguments: [email, since]) ?? 0
            let byAddress = try Int.fetchOne(db, sql: "SELECT count(*) FROM sign_in_failure WHERE address = ? AND at >= ?", arguments: [address, since]) ?? 0
            guard throttle.allows(accountFailures: byEmail, addressFailures: byAddress) else { return false }
            try db.execute(sql: "INSERT INTO sign_in_failure (email, address, at) VALUES (?, ?, ?)", arguments: [email, address, instant.timeIntervalSince1970])
            // Keep the table small: failures older than a day no longer count for anything.
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE at < ?", arguments: [instant.timeIntervalSince1970 - 86_400])
            return true
        }
    }

    public func clearFailedSignIns(email: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE email = ?", arguments: [EmailAddress.normalised(email) ?? email])
        }
    }

    public func createAPIToken(hash: Data, for owner: Account.ID, expiresAt: Date, by who: ActingUser) async throws {
        try await audited("account.api-token", subject: "account/\(owner)", by: who) { db in
            try db.execute(
                sql: "INSERT INTO api_token (hash, account_id, expires_at) VALUES (?, ?, ?)",
                arguments: [hash, owner.uuid, expiresAt.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM api_token WHERE expires_at < ?", arguments: [Date().timeIntervalSince1970])
            return (nil, "token expiring \(expiresAt)", ())
        }
    }

    public func signOutEverywhere(_ owner: Account.ID, by who: ActingUser) async throws {
        try await audited("account.signed-out", subject: "account/\(owner)", by: who) { db in
            try db.execute(sql: "DELETE FROM web_session WHERE owner = ?", arguments: [owner.uuid])
            let sessions = db.changesCount
            try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [owner.uuid])
            return (nil, "\(sessions) sessions ended, \(db.changesCount) API tokens revoked", ())
        }
    }

    public func createPasswordReset(email: String, hash: Data, expiresAt: Date) async throws -> Account? {
        guard let account = try await account(email: email) else { return nil }
        // Asked by whoever typed the address, not (as far as anyone knows) the account holder.
        let asker = ActingUser(id: "someone signed out", role: .system)
        return try await writer.write { [auditKey] db in
            try db.execute(sql: "DELETE FROM password_reset WHERE expires_at < ?", arguments: [Date().timeIntervalSince1970])
            // One link in any two minutes, so an address cannot be flooded with mail by asking again and again. A
            // link an administrator gave (which lasts longer) is not one asked for here, and does not count.
            let recent = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM password_reset WHERE account_id = ? AND expires_at > ? AND expires_at <= ?)",
                arguments: [account.id.uuid, expiresAt.timeIntervalSince1970 - Self.passwordResetInterval, expiresAt.timeIntervalSince1970]) ?? false
            guard !recent else { return nil }
            try db.execute(
                sql: "INSERT INTO password_reset (hash, account_id, expires_at) VALUES (?, ?, ?)",
                arguments: [hash, account.id.uuid, expiresAt.timeIntervalSince1970])
            try AuditLog.append(AuditEvent(
                actor: asker, action: "account.password-reset-requested", subject: "account/\(account.id)", previousValue: nil,
                newValue: "link expiring \(expiresAt)"), in: db, key: auditKey)
            return account
        }
    }

    /// The least time between two links for one account.
    static let passwordResetInterval: TimeInterval = 120

    public func resetPassword(linkHash hash: Data, newPasswordHash: String, at instant: Date) async throws -> Account? {
        try await writer.write { [auditKey] db in
            guard let row = try Row.fetchOne(
                db,
                sql: "SELECT a.* FROM password_reset r JOIN account a ON a.id = r.account_id WHERE r.hash = ? AND r.expires_at > ? AND a.deactivated_at IS NULL",
                arguments: [hash, instant.timeIntervalSince1970])
            else { return nil }
            let account = try Self.account(row)
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [newPasswordHash, account.id.uuid])
            try db.execute(sql: "DELETE FROM password_reset WHERE account_id = ?", arguments: [account.id.uuid])
            try db.execute(sql: "DELETE FROM web_session WHERE owner = ?", arguments: [account.id.uuid])
            let sessions = db.changesCount
            try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [account.id.uuid])
            try AuditLog.append(AuditEvent(
                actor: ActingUser(id: account.email, role: account.role), action: "account.password-reset", subject: "account/\(account.id)",
                previousValue: nil, newValue: "password set with a one-time link; \(sessions) sessions ended, \(db.changesCount) API tokens revoked"),
                in: db, key: auditKey)
            return account
        }
    }

    public func account(apiTokenHash hash: Data, at instant: Date) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT a.* FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.hash = ? AND t.expires_at > ? AND a.deactivated_at IS NULL"),
                arguments: [hash, instant.timeIntervalSince1970]
            ).map(Self.account)
        }
    }

    // MARK: Rows

    /// An account as the audit log describes it: role, email and team.
    static func described(_ account: Account) -> String {
        "\(account.role.rawValue) \(account.email)\(account.team.map { " in \($0)" } ?? "")"
    }

    /// The account with this email, deactivated or not (an email is never taken twice).
    static func account(email: String, in db: Database) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM account WHERE email = ?", arguments: [email]).map(account)
    }

    static func account(_ row: Row) throws -> Account {
        let roleText: String = row["role"]
        guard let role = ActingUser.Role(rawValue: roleText), role != .system else {
            throw StoreError.unreadableRecord(table: "account", detail: "unknown role \"\(roleText)\"")
        }
        // No team is NULL (a parent's account); an empty code is not a way of saying so.
        let team = try (row["team"] as String?).map { try StoredCode.team($0, in: "account") }
        return Account(
            id: Account.ID(row["id"] as UUID), email: row["email"], role: role, passwordHash: row["password_hash"],
            team: team, createdAt: Date(timeIntervalSince1970: row["created_at"]),
            deactivatedAt: (row["deactivated_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}

extension SQLiteCaseStore: SessionRecordStore {
    public func putSession(key: String, value: Data, owner: Account.ID?, expiresAt: Date?, onlyIfNew: Bool) async throws -> Bool {
        try await writer.write { db in
            let now = Date().timeIntervalSince1970
            if onlyIfNew {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM web_session WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)", arguments: [key, now]) != nil {
                    return false
                }
            }
            // A nil expiry keeps the one the session has (what Hummingbird's persist drivers promise).
            try db.execute(
                sql: """
                    INSERT INTO web_session (key, value, owner, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, owner = excluded.owner,
                        expires_at = COALESCE(excluded.expires_at, web_session.expires_at)
                    """,
                arguments: [key, value, owner?.uuid, expiresAt?.timeIntervalSince1970])
            return true
        }
    }

    public func session(key: String, at instant: Date) async throws -> (value: Data, expiresAt: Date?)? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT value, expires_at FROM web_session WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
                arguments: [key, instant.timeIntervalSince1970]) else { return nil }
            let expires: Double? = row[1]
            return (row[0], expires.map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func removeSession(key: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM web_session WHERE key = ?", arguments: [key]) }
    }

    public func purgeExpiredSessions(at instant: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ?", arguments: [instant.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
