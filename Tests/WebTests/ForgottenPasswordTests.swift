// A forgotten password: a one-time link by email, which sets a new password and ends the old sessions.
import Casework
import Foundation
import Synchronization
import Testing
@testable import Web

/// Keeps what would have been sent.
final class MailRecorder: MailSender {
    private let sent = Mutex<[MailMessage]>([])
    var messages: [MailMessage] { sent.withLock { $0 } }
    /// The messages once `count` have been sent (mail goes after the page is answered), or what there is after 5 s.
    func messages(count: Int) async throws -> [MailMessage] {
        for _ in 0..<50 where messages.count < count { try await Task.sleep(for: .milliseconds(100)) }
        return messages
    }
    func send(_ message: MailMessage) async throws { sent.withLock { $0.append(message) } }
}

@Suite("A forgotten password")
struct ForgottenPasswordTests {
    @Test("a parent who forgot their password gets a one-time link by email, sets a new one, and signs in with it; the link works once")
    func resetByLink() async throws {
        let mail = MailRecorder()
        let server = try TestServer(mail: mail)
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            var elsewhere = Browser(client: browser.client)
            _ = try await elsewhere.signIn("rhian@example.org")
            #expect(try await elsewhere.get("/family").status == .ok)
            let signIn = try await browser.get("/sign-in")
            #expect(signIn.contains(#"<a href="/forgot-password">Forgotten your password?</a>"#))
            let sent = try await browser.submit("/forgot-password", [("email", "Rhian@Example.org")])
            #expect(sent.status == .ok)
            #expect(sent.contains("If an account has the address rhian@example.org, we have sent it a link"))
            let message = try #require(try await mail.messages(count: 1).first)
            var again = Browser(client: browser.client)
            _ = try await again.submit("/forgot-password", [("email", "rhian@example.org")])
            try await Task.sleep(for: .milliseconds(300))
            #expect(mail.messages.count == 1, "a second request within two minutes sends no second email")
            #expect(message.to == "rhian@example.org")
            let link = try #require(message.body.firstMatch(#"(https://heeded\.example\.gov\.uk/reset-password\?token=[A-Za-z0-9_-]+)"#))
            let path = String(link.dropFirst("https://heeded.example.gov.uk".count))

            let short = try await browser.submit(path, to: "/reset-password", [("token", Self.token(path)), ("password", "short"), ("password_again", "short")])
            #expect(short.status == .unprocessableContent)
            #expect(short.contains("Your password must be at least 10 characters long"))
            let set = try await browser.submit(path, to: "/reset-password", [
                ("token", Self.token(path)), ("password", "a new long passphrase"), ("password_again", "a new long passphrase"),
            ])
            #expect(set.location == "/sign-in?reset=1")
            #expect(try await browser.get("/sign-in?reset=1").contains("Your password is set"))
            #expect(try await elsewhere.get("/family").status == .seeOther, "the session signed in before the reset has ended")
            let old = try await browser.signIn("rhian@example.org")
            #expect(old.status == .unauthorized, "the old password no longer works")
            let new = try await browser.signIn("rhian@example.org", password: "a new long passphrase")
            #expect(new.location == "/family")

            var other = Browser(client: browser.client)
            let reused = try await other.submit(path, to: "/reset-password", [
                ("token", Self.token(path)), ("password", "another long passphrase"), ("password_again", "another long passphrase"),
            ])
            #expect(reused.status == .gone)
            #expect(reused.contains("This link has been used, or is more than an hour old."))
            let audit = try await server.store.auditEntries(from: 0, limit: 200).map(\.event.action)
            #expect(audit.contains("account.password-reset-requested") && audit.contains("account.password-reset"))
        }
    }

    @Test("an address with no account is answered as one with an account, and nothing is sent")
    func unknownAddress() async throws {
        let mail = MailRecorder()
        let server = try TestServer(mail: mail)
        try await server.run { browser in
            var browser = browser
            let sent = try await browser.submit("/forgot-password", [("email", "nobody@example.org")])
            #expect(sent.status == .ok)
            #expect(sent.contains("If an account has the address nobody@example.org, we have sent it a link"))
            try await Task.sleep(for: .milliseconds(300))
            #expect(mail.messages.isEmpty)
        }
    }

    @Test("without a mail relay the page says whom to call, and offers no form")
    func noRelay() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let page = try await browser.get("/forgot-password")
            #expect(page.contains("This council has not set up email from this service yet"))
            #expect(!page.contains(#"action="/forgot-password""#))
        }
    }

    static func token(_ path: String) -> String { String(path.split(separator: "=").last ?? "") }
}

/// The relay `.ci/run` starts on loopback (aiosmtpd, delivering into a maildir), when there is one.
enum TestRelay {
    static let url = ProcessInfo.processInfo.environment["HEEDED_TEST_SMTP"]
    static let maildir = ProcessInfo.processInfo.environment["HEEDED_TEST_MAILDIR"]
}

@Suite("Email through a real relay")
struct SMTPRelayTests {
    @Test("a message handed to the relay arrives with its sender, recipient, subject and body",
          .enabled(if: TestRelay.url != nil && TestRelay.maildir != nil, "needs the SMTP relay .ci/run starts (HEEDED_TEST_SMTP, HEEDED_TEST_MAILDIR)"))
    func delivered() async throws {
        let url = try #require(TestRelay.url), maildir = try #require(TestRelay.maildir)
        let marker = UUID().uuidString
        try await SMTPRelay(url: url, from: "no-reply@heeded.invalid", requireTLS: false).send(
            MailMessage(to: "rhian@example.org", subject: "Set a new password \(marker)", body: "Open this link:\nhttps://heeded.example.gov.uk/reset-password?token=\(marker)"))
        let inbox = URL(fileURLWithPath: maildir).appendingPathComponent("new")
        var found: String?
        for _ in 0..<100 where found == nil {
            let files = (try? FileManager.default.contentsOfDirectory(at: inbox, includingPropertiesForKeys: nil)) ?? []
            found = files.lazy.compactMap { try? String(contentsOf: $0, encoding: .utf8) }.first { $0.contains(marker) }
            if found == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let message = try #require(found, "the message reached the relay's mailbox")
        #expect(message.contains("X-MailFrom: no-reply@heeded.invalid"))
        #expect(message.contains("X-RcptTo: rhian@example.org"))
        #expect(message.contains("Subject: Set a new password \(marker)"))
        #expect(message.contains("reset-password?token=\(marker)"))
    }

    @Test("a relay that is not there is an error, not a message silently lost")
    func unreachable() async throws {
        await #expect(throws: (any Error).self) {
            try await SMTPRelay(url: "smtp://127.0.0.1:9", from: "no-reply@heeded.invalid").send(MailMessage(to: "a@example.org", subject: "x", body: "y"))
        }
    }
}
