// A family in crisis: the numbers the pages promise are there, and the request cannot be missed by the staff who
// must read it today.
import Casework
import Foundation
import Testing
@testable import Web

@Suite("A crisis is never lost")
struct CrisisTests {
    static let contacts = CouncilContacts(dutyPhone: "01632 960000", outOfHoursPhone: "01632 960001")

    @Test("the council's duty and out-of-hours numbers are at the top of every page a family reads, and said plainly when the council has not set them")
    func numbersOnEveryFamilyPage() async throws {
        let server = try TestServer(contacts: Self.contacts)
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("hollis@example.org", role: .assessor, team: .disabledChildren)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var browser = browser
            let start = try await browser.get("/")
            #expect(start.contains("Children’s duty team: 01632 960000 (Monday to Friday, 9am to 5pm)."))
            _ = try await browser.signIn("rhian@example.org")
            for path in ["/family", "/request/section/what_would_help", "/family/cases/\(file.id)"] {
                let page = try await browser.get(path)
                #expect(page.contains(#"<aside class="help-today" aria-label="Help today""#), "\(path)")
                #expect(page.contains("Out of hours, the emergency duty team: 01632 960001."), "\(path)")
                #expect(page.contains("If anyone is in danger right now, call 999."), "\(path)")
            }
        }
        let staffServer = try TestServer(contacts: Self.contacts)
        try await staffServer.account("hollis@example.org", role: .assessor, team: .disabledChildren)
        try await staffServer.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            #expect(!(try await browser.get("/work")).contains("help-today"), "staff pages do not carry the family's box")
        }
        let unset = try TestServer()
        try await unset.run { browser in
            var browser = browser
            let start = try await browser.get("/")
            #expect(start.contains("Children’s duty team: the number is on your council’s website"), "never an invented number")
            #expect(!start.contains("01632"))
        }
    }

    @Test("a same-day request is flagged to the family, first in the duty queue, flagged on the case and overview, and overdue a working day later")
    func sameDayRequest() async throws {
        let server = try TestServer(contacts: Self.contacts)
        try await server.account("rhian@example.org", role: .parent)
        let other = try await server.account("kezia@example.org", role: .parent)
        try await server.account("greer@example.org", role: .manager)
        let earlier = try await server.openCase(for: other, child: "Ada Quist")
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            try await ParentJourneyTests.fillRequest(&browser, dob: ("4", "5", "1996"), urgency: "crisis")
            let sent = try await browser.submit("/request/check", to: "/request/submit", [])
            let received = try await browser.get(try #require(sent.location))
            #expect(received.contains(
                "You told us you are in crisis. A person in our duty team will read your request on the day it arrived, 2 March 2026, and contact you by email at rhian@example.org that day."))
            #expect(received.contains("call the numbers at the top of this page"))
            #expect(received.contains("01632 960000"))
            let caseID = try #require(sent.location?.split(separator: "/").dropLast().last.map(String.init))
            #expect(try await browser.get("/family/cases/\(caseID)").contains("You told us you are in crisis."))

            var staff = Browser(client: browser.client)
            _ = try await staff.signIn("greer@example.org")
            let overview = try await staff.get("/manage")
            #expect(overview.contains("1 family says they are in crisis and is waiting for a decision."))
            let queue = try await staff.get("/manage/decisions")
            let names = queue.all(#"<tr[^>]*><td>([^<]+)</td>"#)
            #expect(names.first == "Quillon Marchbank", "the crisis first, though Ada's request came earlier: \(names)")
            #expect(queue.contains("Same day: family in crisis"))
            let casePage = try await staff.get("/cases/\(caseID)")
            #expect(casePage.contains("Same day: family in crisis"))
            #expect(casePage.contains("that they are in crisis, and were told a person would read this request that day. Read it, contact the family and decide today."))

            let inputs = try await server.store.overdueInputs(team: nil)
            #expect(OverdueWork.find(inputs, asOf: TestServer.today).isEmpty, "due today")
            let tomorrow = OverdueWork.find(inputs, asOf: TestServer.today.adding(days: 1))
            #expect(tomorrow.first?.kind == .sameDayRequest)
            #expect(tomorrow.first?.caseReference != earlier.reference)
        }
    }
}
