// A parent carer's needs, once assessed, are followed like the child's: the support agreed for a need is provision
// the family can read, and a need with nothing agreed is on the manager's list of what is not being met.
import Casework
import Forms
import Foundation
import Testing
@testable import Web

@Suite("A parent carer's needs become provision and are followed")
struct CarerSupportTests {
    static let completeCarerAssessment: [String: RawAnswer] = [
        "pcna_trigger": .value("request"), "request_date": .value("2026-03-02"), "start_date": .value("2026-03-02"),
        "assessor": .value("Hollis Brackenbury"), "has_parental_responsibility": .value("yes"), "aged_18_plus": .value("yes"),
        "willing_to_continue": .value("yes-with-changes"), "able_to_continue": .value("yes-with-support"),
        "assessor_view_continue": .value("yes-with-support"), "assessor_view_reasons": .value("Rhian has not slept a night through in a year."),
        "plan_exists": .value("no"), "work_wishes": .value("no-wants-to"), "study_wishes": .value("no-not-now"),
        "training_wishes": .value("no-not-now"), "leisure_wishes": .value("yes-wants-more"),
        "wishes_prevented_by_caring": .value("Going back to work two days a week."),
        "needs_for_support_identified": .value("yes"), "s17zf_services_to_be_provided": .value("yes"),
        "s17zf_reasons": .value("Overnight sitting lets her sleep; a work plan is for later."),
        "carer_needs": .items([
            ["carer_need": .value("A full night's sleep at least twice a week"), "support_service": .value("Overnight sitting service"),
             "support_type": .value("home-care"), "support_amount": .value("2"), "support_unit": .value("sessions-per-month")],
            ["carer_need": .value("Help to plan going back to work")],
        ]),
    ]

    /// A family's case with its parent carer assessment drafted by the assessor from `completeCarerAssessment`,
    /// changed by `change`; returns the case, the assessment and the assessor.
    static func drafted(
        _ server: TestServer, _ change: (inout FormDraft) -> Void = { _ in }
    ) async throws -> (file: CaseFile, pcna: Assessment, assessor: Account) {
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let pcna = try #require(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).assessments.first { $0.kind == .parentCarer })
        var draft = FormDraft(owner: assessor.id, purpose: "assessment/\(pcna.id)", formID: CaseReport.parentCarerFormID, formVersion: 4)
        for (key, value) in completeCarerAssessment { draft.answers[key] = value }
        change(&draft)
        try await server.store.saveDraft(draft)
        return (file, pcna, assessor)
    }

    /// Sends the drafted assessment from its check page, signed in as the assessor.
    static func send(_ file: CaseFile, _ pcna: Assessment, with browser: Browser) async throws {
        var staff = browser
        _ = try await staff.signIn("hollis@example.org")
        let base = "/cases/\(file.id)/assessments/\(pcna.id)/form"
        let sent = try await staff.submit(base + "/check", to: base + "/submit", [("_draft", "saved")])
        #expect(sent.status == .seeOther, "\(sent.all(ParentJourneyTests.errorLinks))")
    }

    @Test("sending a parent carer assessment records each need; the support agreed is provision the family reads, and the need with none is unmet")
    func carerNeedsFollowed() async throws {
        let server = try TestServer()
        let (file, pcna, assessor) = try await Self.drafted(server)
        try await server.account("greer@example.org", role: .manager)
        try await server.run { browser in
            try await Self.send(file, pcna, with: browser)

            let record = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser)
            let needs = record.needs.filter { $0.area == .parentCarerSupport }
            #expect(needs.map(\.description).sorted() == ["A full night's sleep at least twice a week", "Help to plan going back to work"])
            let sitting = try #require(record.provisions.first)
            #expect(record.provisions.count == 1)
            #expect(sitting.legalBasis == .section17ZDLinked)
            #expect(sitting.needIDs == needs.filter { $0.description.hasPrefix("A full night") }.map(\.id))

            var family = browser
            _ = try await family.signIn("rhian@example.org")
            let familyPage = try await family.get("/family/cases/\(file.id)")
            #expect(familyPage.contains("Your needs as a parent carer"))
            #expect(familyPage.contains("<li>Help to plan going back to work</li>"))
            #expect(familyPage.contains("Overnight sitting service"))
            #expect(familyPage.contains("2 sessions a month: no provider has been found yet."), "the amount in words, not 'sessions/month from No provider found yet'")
            let childNeeds = try #require(familyPage.html.firstMatch("Your child’s needs</h2>(.*?)<h2"))
            #expect(!childNeeds.contains("going back to work"), "a parent carer's needs are not listed as the child's")

            var manager = browser
            _ = try await manager.signIn("greer@example.org")
            let unmet = try await manager.get("/manage/unmet")
            let carerRows = unmet.all("<td>Parent carer support</td><td>(No provision agreed)")
            #expect(carerRows.count == 1, "the need with no support agreed is unmet; the one with provision is not")
            #expect(unmet.contains("Quillon Marchbank"))
        }
    }

    @Test("support listed against a decision to provide no services is not made into provision, and the needs are still recorded")
    func noServicesNoProvision() async throws {
        let server = try TestServer()
        let (file, pcna, assessor) = try await Self.drafted(server) { $0.answers["s17zf_services_to_be_provided"] = .value("no") }
        try await server.run { browser in
            try await Self.send(file, pcna, with: browser)
            let record = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser)
            #expect(record.needs.filter { $0.area == .parentCarerSupport }.count == 2)
            #expect(record.provisions.isEmpty)
        }
    }

    @Test("a worked-out answer on a form page reads as words: not 'null' while it cannot be worked out, then 'Yes' or 'No'")
    func workedOutAnswerInWords() async throws {
        let server = try TestServer()
        var draft: FormDraft?
        let (file, pcna, _) = try await Self.drafted(server) {
            $0.answers["start_date"] = nil
            $0.answers["child_date_of_birth"] = .value("2008-01-09")
            draft = $0
        }
        let unstarted = try #require(draft)
        try await server.run { browser in
            var staff = browser
            _ = try await staff.signIn("hollis@example.org")
            let page = "/cases/\(file.id)/assessments/\(pcna.id)/form/section/outcome"
            let unknown = try await staff.get(page)
            let inset = try #require(unknown.html.firstMatch("Care Act s60 child&#39;s carer&#39;s assessment is needed[^<]*</h2>\\s*<p>([^<]*)</p>"))
            #expect(inset == "Not known yet: it is worked out from other answers", "not 'null' before the assessment's start date is given")
            var started = unstarted
            started.answers["start_date"] = .value("2026-03-02")
            try await server.store.saveDraft(started)
            let known = try await staff.get(page)
            #expect(known.html.firstMatch("Care Act s60 child&#39;s carer&#39;s assessment is needed[^<]*</h2>\\s*<p>([^<]*)</p>") == "Yes")
        }
    }
}
