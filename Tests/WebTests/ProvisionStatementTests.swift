// Services an assessment decides become provision, and every view of a provision shows the same deliveries and
// the same totals.
import Casework
import Forms
import Foundation
import HTTPTypes
import Testing
@testable import Web

@Suite("One provision, one account of it")
struct ProvisionStatementTests {
    @Test("each service a sent child in need assessment decides becomes a provision record, linked to the need it meets")
    func servicesDecidedBecomeProvision() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let (file, _, assessor) = try await WorkDoneOnceTests.sentAssessment(server, &browser)
            let record = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser)
            let provision = try #require(record.provisions.first)
            #expect(record.provisions.count == 1)
            #expect(provision.description == "Overnight short breaks")
            #expect(provision.amount == (try ProvisionAmount(24, .nightsPerYear)))
            #expect(provision.legalBasis == .csdpaSection2)
            #expect(provision.startDate == TestServer.today)
            let sleep = try #require(record.needs.first { $0.area == .sleepAndNightTimeCare })
            #expect(provision.needIDs == [sleep.id])
            let page = try await browser.get("/cases/\(file.id)")
            #expect(page.contains("Overnight short breaks"))
            #expect(page.contains("No deliveries recorded yet."))
        }
    }

    @Test("a service said to meet a need the assessment does not record is shown beside its question, and nothing is sent")
    func serviceForAnUnrecordedNeed() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let cin = try #require(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).assessments.first { $0.kind == .childInNeed })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let base = "/cases/\(file.id)/assessments/\(cin.id)/form"
            var draft = FormDraft(owner: assessor.id, purpose: "assessment/\(cin.id)", formID: CaseReport.childInNeedFormID, formVersion: 3)
            for (key, value) in AssessorJourneyTests.completeAssessment { draft.answers[key] = value }
            draft.answers["services_decided"] = .items([[
                "service_description": .value("Wheelchair-accessible taxi to school"), "service_type": .value("transport"), "service_legal_basis": .value("csdpa-s2"),
                "service_meets": .values(["mobility"]), "service_amount": .value("10"), "service_unit": .value("hours-per-week"),
            ]])
            try await server.store.saveDraft(draft)
            let refused = try await browser.submit(base + "/check", to: base + "/submit", [("_draft", "saved")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Section 3 records no need in mobility: write the need there, or choose the areas where it records one"))
            #expect(try await server.store.reports(ofCase: file.id).isEmpty)
            #expect(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).provisions.isEmpty)
        }
    }

    @Test("the family's page, staff's page and the API list every delivery of a provision and the same totals")
    func everyViewAgrees() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let need = Need(caseID: file.id, area: .sleepAndNightTimeCare, description: "Settling at night", parentView: "", assessorView: "Needs an adult",
                        outcomeSought: "", identifiedOn: CalendarDate(year: 2025, month: 9, day: 1)!)
        try await server.store.saveNeed(need, by: assessor.actingUser)
        let provision = try Provision(
            caseID: file.id, needIDs: [need.id], service: .homeCare, description: "Evening support worker", amount: try ProvisionAmount(2, .hoursPerWeek),
            startDate: CalendarDate(year: 2025, month: 9, day: 1)!, provider: "Foxglove Care", legalBasis: .csdpaSection2)
        try await server.store.saveProvision(provision, by: assessor.actingUser)
        // Fifteen weeks, more than a page once showed: 30 planned, 29 delivered.
        var week = CalendarDate(year: 2025, month: 9, day: 1)!
        for index in 0..<15 {
            let delivered: Double = index == 7 ? 1 : 2
            try await server.store.recordDelivery(
                try Delivery(provisionID: provision.id, periodStart: week, periodEnd: week.adding(days: 6), plannedUnits: 2, deliveredUnits: delivered,
                             reason: delivered < 2 ? .childUnwell : nil),
                inCase: file.id, by: assessor.actingUser)
            week = week.adding(days: 7)
        }
        try await server.run { browser in
            var family = browser
            _ = try await family.signIn("rhian@example.org")
            let familyPage = try await family.get("/family/cases/\(file.id)")
            var staff = Browser(client: browser.client)
            _ = try await staff.signIn("hollis@example.org")
            let staffPage = try await staff.get("/cases/\(file.id)")
            for page in [familyPage, staffPage] {
                let periods = page.all(#"<tr><td>(\d+ \w+ \d{4} to \d+ \w+ \d{4})</td>"#)
                #expect(periods.count == 15, "every delivery listed")
                #expect(periods.first == "1 September 2025 to 7 September 2025")
                #expect(page.contains(#"<tfoot><tr><th scope="row">In all</th><td class="numeric">30</td><td class="numeric">29</td>"#))
            }
            var client = Browser(client: browser.client)
            let token = try await APITests.token(&client, "rhian@example.org")
            let api = try await client.send("/api/cases/\(file.id)", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.html.utf8)) as? [String: Any])
            let provisions = try #require(json["provisions"] as? [[String: Any]])
            #expect(provisions.first?["plannedUnits"] as? Double == 30)
            #expect(provisions.first?["deliveredUnits"] as? Double == 29)
            #expect((provisions.first?["deliveries"] as? [Any])?.count == 15)
        }
    }
}
