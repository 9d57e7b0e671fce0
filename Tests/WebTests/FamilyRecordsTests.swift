// A family can read and download everything Heeded holds about them (UK GDPR Art. 15), and nothing of anyone else's.
import Casework
import Foundation
import HTTPTypes
import Store
import Testing
@testable import Web

@Suite("A family's copy of their records")
struct FamilyRecordsTests {
    @Test("the page holds the request as sent, the record and who opened it; the JSON holds the same; each download is audited; another family's is not there")
    func download() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let other = try await server.account("idris@example.org", role: .parent)
        try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        _ = try await server.openCase(for: other, child: "Ffion Pritchard")
        try await server.run { browser in
            var staff = browser
            _ = try await staff.signIn("hollis@example.org")
            _ = try await staff.get("/cases/\(file.id)")

            var family = browser
            _ = try await family.signIn("rhian@example.org")
            let home = try await family.get("/family")
            #expect(home.contains(#"<a href="/family/records">See and download everything we hold about your family</a>"#))
            let page = try await family.get("/family/records")
            #expect(page.status == .ok)
            #expect(page.contains("Everything we hold about your family"))
            #expect(page.contains("Quillon Marchbank"))
            #expect(page.contains("4 Penhallow Row, Kittering"), "the request as it was sent")
            #expect(page.contains("Who opened this record, and when"))
            #expect(page.contains("hollis@example.org (assessor)"), "the assessor's look at the record is listed")
            #expect(!page.contains("Ffion Pritchard"), "nothing of another family's")

            let json = try await family.get("/family/records.json")
            #expect(json.status == .ok)
            #expect(json.headers[.contentDisposition]?.contains("attachment") == true)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.html.utf8)) as? [String: Any])
            let cases = try #require(object["cases"] as? [[String: Any]])
            #expect(cases.count == 1)
            #expect((cases.first?["case"] as? [String: Any])?["reference"] as? String == file.reference)
            let views = try #require(cases.first?["views"] as? [[String: Any]])
            #expect(views.contains { $0["by"] as? String == "hollis@example.org" && $0["role"] as? String == "assessor" })
            #expect(!json.contains("Ffion Pritchard"))

            let audit = try await server.store.auditEntries(from: 0, limit: 1000)
            let downloads = audit.filter { $0.event.action == "records.downloaded" && $0.event.actor.id == parent.email }
            #expect(downloads.count == 2, "the page and the JSON, each recorded")
            #expect(downloads.last?.event.newValue == "JSON: \(file.reference)")

            let refused = try await staff.get("/family/records")
            #expect(refused.status == .forbidden, "a family's copy is for the family")
        }
    }

    @Test("a family whose section 47 record is not yet theirs to see does not find it in their copy")
    func section47Withheld() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        try await server.store.addAssessment(
            Assessment(caseID: file.id, kind: .section47, requestedOn: TestServer.today, calendar: .englandAndWales), by: assessor.actingUser)
        try await server.run { browser in
            var family = browser
            _ = try await family.signIn("rhian@example.org")
            let json = try await family.get("/family/records.json")
            #expect(json.status == .ok)
            #expect(!json.contains("section-47"), "\(json.html.prefix(300))")
            let page = try await family.get("/family/records")
            #expect(!page.contains("Section 47"))
        }
    }
}
