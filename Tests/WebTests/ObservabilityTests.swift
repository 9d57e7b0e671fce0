// What an IT team reads: the JSON log, with no personal data in it.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import Web

@Suite("Logs")
struct ObservabilityTests {
    /// The log lines an application wrote, kept in memory.
    final class LogLines: @unchecked Sendable {  // Sendable: `lines` is only touched under `lock`.
        private let lock = NSLock()
        private var lines: [String] = []

        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// The application over `server`'s store with `configuration`, logging every level into `log`.
    static func application(_ server: TestServer, _ configuration: WebConfiguration, log: LogLines) async throws -> some ApplicationProtocol {
        try await HeededWeb.application(
            store: server.store, configuration: configuration,
            logger: Logger(label: "heeded") { JSONLogHandler(label: $0, write: log.append) })
    }

    @Test("what a family and a sign-in send never reaches the log, and each request is logged by route with its status and duration")
    func noPersonalDataInLogs() async throws {
        let server = try TestServer()
        let email = "zephyrine.oakhurst-quill@example.org"
        try await server.account(email, role: .parent)
        var configuration = server.configuration
        configuration.logLevel = .trace
        let log = LogLines()
        let personal = [
            "Zephyrine", "Oakhurst", "Peregrine", "Thistlewood", "Marigold", "Featherstonehaugh", "Quillwort", "QW9 7ZX",
            "ottoline.vashti", "Rhian", "Marchbank", "Penhallow", "KT4 9ZZ", "four times most nights", email,
        ]
        let seen = try await Self.application(server, configuration, log: log).test(.router) { client in
            var browser = Browser(client: client)
            _ = try await browser.signIn("ottoline.vashti@example.org", password: "Thistlewood-password-1")
            #expect(try await browser.signIn(email).status == .seeOther)
            try await ParentJourneyTests.fillRequest(&browser, child: "Peregrine Thistlewood")
            let sent = try await browser.submit("/request/check", to: "/request/submit", [])
            let casePath = try #require(sent.location).replacingOccurrences(of: "/received", with: "")
            #expect(try await browser.get(casePath).contains("Peregrine Thistlewood"))
            _ = try await browser.get("/family?sent=1&child=Peregrine+Thistlewood")
            _ = try await browser.get("/family/cases/Peregrine-Thistlewood")
            #expect(try await browser.get("/nowhere/Peregrine-Thistlewood").status == .notFound)

            var answers = Answers.complete(child: "Marigold Featherstonehaugh", parent: "Zephyrine Oakhurst-Quill")
            answers["child_address"] = "17 Quillwort Lane, Kittering"
            answers["child_postcode"] = "QW9 7ZX"
            answers["contact_email"] = email
            var api = Browser(client: client)  // no session cookie, so no CSRF token is asked for
            let token = try await APITests.token(&api, email)
            let received = try await api.send(
                "/api/needs-requests", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: Answers.json(answers))
            #expect(received.status == .created)
            let caseID = try #require(received.html.firstMatch(#""caseId":"([^"]+)""#))
            return [caseID, token, casePath] + browser.cookies.values
        }

        let lines = log.all
        for word in personal + seen {
            #expect(!lines.contains { $0.localizedCaseInsensitiveContains(word) }, "\(word) is in the log")
        }
        let entries = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "not one JSON object: \($0)") }
        let requests = entries.filter { $0["message"] as? String == "request" }
        #expect(requests.count >= 20)
        for request in requests {
            #expect(request["hb.request.id"] != nil && request["method"] != nil && request["status"] != nil && request["duration_ms"] != nil)
        }
        let routes = Set(requests.compactMap { $0["route"] as? String })
        #expect(routes.isSuperset(of: ["/sign-in", "/request/section/{section}", "/family/cases/{case}", "/api/needs-requests", "NotFound"]), "\(routes)")
        #expect(requests.contains { $0["route"] as? String == "/family/cases/{case}" && $0["status"] as? String == "200" })
        #expect(entries.contains {
            $0["message"] as? String == "request refused" && $0["route"] as? String == "NotFound" && $0["error.type"] as? String == "HTTPError" && $0["status"] as? String == "404"
        })
    }
}
