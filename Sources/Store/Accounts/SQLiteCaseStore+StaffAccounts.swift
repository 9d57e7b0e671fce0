// Staff accounts as an administrator keeps them: invitations, one-time links, deactivation, roles and teams.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore: StaffAccountStore {
    public func staffAccounts() async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account WHERE role != ? ORDER BY email", arguments: [ActingUser.Role.parent.rawValue])
                .map(Self.account)
        }
    }

    public func staffAccount(id: Account.ID) async throws -> Account? {
        try await writer.read { db in try Self.staffAccount(id, in: db) }
    }

    public func invite(_ account: Account, linkHash: Data, expiresAt: Date, by who: ActingUser) async throws {
        precondition(account.passwordHash == Account.noPassword && account.role != .parent, "an invitation is for a member of staff with no password yet")
        try await audited("account.invited", subject: "account/\(account.id)", by: who) { db in
            try Self.insert(account, in: db)
            try db.execute(
                sql: "INSERT INTO password_reset (hash, account_id, expires_at) VALUES (?, ?, ?)",
                arguments: [linkHash, account.id.uuid, expiresAt.timeIntervalSince1970])
            return (nil, "\(Self.described(account)); invitation link expiring \(expiresAt)", ())
        }
    }

    public func issuePasswordLink(for id: Account.ID, linkHash: Data, expiresAt: Date, by who: ActingUser) async throws -> Account {
        try await audited("account.password-link", subject: "account/\(id)", by: who) { db in
            guard let account = try Self.staffAccount(id, in: db) else { throw CaseStoreError.notFound(kind: "staff account", id: "\(id)") }
            guard account.deactivatedAt == nil else { throw StaffChangeRefused(reason: "Reactivate the account before giving it a new link") }
            try db.execute(sql: "DELETE FROM password_reset WHERE account_id = ?", arguments: [id.uuid])
            try db.execute(
                sql: "INSERT INTO password_reset (hash, account_id, expires_at) VALUES (?, ?, ?)",
                arguments: [linkHash, id.uuid, expiresAt.timeIntervalSince1970])
            return (nil, "link expiring \(expiresAt)", account)
        }
    }

    public func change(_ id: Account.ID, _ change: StaffChange, at instant: Date, by who: ActingUser) async throws -> Account {
        let action = switch change {
        case .deactivate: "account.deactivated"
        case .reactivate: "account.reactivated"
        case .assign: "account.role"
        }
        return try await audited(action, subject: "account/\(id)", by: who) { db in
            guard var account = try Self.staffAccount(id, in: db) else { throw CaseStoreError.notFound(kind: "staff account", id: "\(id)") }
            if let reason = change.refusal(by: who, of: account) { throw StaffChangeRefused(reason: reason) }
            switch change {
            case .deactivate:
                try db.execute(sql: "UPDATE account SET deactivated_at = ? WHERE id = ?", arguments: [instant.timeIntervalSince1970, id.uuid])
                try db.execute(sql: "DELETE FROM web_session WHERE owner = ?", arguments: [id.uuid])
                let sessions = db.changesCount
                try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [id.uuid])
                let tokens = db.changesCount
                try db.execute(sql: "DELETE FROM password_reset WHERE account_id = ?", arguments: [id.uuid])
                account.deactivatedAt = instant
                return ("active", "deactivated; \(sessions) sessions ended, \(tokens) API tokens revoked", account)
            case .reactivate:
                let previous = "deactivated \(account.deactivatedAt.map { "\($0)" } ?? "")"
                try db.execute(sql: "UPDATE account SET deactivated_at = NULL WHERE id = ?", arguments: [id.uuid])
                account.deactivatedAt = nil
                return (previous, "active", account)
            case .assign(let role, let team):
                try db.execute(sql: "UPDATE account SET role = ?, team = ? WHERE id = ?", arguments: [role.rawValue, team.rawValue, id.uuid])
                let changed = Account(
                    id: account.id, email: account.email, role: role, passwordHash: account.passwordHash, team: team, createdAt: account.createdAt,
                    deactivatedAt: account.deactivatedAt)
                return (Self.described(account), Self.described(changed), changed)
            }
        }
    }

    static func staffAccount(_ id: Account.ID, in db: Database) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ? AND role != ?", arguments: [id.uuid, ActingUser.Role.parent.rawValue])
            .map(account)
    }
}
