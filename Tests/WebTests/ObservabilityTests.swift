// What an IT team reads: the JSON log (with no personal data in it) and /metrics (for allowed scrapers only).
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Prometheus
import Store
import Testing
@testable import Web

@Suite("Logs and metrics")
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

    @Test("/metrics answers the token from anywhere in Prometheus text, with requests, submissions, routing, group commits and the reports")
    func metricsWithToken() async throws {
        let registry = PrometheusCollectorRegistry()
        // The store makes its metrics as it opens, through swift-metrics' facade: here, into this test's registry.
        let server = try withMetricsFactory(PrometheusMetricsFactory(registry: registry)) { try TestServer() }
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("morwenna@example.org", role: .manager)
        try await server.openCase(for: parent)
        var configuration = server.configuration
        configuration.metricsRegistry = registry
        configuration.metricsAccess = MetricsAccess(allowed: [], token: "scrape-secret-4f9a")
        configuration.today = { CalendarDate(year: 2026, month: 9, day: 1)! }  // the case's assessments are overdue by then
        try await Self.application(server, configuration, log: LogLines()).test(.router) { client in
            var browser = Browser(client: client)
            #expect(try await browser.get("/metrics").status == .forbidden)
            #expect(try await browser.get("/metrics", headers: [.authorization: "Bearer not-the-secret"]).status == .forbidden)

            let parentToken = try await APITests.token(&browser, "rhian@example.org")
            let received = try await browser.send(
                "/api/needs-requests", method: .post, headers: [.authorization: "Bearer \(parentToken)", .contentType: "application/json"],
                body: Answers.json(Answers.complete()))
            #expect(received.status == .created)
            let managerToken = try await APITests.token(&browser, "morwenna@example.org")
            #expect(try await browser.get("/api/reports/unmet", headers: [.authorization: "Bearer \(managerToken)"]).status == .ok)

            let scraped = try await browser.get("/metrics", headers: [.authorization: "Bearer scrape-secret-4f9a"])
            #expect(scraped.status == .ok)
            #expect(scraped.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = scraped.html
            for family in [
                "# TYPE heeded_http_requests_total counter", "# TYPE heeded_http_request_duration_seconds histogram",
                "# TYPE heeded_needs_requests_received_total counter", "# TYPE heeded_routing_answers_total counter",
                "# TYPE heeded_store_group_commit_batch_size histogram", "# TYPE heeded_unmet_report_age_seconds gauge",
                "# TYPE heeded_overdue_work gauge",
            ] {
                #expect(text.contains(family), "\(family) is missing")
            }
            #expect(text.contains(#"heeded_http_requests_total{route="/api/needs-requests",method="POST",status="201"} 1"#))
            #expect(text.contains(#"heeded_http_request_duration_seconds_count{route="/api/tokens",method="POST",status="201"} 2"#))
            #expect(text.contains(#"heeded_needs_requests_received_total{channel="api"} 1"#))
            #expect(text.contains(#"heeded_routing_answers_total{answer="s17_child_in_need_assessment"} 1"#))
            #expect(text.contains(#"heeded_routing_answers_total{answer="s17zd_parent_carer_assessment"} 1"#))
            #expect(text.contains(#"heeded_overdue_work{team="disabled-children"}"#))
            #expect(!text.contains("rhian") && !text.contains("Quillon"), "no person in a label")
        }
    }

    @Test("/metrics answers loopback by default, and refuses an address outside the allowed list")
    func metricsByAddress() async throws {
        for (allowed, status) in [(MetricsAccess.loopback.allowed, HTTPResponse.Status.ok), ([try MetricsAccess.AddressRange("10.0.0.0/8")], .forbidden)] {
            let server = try TestServer()
            var configuration = server.configuration
            configuration.port = 0
            configuration.metricsAccess.allowed = allowed
            try await Self.application(server, configuration, log: LogLines()).test(.live) { client in
                let response = try await client.execute(uri: "/metrics", method: .get, headers: [:], body: nil)
                #expect(response.status == status, "\(allowed)")
            }
        }
    }

    @Test("an allowed list reads IPv4 and IPv6 ranges, and names an entry it cannot read")
    func addressRanges() throws {
        let range = try MetricsAccess.AddressRange("10.20.0.0/14")
        #expect(range.contains([10, 23, 255, 1]))
        #expect(!range.contains([10, 24, 0, 1]))
        #expect(try MetricsAccess.AddressRange("fd00::/8").contains([0xFD] + Array(repeating: 0, count: 15)))
        #expect(throws: MetricsAccess.Invalid.self) { try MetricsAccess.AddressRange("10.0.0.0/33") }
        #expect(throws: MetricsAccess.Invalid.self) { try MetricsAccess.AddressRange("intranet") }
    }
}
