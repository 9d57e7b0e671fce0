// The administrator's pages: staff accounts (invite, deactivate, role and team, password links), teams and the audit log.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Store
import Testing
@testable import Web

@Suite("Administration")
struct AdministrationTests {
    /// A server with an administrator (Ade), a manager (Greer), an assessor (Hollis) and a parent (Rhian).
    static func server(mail: (any MailSender)? = nil) async throws -> (TestServer, staff: [String: Account]) {
        let server = try TestServer(mail: mail)
        var staff: [String: Account] = [:]
        staff["ade"] = try await server.account("ade@example.org", role: .administrator)
        staff["greer"] = try await server.account("greer@example.org", role: .manager)
        staff["hollis"] = try await server.account("hollis@example.org", role: .assessor, team: .disabledChildren)
        staff["rhian"] = try await server.account("rhian@example.org", role: .parent)
        return (server, staff)
    }

    /// Posts to an administration form as the signed-in person, with their CSRF token.
    static func post(_ browser: inout Browser, _ path: String, _ fields: [(String, String)] = []) async throws -> Browser.Page {
        let token = try await browser.get("/sign-in").csrf ?? ""
        return try await browser.post(path, [("_csrf", token)] + fields)
    }

    /// The path of the one-time link shown on the page.
    static func linkPath(_ page: Browser.Page) -> String? {
        page.html.firstMatch(#"https://heeded\.example\.gov\.uk(/reset-password\?token=[A-Za-z0-9_-]+)"#)
    }

    static func setPassword(_ browser: inout Browser, link path: String, _ password: String) async throws -> Browser.Page {
        try await browser.submit(path, to: "/reset-password", [
            ("token", String(path.split(separator: "=").last ?? "")), ("password", password), ("password_again", password),
        ])
    }

    @Test("a parent, an assessor and a manager get 403 on every administration page and form, signed out is sent to sign in, and nothing changes; a manager cannot make themself administrator")
    func onlyAdministrators() async throws {
        let (server, staff) = try await Self.server()
        let greer = try #require(staff["greer"]), hollis = try #require(staff["hollis"])
        let gets = ["/admin", "/admin/staff", "/admin/staff/invite", "/admin/staff/\(hollis.id)", "/admin/teams", "/admin/audit", "/admin/audit?actor=ade"]
        let posts: [(String, [(String, String)])] = [
            ("/admin/staff/invite", [("email", "new@example.org"), ("role", "administrator"), ("team", "disabled-children")]),
            ("/admin/staff/\(greer.id)/role", [("role", "administrator"), ("team", "disabled-children")]),
            ("/admin/staff/\(hollis.id)/deactivate", []), ("/admin/staff/\(hollis.id)/reactivate", []),
            ("/admin/staff/\(hollis.id)/password-link", []), ("/admin/audit/verify", []),
        ]
        let findings = try await server.run { browser in
            var findings: [String] = []
            for email in ["rhian@example.org", "hollis@example.org", "greer@example.org"] {
                var visitor = Browser(client: browser.client)
                _ = try await visitor.signIn(email)
                for path in gets {
                    let status = try await visitor.get(path).status
                    if status != .forbidden { findings.append("GET \(path) by \(email): \(status.code), not 403") }
                }
                for (path, fields) in posts {
                    let status = try await Self.post(&visitor, path, fields).status
                    if status != .forbidden { findings.append("POST \(path) by \(email): \(status.code), not 403") }
                }
            }
            var signedOut = Browser(client: browser.client)
            for path in gets {
                let page = try await signedOut.get(path)
                if page.status != .seeOther || page.location?.hasPrefix("/sign-in") != true { findings.append("GET \(path) signed out: \(page.status.code)") }
            }
            return findings
        }
        #expect(findings == [])
        #expect(try await server.store.account(email: "greer@example.org")?.role == .manager)
        #expect(try await server.store.account(email: "new@example.org") == nil)
        let actions = try await server.store.auditEntries(from: 1, limit: 10_000).map(\.event.action)
        #expect(!actions.contains { ["account.invited", "account.role", "account.deactivated", "account.password-link"].contains($0) })
    }

    @Test("an administrator invites an assessor without a mail relay: the link is shown once, sets the password, and works only once")
    func inviteShowsLink() async throws {
        let (server, _) = try await Self.server()
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            let home = try await ade.get("/manage")
            #expect(home.contains(#"<a href="/admin">Administration</a>"#))
            let invited = try await Self.post(&ade, "/admin/staff/invite", [("email", " Wynne@Example.org "), ("role", "assessor"), ("team", "early-help")])
            #expect(invited.status == .ok)
            #expect(invited.contains("Give this link to wynne@example.org yourself"))
            let path = try #require(Self.linkPath(invited))
            let list = try await ade.get("/admin/staff")
            #expect(list.html.contains("wynne@example.org") && list.contains("Invited"))
            #expect(!list.contains("reset-password?token="), "the link is shown only once")

            var wynne = Browser(client: browser.client)
            #expect(try await wynne.signIn("wynne@example.org", password: "!").status == .unauthorized, "an invited account has no usable password")
            let setUp = try await wynne.get(path)
            #expect(setUp.status == .ok && setUp.contains(#"action="/reset-password""#))
            #expect(try await Self.setPassword(&wynne, link: path, "heather on the moor").location == "/sign-in?reset=1")
            #expect(try await wynne.signIn("wynne@example.org", password: "heather on the moor").location == "/work")
            #expect(try await ade.get("/admin/staff").contains("Active"))

            var someone = Browser(client: browser.client)
            let reused = try await Self.setPassword(&someone, link: path, "another good passphrase")
            #expect(reused.status == .gone, "a used invitation link is refused")
            #expect(reused.contains("A link from an administrator (an invitation, say) works for a day"))
        }
        let account = try #require(try await server.store.account(email: "wynne@example.org"))
        #expect(account.role == .assessor && account.team == .earlyHelp)
        let invitation = try #require(try await server.store.auditEntries(from: 1, limit: 1_000).first { $0.event.action == "account.invited" })
        #expect(invitation.event.actor.id == "ade@example.org")
        #expect(invitation.event.newValue?.hasPrefix("assessor wynne@example.org in early-help") == true)
    }

