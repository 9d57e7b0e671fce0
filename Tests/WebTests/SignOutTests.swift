// Signing out on a shared computer: the pages after it say so, and the next person is not sent to the last one's case.
import Casework
import Foundation
import Testing
@testable import Web

@Suite("Signing out on a shared computer")
struct SignOutTests {
    @Test("after signing out, Back says the person signed out (not that they were away an hour), and the next person lands on their own home")
    func backAfterSigningOut() async throws {
        let server = try TestServer()
        let rhian = try await server.account("rhian@example.org", role: .parent)
        try await server.account("kezia@example.org", role: .parent)
        let file = try await server.openCase(for: rhian)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let casePage = try await browser.get("/family/cases/\(file.id)")
            let out = try await browser.post("/sign-out", [("_csrf", casePage.csrf ?? "")])
            #expect(out.location == "/?signed-out=1")
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("heeded_session=") && ($0.contains("Max-Age=0") || $0.contains("Expires=")) },
                    "the session cookie goes with the session, so Back cannot claim the person was away an hour")
            #expect(try await browser.get("/?signed-out=1").contains("You have signed out"))
            let back = try await browser.get("/family/cases/\(file.id)")
            let signIn = try await browser.get(try #require(back.location))
            #expect(!signIn.contains("after an hour without activity"))
            let next = try #require(signIn.html.firstMatch(#"name="next" value="([^"]*)""#))
            #expect(next == "/family/cases/\(file.id)")
            let landed = try await browser.post("/sign-in", [
                ("_csrf", signIn.csrf ?? ""), ("email", "kezia@example.org"), ("password", TestServer.password), ("next", next),
            ])
            #expect(landed.location == "/family", "not Rhian's case, which Kezia cannot open")
            let own = try await browser.get("/family")
            #expect(own.status == .ok)
        }
    }
}

@Suite("The privacy notice")
struct PrivacyNoticeTests {
    @Test("the privacy notice the request asks a parent to read is a page, linked from the foot of every page")
    func privacyNotice() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            let notice = try await browser.get("/privacy")
            #expect(notice.status == .ok)
            #expect(notice.contains("Article 6(1)(e)"))
            #expect(notice.contains("We answer within one calendar month."))
            _ = try await browser.signIn("rhian@example.org")
            let consent = try await browser.get("/request/section/consent")
            #expect(consent.contains("Have you read our privacy notice"))
            #expect(consent.contains(#"<a href="/privacy""#))
        }
    }
}
