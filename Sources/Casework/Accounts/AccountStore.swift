// The persistence seam for accounts: who may sign in, what each parent owns, sign-in attempts and API tokens.
import Foundation

/// Where accounts live. Creating an account is audited; reading one is not (it happens on every request).
///
/// The lookups (by email, id, role and API token) answer only accounts that may act: a deactivated account is not
/// found by them, so it cannot sign in, its sessions and tokens stop working, and it is offered for no allocation.
/// Administrators see deactivated accounts through `StaffAccountStore`.
public protocol AccountStore: Sendable {
    /// Stores a new account; `CaseStoreError.alreadyExists` when the email is taken.
    func createAccount(_ account: Account, by who: ActingUser) async throws
    func account(email: String) async throws -> Account?
    func account(id: Account.ID) async throws -> Account?
    /// Staff of a role, for allocation lists.
    func accounts(role: ActingUser.Role) async throws -> [Account]

    /// The cases a parent's account owns: the ones opened from its requests, or linked to it.
    func casesOwned(by owner: Account.ID) async throws -> [CaseSummary]
    /// The account that owns a case, if any.
    func owner(ofCase id: CaseFile.ID) async throws -> Account.ID?
    /// Links an existing case to a parent's account (a case opened on the family's behalf), audited.
    func linkCase(_ id: CaseFile.ID, to owner: Account.ID, by who: ActingUser) async throws

    /// Claims one sign-in attempt for an email from an address, if the throttle allows another in its window.
    /// The attempt counts as a failure from this moment until `clearFailedSignIns` is called after the password
    /// proves right, and the count and the claim are one atomic step: so guesses made in parallel are counted
    /// before any of them is checked, and no more than the throttle allows are ever checked.
    func claimSignInAttempt(email: String, address: String, at instant: Date, throttle: SignInThrottle) async throws -> Bool
    /// Forgets an account's failures (and its claimed attempt) after it signs in.
    func clearFailedSignIns(email: String) async throws

    /// Stores an API token by its hash (the token itself is shown once and never stored).
    func createAPIToken(hash: Data, for owner: Account.ID, expiresAt: Date, by who: ActingUser) async throws
    /// The account a token belongs to, if the token is known and not expired.
    func account(apiTokenHash hash: Data, at instant: Date) async throws -> Account?
    /// Ends every session an account holds and revokes its API tokens (signing out), audited.
    func signOutEverywhere(_ owner: Account.ID, by who: ActingUser) async throws

    /// Stores a one-time link to set a new password, by its hash, for the account with this email, audited;
    /// returns the account, or nil (and stores nothing) when no account has the email or it was sent a link in
    /// the last two minutes.
    func createPasswordReset(email: String, hash: Data, expiresAt: Date) async throws -> Account?
    /// Sets a new password with a link that is known and not expired, in one audited transaction: the link and
    /// any other of the account's links are used up, and every session and API token it held ends. Nil when the
    /// link is unknown, used or expired.
    func resetPassword(linkHash hash: Data, newPasswordHash: String, at instant: Date) async throws -> Account?
}

/// Server-side session records: opaque values under random keys, with an expiry. The web layer keeps its
/// sessions here so that application servers hold no state and any of them can serve any request.
public protocol SessionRecordStore: Sendable {
    /// Stores a value, with the account it is signed in as (`owner`, nil for none); with `onlyIfNew`, refuses (returns
    /// false) when the key exists and has not expired.
    @discardableResult
    func putSession(key: String, value: Data, owner: Account.ID?, expiresAt: Date?, onlyIfNew: Bool) async throws -> Bool
    /// The value and its expiry, unless missing or expired at `instant`.
    func session(key: String, at instant: Date) async throws -> (value: Data, expiresAt: Date?)?
    func removeSession(key: String) async throws
    /// Deletes expired sessions; returns how many.
    @discardableResult
    func purgeExpiredSessions(at instant: Date) async throws -> Int
}
