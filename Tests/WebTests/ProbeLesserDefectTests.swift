// The probe's lesser findings, each tried again: methods, sizes, redirects, old sessions, floods and idle sockets.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Web
#if canImport(Glibc)
import Glibc
#endif

extension ProbeDefectTests {
    @Test("TRACE, PUT, DELETE and OPTIONS are answered 405 with the methods allowed, on pages and API alike")
    func otherMethods() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            for method in [HTTPRequest.Method.trace, .put, .delete, .options, .patch] {
                for path in ["/", "/sign-in", "/no-such-page", "/api/no-such-operation"] {
                    let page = try await browser.send(path, method: method, body: nil)
                    #expect(page.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(page.headers[.allow] == "GET, HEAD, POST", "\(method) \(path)")
                }
            }
            #expect(try await browser.get("/health").status == .ok)
            // On the API, a path takes the methods its contract lists, and says which.
            for (method, path, allow) in [(HTTPRequest.Method.post, "/api/me", "GET"), (.get, "/api/tokens", "POST"), (.post, "/api/reports/unmet", "GET"),
                                          (.options, "/api/cases/\(UUID())", "GET"), (.get, "/api/needs-requests", "POST")] {
                let page = try await browser.send(path, method: method, body: nil)
                #expect(page.status == .methodNotAllowed, "\(method) \(path)")
                #expect(page.headers[.allow] == allow, "\(method) \(path)")
            }
        }
    }

    @Test("a body larger than the service accepts is refused 413, as a page and as JSON, and nothing is saved")
    func oversizedBodies() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            let form = try await browser.get("/sign-in")
            let token = try #require(form.csrf)
            let huge = "_csrf=\(token)&email=" + String(repeating: "a", count: 600 * 1024)
            let page = try await browser.send("/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: huge))
            #expect(page.status == .contentTooLarge)
            #expect(page.contains("too much to send"))

            let bearer = try await APITests.token(&browser, "rhian@example.org")
            let padding = String(repeating: "x", count: 600 * 1024)
            let api = try await browser.send("/api/needs-requests", method: .post,
                                             headers: [.contentType: "application/json", .authorization: "Bearer \(bearer)"],
                                             body: ByteBuffer(string: #"{"answers":{"child_name":"\#(padding)"}}"#))
            #expect(api.status == .contentTooLarge)
            #expect(api.html.contains("larger than this operation accepts"))
        }
        #expect(try await server.store.casesOwned(by: parent.id).isEmpty)
    }

    @Test("only a plain path on this site is returned to after signing in: tabs, newlines, spaces and backslashes are dropped")
    func returnPaths() {
        #expect(AccountRoutes.safeNext("/family/cases/1") == "/family/cases/1")
        #expect(AccountRoutes.safeNext("/manage/unmet?team=duty&page=2") == "/manage/unmet?team=duty&page=2")
        for hostile in ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "//evil.example", "/\\evil.example",
                        "https://evil.example", "evil.example", "/\u{00A0}/evil.example", "/\u{2028}/evil.example", ""] {
            #expect(AccountRoutes.safeNext(hostile) == "", "\(hostile.debugDescription)")
        }
    }

    @Test("creating an account for an address that has one answers exactly as for a new address, and the account there keeps its password")
    func noAccountEnumeration() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            func create(_ email: String) async throws -> Browser.Page {
                var visitor = Browser(client: browser.client)
                return try await visitor.submit(
                    "/create-account", [("email", email), ("password", "a different long password"), ("password_again", "a different long password")])
            }
            let taken = try await create("rhian@example.org")
            let fresh = try await create("new-\(UUID().uuidString.prefix(8))@example.org")
            #expect(taken.status == .seeOther && fresh.status == .seeOther)
            #expect(taken.location == "/sign-in?created=1&next=%2Frequest" && fresh.location == taken.location)
            #expect(taken.headers[values: .setCookie].count == fresh.headers[values: .setCookie].count)
            #expect(taken.html == fresh.html)
            var visitor = Browser(client: browser.client)
            #expect(try await visitor.get(taken.location ?? "").contains("Your account is ready"))
            // The account already there is untouched: its own password signs in, the one typed on the page does not.
            #expect(try await visitor.signIn("rhian@example.org", password: "a different long password").status == .unauthorized)
            #expect(try await visitor.signIn("rhian@example.org").status == .seeOther)
        }
    }

    @Test("after signing in again, the key of the session before is worthless")
    func previousSessionRevoked() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let first = try #require(browser.cookies[HeededWeb.sessionCookie])
            #expect(try await browser.get("/family").status == .ok)
            _ = try await browser.signIn("rhian@example.org")
            let second = try #require(browser.cookies[HeededWeb.sessionCookie])
            #expect(first != second)
            #expect(try await browser.get("/family").status == .ok)
            var stale = browser
            stale.cookies[HeededWeb.sessionCookie] = first
            let refused = try await stale.get("/family")
            #expect(refused.status == .seeOther)
            #expect(refused.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test("signing out ends the account's sessions on every device and revokes its API tokens; other accounts keep theirs")
    func signOutEverywhere() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.account("owain@example.org", role: .parent)
        try await server.run { browser in
            var laptop = browser, phone = browser, other = browser, client = browser
            let rhianToken = try await APITests.token(&client, "rhian@example.org"), owainToken = try await APITests.token(&client, "owain@example.org")
            _ = try await laptop.signIn("rhian@example.org")
            _ = try await phone.signIn("rhian@example.org")
            _ = try await other.signIn("owain@example.org")
            #expect(try await laptop.submit("/family", to: "/sign-out", []).status == .seeOther)
            let refused = try await phone.get("/family")
            #expect(refused.status == .seeOther)
            #expect(refused.location?.hasPrefix("/sign-in") == true)
            #expect(try await client.get("/api/me", headers: [.authorization: "Bearer \(rhianToken)"]).status == .unauthorized)
            #expect(try await other.get("/family").status == .ok)
            #expect(try await client.get("/api/me", headers: [.authorization: "Bearer \(owainToken)"]).status == .ok)
        }
        #expect(try await server.store.auditEntries(from: 1, limit: 100).contains { $0.event.action == "account.signed-out" })
    }

    @Test("one parent account may send a few needs requests an hour, on the pages and the API together; the next is 429")
    func submissionFlood() async throws {
        let server = try TestServer(needsRequestsPerHour: 2)
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            let bearer = try await APITests.token(&browser, "rhian@example.org")
            let auth: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(bearer)"]
            for _ in 0..<2 {
                #expect(try await browser.send("/api/needs-requests", method: .post, headers: auth, body: Answers.json(Answers.complete())).status == .created)
            }
            let third = try await browser.send("/api/needs-requests", method: .post, headers: auth, body: Answers.json(Answers.complete()))
            #expect(third.status == .tooManyRequests)
            #expect(third.html.contains("as many requests as it can in an hour"))
        }
        #expect(try await server.store.casesOwned(by: parent.id).count == 2)
    }

    @Test("a connection that sends half a request's headers, or nothing at all, is closed once it has been idle too long")
    func idleConnections() async throws {
        let server = try TestServer(connectionIdleTimeout: .milliseconds(500))
        try await server.runListening { port in
            for opening in ["GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow:", ""] {
                let socket = try LoopbackSocket(port: port, readTimeout: 10)
                defer { socket.close() }
                socket.send(opening)
                let started = Date()
                #expect(socket.readUntilClosed() == 0, "the server sent nothing and closed the connection")
                #expect(Date().timeIntervalSince(started) < 8, "closed by the server's idle timeout, not the test's read timeout")
            }
        }
    }
}

/// A plain TCP connection to the test server on loopback, for what HTTP clients hide.
private struct LoopbackSocket {
    let descriptor: Int32

    init(port: Int, readTimeout seconds: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "connect to 127.0.0.1:\(port)")
    }

    func send(_ text: String) {
        guard !text.isEmpty else { return }
        _ = text.withCString { Glibc.send(descriptor, $0, strlen($0), 0) }
    }

    /// Reads until the server closes the connection; returns the bytes received, or -1 if the read timed out.
    func readUntilClosed() -> Int {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return total }
            if count < 0 { return -1 }
            total += count
        }
    }

    func close() { _ = Glibc.close(descriptor) }
}
