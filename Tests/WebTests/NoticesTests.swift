// After doing something, the page says it was done.
import Casework
import Foundation
import Testing
@testable import Web

@Suite("Saying what was done")
struct NoticesTests {
    @Test("sending an assessment, and a family's comment on it, each come back to a page that says it was done")
    func doneNotices() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let (file, cin, _) = try await WorkDoneOnceTests.sentAssessment(server, &browser)
            let report = try #require(try await server.store.reports(ofCase: file.id).first { $0.assessmentID == cin.id })
            let staffPage = try await browser.get("/cases/\(file.id)?done=sent")
            #expect(staffPage.contains("Sent. It is on the record below, and the family can now read it."))
            #expect(!(try await browser.get("/cases/\(file.id)?done=%3Cscript%3E")).contains("notification--success"), "only known notices")

            var family = Browser(client: browser.client)
            _ = try await family.signIn("rhian@example.org")
            let casePage = try await family.get("/family/cases/\(file.id)")
            let commented = try await family.post(
                "/family/cases/\(file.id)/reports/\(report.id)/comments", [("_csrf", casePage.csrf ?? ""), ("comment", "Nights are worse since March.")])
            #expect(commented.location == "/family/cases/\(file.id)?done=comment#report-\(report.id)")
            let after = try await family.get(try #require(commented.location))
            #expect(after.contains("Your comment was added beside the report. Your worker will read it."))
            #expect(after.contains("Nights are worse since March."))
            #expect(after.contains("Finished: you can read it below"), "the child in need assessment was sent, so there is a report to read")
            #expect(after.contains(">Not started yet<"), "the parent carer assessment has no report")
        }
    }
}

@Suite("Asked once")
struct KnownFactsTests {
    @Test("an assessment form starts with what the case knows: the child's areas affected, date of birth, and that the parent asked, and when")
    func knownFactsFilledIn() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let assessments = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).assessments
        let carer = try #require(assessments.first { $0.kind == .parentCarer })
        let cin = try #require(assessments.first { $0.kind == .childInNeed })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let details = try await browser.get("/cases/\(file.id)/assessments/\(carer.id)/form/section/assessment_details")
            #expect(details.contains(#"value="request" checked"#), "the parent asked in their request")
            #expect(details.contains(#"name="child_date_of_birth-year" type="text" inputmode="numeric" value="2018""#))
            #expect(details.contains(#"name="request_date-day" type="text" inputmode="numeric" value="02""#))
            let profile = try await browser.get("/cases/\(file.id)/assessments/\(cin.id)/form/section/child_profile")
            #expect(profile.all(#"value="(COMM|LD|BEH)" checked"#).count == 3, "the areas the family named")
        }
    }
}

@Suite("A draft in progress shows")
struct DraftInProgressTests {
    @Test("an assessment being written shows on the case page who is writing it, and the link carries on rather than starting again")
    func draftShows() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let cin = try #require(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).assessments.first { $0.kind == .childInNeed })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            #expect(!(try await browser.get("/cases/\(file.id)")).contains("Being written"))
            let base = "/cases/\(file.id)/assessments/\(cin.id)/form"
            let saved = try await browser.submit(base + "/section/assessment_details", [("_action", "save"), ("assessor", "Hollis Brackenbury")])
            #expect(saved.status == .seeOther)
            let page = try await browser.get("/cases/\(file.id)")
            #expect(page.contains("Being written: a draft saved by hollis@example.org on"))
            #expect(page.contains("Carry on writing the assessment"))
        }
    }
}