    @Test("with a mail relay the invitation is emailed, and the link is not shown on the page")
    func inviteByEmail() async throws {
        let mail = MailRecorder()
        let (server, _) = try await Self.server(mail: mail)
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            let invited = try await Self.post(&ade, "/admin/staff/invite", [("email", "wynne@example.org"), ("role", "manager"), ("team", "duty")])
            #expect(invited.contains("We have emailed wynne@example.org a link to set their password."))
            #expect(Self.linkPath(invited) == nil)
            let message = try #require(mail.messages.first)
            #expect(message.to == "wynne@example.org")
            #expect(message.body.contains("https://heeded.example.gov.uk/reset-password?token="))
            var wynne = Browser(client: browser.client)
            _ = try await wynne.submit("/forgot-password", [("email", "wynne@example.org")])
            #expect(try await mail.messages(count: 2).count == 2, "an outstanding invitation does not stop them asking for a link themself")
        }
    }

    @Test("an invitation with a bad email, no role or no team is refused with each message beside its question; an email already taken is refused")
    func inviteRefused() async throws {
        let (server, _) = try await Self.server()
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            let empty = try await Self.post(&ade, "/admin/staff/invite", [("email", "not an email"), ("role", "parent")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.title.hasPrefix("Error: "))
            for (anchor, message) in [("f-email", "Enter an email address in the correct format"), ("f-role", "Choose assessor, manager or administrator"), ("f-team", "Choose a team")] {
                #expect(empty.contains(##"<a href="#\##(anchor)">\##(message)"##), "in the error summary")
                #expect(empty.contains(#"id="\#(anchor)-error" class="error-message"><span class="visually-hidden">Error:</span> \#(message)"#), "beside the question")
            }
            let taken = try await Self.post(&ade, "/admin/staff/invite", [("email", "hollis@example.org"), ("role", "manager"), ("team", "duty")])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.contains("There is already an account for hollis@example.org"))
        }
        #expect(try await server.store.account(email: "hollis@example.org")?.role == .assessor)
    }

    @Test("a deactivated account cannot sign in, and its open session and API token stop working at once; reactivated, it signs in again")
    func deactivate() async throws {
        let (server, staff) = try await Self.server()
        let hollis = try #require(staff["hollis"])
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            var session = Browser(client: browser.client)
            _ = try await session.signIn("hollis@example.org")
            #expect(try await session.get("/work").status == .ok)
            var api = Browser(client: browser.client)
            let token = try await APITests.token(&api, "hollis@example.org")
            #expect(try await api.send("/api/me", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil).status == .ok)

            let done = try await Self.post(&ade, "/admin/staff/\(hollis.id)/deactivate")
            #expect(done.location == "/admin/staff/\(hollis.id)?done=deactivated")
            let page = try await ade.get(done.location ?? "")
            #expect(page.contains("Account deactivated") && page.contains("Reactivate hollis@example.org"))

            let afterwards = try await session.get("/work")
            #expect(afterwards.status == .seeOther && afterwards.location?.hasPrefix("/sign-in") == true, "the open session has ended")
            #expect(try await api.send("/api/me", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil).status == .unauthorized)
            var again = Browser(client: browser.client)
            #expect(try await again.signIn("hollis@example.org").status == .unauthorized, "the right password no longer signs in")
            #expect(try await ade.get("/admin/staff").contains("Deactivated"))

            #expect(try await Self.post(&ade, "/admin/staff/\(hollis.id)/reactivate").location == "/admin/staff/\(hollis.id)?done=reactivated")
            #expect(try await again.signIn("hollis@example.org").location == "/work")
        }
        let entries = try await server.store.auditEntries(from: 1, limit: 1_000)
        let deactivated = try #require(entries.first { $0.event.action == "account.deactivated" })
        #expect(deactivated.event.subject == "account/\(hollis.id)" && deactivated.event.previousValue == "active")
        #expect(deactivated.event.newValue == "deactivated; 1 sessions ended, 1 API tokens revoked")
        #expect(entries.contains { $0.event.action == "account.reactivated" && $0.event.newValue == "active" })
        #expect(try await server.store.verifyAuditChain().isIntact)
        #expect(try await server.store.verifyRecordSeals().allSatisfy { $0.agrees && $0.triggersIntact }, "the account table's seal follows the changes")
    }

    @Test("an administrator cannot deactivate or demote themself: refused beside the question, and nothing changes")
    func notThemself() async throws {
        let (server, staff) = try await Self.server()
        let ade = try #require(staff["ade"])
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("ade@example.org")
            let deactivate = try await Self.post(&browser, "/admin/staff/\(ade.id)/deactivate")
            #expect(deactivate.status == .unprocessableContent)
            #expect(deactivate.contains(##"<a href="#f-switch">You cannot deactivate your own account."##))
            #expect(deactivate.contains(#"id="f-switch-error" class="error-message"><span class="visually-hidden">Error:</span> You cannot deactivate your own account."#))
            let demote = try await Self.post(&browser, "/admin/staff/\(ade.id)/role", [("role", "manager"), ("team", "disabled-children")])
            #expect(demote.status == .unprocessableContent)
            #expect(demote.contains(#"id="f-role-error" class="error-message"><span class="visually-hidden">Error:</span> You cannot remove your own administrator role."#))
            #expect(try await browser.get("/admin").status == .ok, "still an administrator")
            let moved = try await Self.post(&browser, "/admin/staff/\(ade.id)/role", [("role", "administrator"), ("team", "duty")])
            #expect(moved.location == "/admin/staff/\(ade.id)?done=role", "changing their own team is allowed")
        }
        let account = try #require(try await server.store.account(email: "ade@example.org"))
        #expect(account.role == .administrator && account.team == .duty && account.deactivatedAt == nil)
        let actions = try await server.store.auditEntries(from: 1, limit: 1_000).map(\.event.action)
        #expect(!actions.contains("account.deactivated"))
        #expect(actions.filter { $0 == "account.role" }.count == 1)
    }

    @Test("a role change takes effect at once and is audited with the previous role and team")
    func roleChange() async throws {
        let (server, staff) = try await Self.server()
        let hollis = try #require(staff["hollis"])
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            var assessor = Browser(client: browser.client)
            _ = try await assessor.signIn("hollis@example.org")
            #expect(try await assessor.get("/manage").status == .forbidden)
            let changed = try await Self.post(&ade, "/admin/staff/\(hollis.id)/role", [("role", "manager"), ("team", "early-help")])
            #expect(changed.location == "/admin/staff/\(hollis.id)?done=role")
            #expect(try await ade.get(changed.location ?? "").contains("Role and team changed"))
            #expect(try await assessor.get("/manage").status == .ok, "the open session has the new role")
            let noRole = try await Self.post(&ade, "/admin/staff/\(hollis.id)/role", [("team", "early-help")])
            #expect(noRole.status == .unprocessableContent && noRole.contains("Choose assessor, manager or administrator"))
            let noTeam = try await Self.post(&ade, "/admin/staff/\(hollis.id)/role", [("role", "manager")])
            #expect(noTeam.contains(#"id="f-team-error" class="error-message"><span class="visually-hidden">Error:</span> Choose a team"#))
        }
        let entry = try #require(try await server.store.auditEntries(from: 1, limit: 1_000).first { $0.event.action == "account.role" })
        #expect(entry.event.actor.id == "ade@example.org")
        #expect(entry.event.previousValue == "assessor hollis@example.org in disabled-children")
        #expect(entry.event.newValue == "manager hollis@example.org in early-help")
    }

    @Test("a new password link from an administrator sets a new password and ends the account's sessions; a deactivated account gets none")
    func passwordLink() async throws {
        let (server, staff) = try await Self.server()
        let hollis = try #require(staff["hollis"]), greer = try #require(staff["greer"])
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            var session = Browser(client: browser.client)
            _ = try await session.signIn("hollis@example.org")
            let made = try await Self.post(&ade, "/admin/staff/\(hollis.id)/password-link")
            #expect(made.status == .ok && made.contains("Password link made"))
            let path = try #require(Self.linkPath(made))
            #expect(try await session.get("/work").status == .ok, "the current password and session last until the link is used")
            var hollisBrowser = Browser(client: browser.client)
            #expect(try await Self.setPassword(&hollisBrowser, link: path, "a brand new passphrase").location == "/sign-in?reset=1")
            #expect(try await session.get("/work").status == .seeOther)
            #expect(try await hollisBrowser.signIn("hollis@example.org", password: "a brand new passphrase").location == "/work")

            _ = try await Self.post(&ade, "/admin/staff/\(greer.id)/deactivate")
            let refused = try await Self.post(&ade, "/admin/staff/\(greer.id)/password-link")
            #expect(refused.status == .unprocessableContent && refused.contains("Reactivate the account before giving it a new link"))
        }
        #expect(try await server.store.auditEntries(from: 1, limit: 1_000).contains { $0.event.action == "account.password-link" && $0.event.actor.id == "ade@example.org" })
    }

    @Test("the teams page lists each team with its staff")
    func teams() async throws {
        let (server, _) = try await Self.server()
        try await server.account("jethro@example.org", role: .assessor, team: .earlyHelp)
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            let page = try await ade.get("/admin/teams")
            #expect(page.status == .ok)
            let early = try #require(page.html.components(separatedBy: #"id="team-early-help""#).last?.components(separatedBy: "<h2").first)
            #expect(early.contains("jethro@example.org") && !early.contains("hollis@example.org"))
            let disabled = try #require(page.html.components(separatedBy: #"id="team-disabled-children""#).last?.components(separatedBy: "<h2").first)
            #expect(disabled.contains("hollis@example.org") && disabled.contains("greer@example.org") && !disabled.contains("rhian@example.org"))
        }
    }

    @Test("the audit log finds entries by actor, action, child and case, newest first, pages, and verifies the chain on demand")
    func auditSearch() async throws {
        let (server, staff) = try await Self.server()
        let rhian = try #require(staff["rhian"]), hollis = try #require(staff["hollis"])
        let quillon = try await server.openCase(for: rhian)
        let wren = try await server.openCase(for: rhian, child: "Wren Castellane")
        _ = try await server.store.caseRecord(quillon.id, viewedBy: hollis.actingUser)
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            _ = try await Self.post(&ade, "/admin/staff/\(hollis.id)/role", [("role", "manager"), ("team", "duty")])

            let byActorAndAction = try await ade.get("/admin/audit?actor=ade%40example&action=account.role")
            #expect(byActorAndAction.status == .ok)
            #expect(byActorAndAction.all(#"<td>(account\.[a-z-]+)</td>"#) == ["account.role"])
            #expect(byActorAndAction.contains("<strong>Before:</strong> assessor hollis@example.org in disabled-children"))
            #expect(byActorAndAction.contains(#"account/\#(hollis.id)<br><span class="hint">hollis@example.org</span>"#), "an account subject is named")
            let family = try await ade.get("/admin/audit?action=account")
            #expect(Set(family.all(#"<td>(account\.[a-z-]+)</td>"#)) == ["account.role", "account.created"])

            let byChild = try await ade.get("/admin/audit?child=quillon+marchbank")
            let subjects = byChild.all(#"<td>((?:case|assessment)/[0-9a-f-]{36})"#)
            #expect(subjects.contains("case/\(quillon.id)"))
            #expect(!subjects.contains("case/\(wren.id)"))
            #expect(byChild.all(#"<td>(record\.viewed|case\.opened)</td>"#) == ["record.viewed", "case.opened"], "newest first")
            let byReference = try await ade.get("/admin/audit?child=\(wren.reference.lowercased())")
            #expect(byReference.contains("case/\(wren.id)") && !byReference.contains("case/\(quillon.id)"))
            let byCase = try await ade.get("/admin/audit?case=\(quillon.id)&actor=hollis")
            #expect(byCase.all(#"<td>(record\.viewed|case\.opened)</td>"#) == ["record.viewed"])
            #expect(try await ade.get("/admin/audit?child=nobody+at+all").contains("No entries match."))

            let first = try await ade.get("/admin/audit")
            #expect(first.contains("Head of the chain: <code"))
            #expect(!first.contains("The chain is intact"), "verification runs only when asked")
            let verified = try await Self.post(&ade, "/admin/audit/verify")
            #expect(verified.status == .ok && verified.contains("The chain is intact:"))
        }
    }

    @Test("the audit log pages fifty entries at a time")
    func auditPages() async throws {
        let (server, staff) = try await Self.server()
        let hollis = try #require(staff["hollis"])
        for _ in 0..<30 { try await server.store.signOutEverywhere(hollis.id, by: hollis.actingUser) }
        try await server.run { browser in
            var ade = browser
            _ = try await ade.signIn("ade@example.org")
            let first = try await ade.get("/admin/audit?actor=hollis")
            #expect(first.all(#"<td>(account\.signed-out)</td>"#).count == 30)
            for _ in 0..<30 { try await server.store.signOutEverywhere(hollis.id, by: hollis.actingUser) }
            let full = try await ade.get("/admin/audit?actor=hollis")
            #expect(full.all(#"<td>(account\.signed-out)</td>"#).count == 50)
            let next = try #require(full.html.firstMatch(#"<a href="([^"]+)" rel="next">"#))
            #expect(next == "/admin/audit?actor=hollis&amp;page=2")
            let second = try await ade.get("/admin/audit?actor=hollis&page=2")
            #expect(second.all(#"<td>(account\.signed-out)</td>"#).count == 10)
            #expect(second.contains(#"rel="prev""#) && !second.contains(#"rel="next""#))
            let far = try await ade.get("/admin/audit?page=\(Int.max / 10)")
            #expect(far.status == .ok && far.contains("No entries match."), "a page number past the end is an empty page")
        }
    }
}
