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
        }
    }
}
