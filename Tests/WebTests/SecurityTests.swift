// Sessions, CSRF, sign-in limits, headers, role and ownership checks.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Web

@Suite("Security")
struct SecurityTests {
    @Test("every page carries a Content-Security-Policy with no inline script or style, and the usual headers")
    func headers() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let page = try await browser.get("/")
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("style-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            #expect(!page.html.contains("<script"))
            #expect(!page.html.contains("style=\""))
            #expect(page.contains("href=\"#main-content\" class=\"skip-link\""))
        }
    }

    @Test("session cookies are HttpOnly and SameSite=Lax, and Secure when the server is behind TLS")
    func sessionCookie() async throws {
        for secure in [false, true] {
            let server = try TestServer(secureCookies: secure)
            try await server.account("marisol@example.org", role: .parent)
            try await server.run { browser in
                var browser = browser
                let page = try await browser.signIn("marisol@example.org")
                #expect(page.status == .seeOther)
                let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("heeded_session=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(cookie.contains("Secure") == secure)
            }
        }
    }

    @Test("sessions live in the database, so another server over the same store accepts the cookie")
    func statelessServers() async throws {
        let server = try TestServer()
        try await server.account("marisol@example.org", role: .parent)
        let cookies = try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("marisol@example.org")
            return browser.cookies
        }
        let second = try await HeededWeb.application(store: server.store, configuration: server.configuration)
        try await second.test(.router) { client in
            var browser = Browser(client: client)
            browser.cookies = cookies
            let page = try await browser.get("/family")
            #expect(page.status == .ok)
            #expect(page.contains("Signed in as marisol@example.org"))
        }
    }

    @Test("a wrong password is refused, and after five failures the account must wait")
    func throttlePerAccount() async throws {
        let server = try TestServer()
        try await server.account("marisol@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            for _ in 0..<5 {
                let page = try await browser.signIn("marisol@example.org", password: "not the password at all")
                #expect(page.status == .unauthorized)
                #expect(page.contains("Enter the email address and password for your account"))
                #expect(page.title.hasPrefix("Error:"))
            }
            let refused = try await browser.signIn("marisol@example.org")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.contains("too many attempts"))
        }
    }

    @Test("one address trying many accounts is limited too")
    func throttlePerAddress() async throws {
        let server = try TestServer(throttle: SignInThrottle(window: 900, perAccount: 5, perAddress: 3))
        try await server.account("marisol@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            for guess in ["a@example.org", "b@example.org", "c@example.org"] {
                do {
                    let response = try await browser.signIn(guess, password: "guessing-a-password")
                    #expect(response.status == .unauthorized)
                }
            }
            do {
                let response = try await browser.signIn("marisol@example.org")
                #expect(response.status == .tooManyRequests)
            }
        }
    }

    @Test("a form post without its CSRF token is refused and changes nothing")
    func csrfMissing() async throws {
        let server = try TestServer()
        let parent = try await server.account("marisol@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("marisol@example.org")
            let refused = try await browser.post("/request/section/about_you", [("_action", "continue"), ("requester_name", "Marisol Quennell")])
            #expect(refused.status == .forbidden)
            #expect(refused.contains("This form could not be sent"))
            let forged = try await browser.post("/request/section/about_you", [("_csrf", "forged"), ("requester_name", "Marisol Quennell")])
            #expect(forged.status == .forbidden)
            #expect(try await server.store.draft(owner: parent.id, purpose: "needs-request") == nil)
        }
    }

    @Test("every forged or misplaced CSRF token is refused and changes nothing: empty, another account's, the one from before signing in, altered, in the query string, beside a wrong one in the form or the header")
    func csrfVariants() async throws {
        let server = try TestServer()
        let parent = try await server.account("marisol@example.org", role: .parent)
        try await server.account("other@example.org", role: .parent)
        try await server.run { browser in
            var before = browser
            let signedOutToken = try #require(try await before.get("/sign-in").csrf)
            var other = Browser(client: browser.client)
            _ = try await other.signIn("other@example.org")
            let othersToken = try #require(try await other.get("/request").csrf)
            var browser = before
            _ = try await browser.signIn("marisol@example.org")
            let token = try #require(try await browser.get("/request").csrf)
            #expect(token != signedOutToken && token != othersToken)
            let path = "/request/section/about_you"
            let answer = ("requester_name", "Marisol Quennell")
            let altered = String(token.dropLast()) + (token.last == "A" ? "B" : "A")
            let variants: [(String, [(String, String)], String)] = [
                ("empty", [("_csrf", ""), answer], path),
                ("another account's", [("_csrf", othersToken), answer], path),
                ("from before signing in", [("_csrf", signedOutToken), answer], path),
                ("altered", [("_csrf", altered), answer], path),
                ("with a space", [("_csrf", token + " "), answer], path),
                ("in the query string", [answer], path + "?_csrf=\(token)"),
                ("a wrong one first", [("_csrf", "forged"), ("_csrf", token), answer], path),
                ("a wrong one after", [("_csrf", token), ("_csrf", "forged"), answer], path),
            ]
            for (name, fields, target) in variants {
                let refused = try await browser.post(target, fields)
                #expect(refused.status == .forbidden, "\(name)")
            }
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[HTTPField.Name("X-CSRF-Token")!] = othersToken
            let header = try await browser.send(path, method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(token)&requester_name=Marisol"))
            #expect(header.status == .forbidden, "a token in the header and another in the form")
            #expect(try await server.store.draft(owner: parent.id, purpose: "needs-request") == nil)
            // And the real token, to show the refusals were the token's doing.
            let accepted = try await browser.post(path, [("_csrf", token), answer, ("_action", "continue")])
            #expect(accepted.status != .forbidden)
        }
    }

    @Test("signing in is protected from CSRF too (double-submit cookie before there is a session)")
    func signInCSRF() async throws {
        let server = try TestServer()
        try await server.account("marisol@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            let page = try await browser.post("/sign-in", [("email", "marisol@example.org"), ("password", TestServer.password)])
            #expect(page.status == .forbidden)
        }
    }

    @Test("an expired session sends the person to sign in, and their saved draft is kept")
    func expiredSession() async throws {
        // Long enough that signing in and saving finish inside it on a loaded machine; short enough to wait out.
        let server = try TestServer(idleTimeout: .seconds(5))
        let parent = try await server.account("marisol@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("marisol@example.org")
            let saved = try await browser.submit("/request/section/about_you", [("_action", "save"), ("requester_name", "Marisol Quennell")])
            #expect(saved.status == .seeOther)
            let form = try await browser.get("/request/section/about_child")
            try await Task.sleep(for: .seconds(6))
            let late = try await browser.post("/request/section/about_child", [("_csrf", form.csrf ?? ""), ("child_name", "Kit Quennell")])
            #expect(late.status == .seeOther)
            #expect(late.location?.hasPrefix("/sign-in?next=%2Frequest%2Fsection%2Fabout_child") == true)
            #expect(late.location?.hasSuffix("&expired=1") == true)
            let page = try await browser.get("/request")
            #expect(page.status == .seeOther)
            let draft = try #require(try await server.store.draft(owner: parent.id, purpose: "needs-request"))
            #expect(draft.answers["requester_name"] == .value("Marisol Quennell"))
            let signIn = try await browser.get(late.location ?? "/sign-in")
            #expect(signIn.contains("You were signed out"))
        }
    }

    @Test("a page for another role answers 403")
    func wrongRole() async throws {
        let server = try TestServer()
        try await server.account("marisol@example.org", role: .parent)
        try await server.account("hollis@example.org", role: .assessor)
        try await server.run { browser in
            var parent = browser
            _ = try await parent.signIn("marisol@example.org")
            for path in ["/work", "/manage", "/manage/unmet", "/manage/unmet.csv", "/manage/overdue", "/manage/decisions"] {
                do {
                    let response = try await parent.get(path)
                    #expect(response.status == .forbidden, "\(path)")
                }
            }
            var assessor = Browser(client: browser.client)
            _ = try await assessor.signIn("hollis@example.org")
            do {
                let response = try await assessor.get("/manage/unmet")
                #expect(response.status == .forbidden)
            }
            do {
                let response = try await assessor.get("/family")
                #expect(response.status == .forbidden)
            }
            do {
                let response = try await assessor.get("/request")
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("signed out, a private page sends you to sign in and back")
    func signedOut() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let page = try await browser.get("/family")
            #expect(page.status == .seeOther)
            #expect(page.location == "/sign-in?next=%2Ffamily")
        }
    }

    @Test("an assessor in another team cannot open a case, unless one of its assessments is theirs")
    func assessorOutsideTeam() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("jethro@example.org", role: .assessor, team: .earlyHelp)
        let file = try await server.openCase(for: parent)
        let manager = ActingUser(id: "greer@example.org", role: .manager)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("jethro@example.org")
            do {
                let response = try await browser.get("/cases/\(file.id)")
                #expect(response.status == .notFound)
            }
            let cin = try #require(try await server.store.caseRecord(file.id, viewedBy: manager).assessments.first)
            try await server.store.allocate(cin.id, to: "jethro@example.org", by: manager)
            do {
                let response = try await browser.get("/cases/\(file.id)")
                #expect(response.status == .ok)
            }
        }
    }
}
