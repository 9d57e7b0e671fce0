// The defects an attacker's probe of the server found, each tried again the way the probe tried it.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Web

@Suite("What the probe broke, tried again")
struct ProbeDefectTests {
    @Test("a manager asking for a page number near 2^63 gets the last page, not a dead server; a page that is not a number is refused")
    func hugePageNumber() async throws {
        let server = try TestServer()
        try await server.account("greer@example.org", role: .manager)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            for page in ["9223372036854775807", "9223372036854775806", "184467440737095516150", String(Int.max / 50 + 1)] {
                let html = try await browser.get("/manage/unmet?page=\(page)")
                #expect(html.status == .ok, "page \(page)")
                let filtered = try await browser.get("/manage/unmet?service=none&page=\(page)")
                #expect(filtered.status == .ok, "page \(page) of a filtered report")
                let json = try await browser.get("/api/reports/unmet?page=\(page)")
                #expect(json.status == .ok, "API page \(page)")
                let api = try await browser.get("/api/reports/unmet?disability=AUT&page=\(page)")
                #expect(api.status == .ok, "API page \(page) of a filtered report")
            }
            for bad in ["page=0", "page=-1", "page=abc", "page=1.5", "sort=sideways", "service=spa-days", "disability=XYZ"] {
                let page = try await browser.get("/manage/unmet?\(bad)")
                #expect(page.status == .badRequest, "\(bad)")
                let api = try await browser.get("/api/reports/unmet?\(bad)")
                #expect(api.status == .badRequest, "API \(bad)")
                #expect(api.html.contains("must be"), "API \(bad): \(api.html)")
            }
        }
    }

    @Test("an assessor who can open one case cannot record (or overwrite) deliveries on another case's provision")
    func crossCaseDelivery() async throws {
        let server = try TestServer()
        let rhian = try await server.account("rhian@example.org", role: .parent)
        let ottilie = try await server.account("ottilie@example.org", role: .parent)
        try await server.account("jethro@example.org", role: .assessor, team: .earlyHelp)
        let own = try await server.openCase(for: rhian)
        let other = try await server.openCase(for: ottilie, child: "Wren Castellane")
        let manager = ActingUser(id: "greer@example.org", role: .manager)
        let assessor = ActingUser(id: "hollis@example.org", role: .assessor)
        // Jethro works in early help and is allocated the first family's assessment only.
        let allocated = try #require(try await server.store.caseRecord(own.id, viewedBy: manager).assessments.first)
        try await server.store.allocate(allocated.id, to: "jethro@example.org", by: manager)
        // The other family has provision with a recorded shortfall.
        let need = Need(caseID: other.id, area: .personalCare, description: "Help washing and dressing", parentView: "", assessorView: "Needs two carers",
                        outcomeSought: "", identifiedOn: TestServer.today.adding(days: -60))
        try await server.store.saveNeed(need, by: assessor)
        let provision = try Provision(caseID: other.id, needIDs: [need.id], service: .homeCare, description: "Personal care",
                                      amount: ProvisionAmount(6, .hoursPerWeek), startDate: TestServer.today.adding(days: -56), provider: "Brightwater Care",
                                      legalBasis: .csdpaSection2)
        try await server.store.saveProvision(provision, by: assessor)
        let shortfall = try Delivery(provisionID: provision.id, periodStart: TestServer.today.adding(days: -21), periodEnd: TestServer.today.adding(days: -15),
                                     plannedUnits: 6, deliveredUnits: 0, cancelledBy: .provider, reason: .staffUnavailable)
        try await server.store.recordDelivery(shortfall, inCase: other.id, by: assessor)

        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("jethro@example.org")
            let form = try await browser.get("/cases/\(own.id)")
            #expect(form.status == .ok)
            let start = shortfall.periodStart, end = shortfall.periodEnd
            let response = try await browser.submit("/cases/\(own.id)", to: "/cases/\(own.id)/provision/\(provision.id)/deliveries/new", [
                ("period_start-day", String(start.day)), ("period_start-month", String(start.month)), ("period_start-year", String(start.year)),
                ("period_end-day", String(end.day)), ("period_end-month", String(end.month)), ("period_end-year", String(end.year)),
                ("planned_units", "6"), ("delivered_units", "6"),
            ])
            #expect(response.status == .notFound)
        }
        let deliveries = try await server.store.caseRecord(other.id, viewedBy: manager).deliveries
        #expect(deliveries == [shortfall], "the other family's recorded shortfall is untouched")
    }

    @Test("sixty guesses at one account sent at once are counted before any is checked: five are tried, the rest wait, and so does the right password")
    func concurrentGuesses() async throws {
        let server = try TestServer()
        try await server.account("marisol@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            let form = try await browser.get("/sign-in")
            let token = try #require(form.csrf)
            let signedOut = browser
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for guess in 0..<60 {
                    group.addTask {
                        var attempt = signedOut
                        return try await attempt.post(
                            "/sign-in", [("_csrf", token), ("email", "marisol@example.org"), ("password", "guess number \(guess)"), ("next", "")]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let tried = statuses.filter { $0 != .tooManyRequests }
            #expect(tried.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 55)
            let right = try await browser.post("/sign-in", [("_csrf", token), ("email", "marisol@example.org"), ("password", TestServer.password), ("next", "")])
            #expect(right.status == .tooManyRequests)
        }
    }
}

extension ProbeDefectTests {
    @Test("a request waiting with the duty team is not open to every assessor in the county: only to the duty team's")
    func dutyCases() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("hollis@example.org", role: .assessor, team: .disabledChildren)
        try await server.account("dara@example.org", role: .assessor, team: .duty)
        let opened = try await server.openCase(for: parent)
        // The same request, as it would be had the tables not decided: it waits with the duty team.
        let waiting = CaseFile(
            child: opened.child, family: opened.family, request: opened.request,
            routing: RoutingRecord(outcome: nil, reasons: ["The team table could not decide."], tables: [], firedRules: []))
        #expect(waiting.team == .duty)
        try await server.store.receive(ReceivedRequest(file: waiting, assessments: []), ownedBy: parent.id, by: parent.actingUser)
        try await server.run { browser in
            var other = browser
            _ = try await other.signIn("hollis@example.org")
            #expect(try await other.get("/cases/\(waiting.id)").status == .notFound)
            var duty = Browser(client: browser.client)
            _ = try await duty.signIn("dara@example.org")
            #expect(try await duty.get("/cases/\(waiting.id)").status == .ok)
        }
    }
}
