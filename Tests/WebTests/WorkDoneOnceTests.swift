// Work done once stays done: a sent assessment is complete, a change to it is a deliberate revision with its reason,
// one EHC needs assessment gets one advice, a s47 enquiry never replaces the assessment, and a placeholder is not an answer.
import Casework
import Forms
import Foundation
import Testing
@testable import Web

@Suite("Work done once stays done")
struct WorkDoneOnceTests {
    /// A case with its child in need assessment written and sent through the pages; returns the case and assessment.
    static func sentAssessment(_ server: TestServer, _ browser: inout Browser) async throws -> (CaseFile, Assessment, Account) {
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let cin = try #require(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).assessments.first { $0.kind == .childInNeed })
        _ = try await browser.signIn("hollis@example.org")
        let base = "/cases/\(file.id)/assessments/\(cin.id)/form"
        var draft = FormDraft(owner: assessor.id, purpose: "assessment/\(cin.id)", formID: CaseReport.childInNeedFormID, formVersion: 3)
        for (key, value) in AssessorJourneyTests.completeAssessment { draft.answers[key] = value }
        draft.answers["sleep_needs"] = .value("Wakes four times a night and needs an adult to settle.")
        draft.answers["sleep_severity"] = .value("severe")
        draft.answers["communication_needs"] = .value("Uses picture cards and some signs.")
        draft.answers["communication_severity"] = .value("moderate")
        try await server.store.saveDraft(draft)
        let sent = try await browser.submit(base + "/check", to: base + "/submit", [("_draft", "saved")])
        #expect(sent.status == .seeOther, "\(sent.all(ParentJourneyTests.errorLinks))")
        return (file, cin, assessor)
    }

    @Test("sending an assessment completes it: the case page offers what was sent, not 'Write the assessment', and a second send sends nothing")
    func sendingCompletes() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let (file, cin, assessor) = try await Self.sentAssessment(server, &browser)
            let assessment = try #require(try await server.store.assessment(cin.id))
            #expect(assessment.status == .completed)
            #expect(assessment.date(of: .completed) == TestServer.today)
            let page = try await browser.get("/cases/\(file.id)")
            #expect(page.contains("Completed. Due"))
            #expect(!page.contains("Write the assessment<span class=\"visually-hidden\">: Child in need assessment"))
            #expect(page.contains("Read what was sent"))
            // The form no longer reopens empty: it goes to what was sent.
            let reopened = try await browser.get("/cases/\(file.id)/assessments/\(cin.id)/form")
            #expect(reopened.status == .seeOther)
            let report = try #require(try await server.store.reports(ofCase: file.id).first)
            #expect(reopened.location == "/cases/\(file.id)#report-\(report.id)")
            // A second send (a double click, another tab) stores nothing more.
            let again = try await browser.post("/cases/\(file.id)/assessments/\(cin.id)/form/submit", [("_csrf", page.csrf ?? ""), ("_draft", "saved")])
            #expect(again.status == .seeOther)
            #expect(try await server.store.reports(ofCase: file.id).count == 1)
            let audit = try await server.store.auditEntries(from: 0, limit: 500)
            #expect(audit.contains { $0.event.action == "assessment.status" && $0.event.actor.id == assessor.email })
        }
    }

    @Test("a sent assessment is changed by a revision that says why; both versions stay, the family reads the reason, and needs are not doubled")
    func revision() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let (file, cin, assessor) = try await Self.sentAssessment(server, &browser)
            let first = try #require(try await server.store.reports(ofCase: file.id).first)
            let needsBefore = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).needs
            #expect(Set(needsBefore.map(\.area)) == [.sleepAndNightTimeCare, .communication])
            let base = "/cases/\(file.id)/reports/\(first.id)/revision"
            let page = try await browser.get("/cases/\(file.id)")
            #expect(page.contains("href=\"\(base)\""))
            // The revision starts from what was sent.
            let check = try await browser.get(base + "/check")
            #expect(check.status == .ok)
            #expect(check.contains("Wakes four times a night"))
            #expect(check.contains("Why are you changing what was sent on 2 March 2026?"))
            // Change one area's answer and drop another, then send without a reason: refused beside the reason box.
            _ = try await browser.submit(base + "/section/needs_sleep", [("_action", "continue"), ("sleep_needs", "Wakes twice a night now; melatonin helps."), ("sleep_severity", "moderate")])
            _ = try await browser.submit(base + "/section/needs_communication", [("_action", "continue"), ("communication_needs", ""), ("communication_severity", "none")])
            let noReason = try await browser.submit(base + "/check", to: base + "/submit", [("revision_reason", "  ")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.contains("Say why you are changing what was sent"))
            #expect(noReason.contains("href=\"#revision_reason\""))
            #expect(try await server.store.reports(ofCase: file.id).count == 1)
            let sent = try await browser.submit(base + "/check", to: base + "/submit", [("revision_reason", "The sleep clinic's letter of 1 March changes section 3.")])
            #expect(sent.status == .seeOther, "\(sent.all(ParentJourneyTests.errorLinks))")
            let reports = try await server.store.reports(ofCase: file.id)
            #expect(reports.count == 2, "what was sent first stays on the record")
            #expect(reports.last?.revision?.revises == first.id)
            let needs = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).needs
            let sleep = try #require(needs.first { $0.area == .sleepAndNightTimeCare })
            #expect(sleep.id == needsBefore.first { $0.area == .sleepAndNightTimeCare }?.id, "the revised need is the same record, so its provision stays linked")
            #expect(sleep.description == "Wakes twice a night now; melatonin helps.")
            #expect(needs.count == 2, "no need is doubled")
            #expect(needs.first { $0.area == .communication }?.closedOn == TestServer.today, "a need the revision no longer records is closed")
            #expect(try await server.store.assessment(cin.id)?.status == .completed)
            // Only the latest version can be revised.
            let stale = try await browser.get(base)
            #expect(stale.status == .seeOther)
            // The family reads both, and why it changed.
            var family = Browser(client: browser.client)
            _ = try await family.signIn("rhian@example.org")
            let record = try await family.get("/family/cases/\(file.id)")
            #expect(record.contains("This revises the version sent on 2 March 2026. Why it was changed: The sleep clinic&#39;s letter of 1 March changes section 3."))
            #expect(record.contains("Replaced on 2 March 2026 by a revised version"))
            #expect(record.contains("Finished: you can read it below"), "the status in the family's words")
        }
    }

    @Test("one EHC needs assessment gets one advice: a second for the same request is refused beside the reference, and revising it changes the one record")
    func oneAdvicePerRequest() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let base = "/cases/\(file.id)/ehc-advice"
            func write() async throws -> Browser.Page {
                var draft = FormDraft(owner: assessor.id, purpose: "ehc-advice/\(file.id)", formID: CaseReport.ehcAdviceFormID, formVersion: 2)
                for (key, value) in AssessorJourneyTests.completeAdvice { draft.answers[key] = value }
                draft.answers["provision_items"] = .items([[
                    "provision_description": .value("Personal care at home, mornings"), "provision_section": .value("H1"),
                    "csdpa_head": .value("practical-assistance-at-home"), "provision_quantity": .value("6"), "provision_unit": .value("hours-per-week"),
                    "provision_meets_needs": .value("1"), "provision_educates_or_trains": .value("no"),
                ]])
                try await server.store.saveDraft(draft)
                return try await browser.submit(base + "/check", to: base + "/submit", [])
            }
            #expect(try await write().status == .seeOther)
            let second = try await write()
            #expect(second.status == .unprocessableContent)
            #expect(second.contains("Advice for EHC needs assessment EHC-2026-0031 was sent on 2 March 2026: to change it, revise that advice from the case page"))
            #expect(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).ehcAdvice.count == 1)
            let first = try #require(try await server.store.reports(ofCase: file.id).first)
            let revise = "/cases/\(file.id)/reports/\(first.id)/revision"
            _ = try await browser.submit(revise + "/section/views", [("_action", "continue"), ("child_views", "Quillon wants to go swimming, and to a club with his cousins.")])
            let revised = try await browser.submit(revise + "/check", to: revise + "/submit", [("revision_reason", "Quillon told us more at his review.")])
            #expect(revised.status == .seeOther, "\(revised.all(ParentJourneyTests.errorLinks))")
            let advice = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).ehcAdvice
            #expect(advice.count == 1, "the revision changes the advice record rather than adding a second")
            #expect(advice.first?.id == EHCAdvice.ID(first.id.uuid))
        }
    }

    @Test("'Not known to this service' is not the child's views, nor a reason for no section D needs on a case with assessed needs")
    func placeholders() async throws {
        let server = try TestServer()
        try await server.run { browser in
            var browser = browser
            let (file, _, assessor) = try await Self.sentAssessment(server, &browser)
            let base = "/cases/\(file.id)/ehc-advice"
            var draft = FormDraft(owner: assessor.id, purpose: "ehc-advice/\(file.id)", formID: CaseReport.ehcAdviceFormID, formVersion: 2)
            for (key, value) in AssessorJourneyTests.completeAdvice { draft.answers[key] = value }
            draft.answers["child_views"] = .value("Not known to this service.")
            draft.answers["section_d_needs"] = nil
            draft.answers["section_e_outcomes"] = nil
            draft.answers["provision_items"] = nil
            draft.answers["no_needs_reason"] = .value("Not known to this service")
            try await server.store.saveDraft(draft)
            let refused = try await browser.submit(base + "/check", to: base + "/submit", [])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("is not the child&#39;s views"))
            #expect(refused.contains("The case has 2 assessed needs (communication; sleep and night time care): put them in section D"))
            #expect(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).ehcAdvice.isEmpty)
        }
    }

    @Test("a s47 enquiry never replaces the child in need assessment, even where the rules had not recommended one")
    func section47KeepsTheAssessment() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let manager = try await server.account("greer@example.org", role: .manager)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            var answers = TriageAnswers()
            answers.disabilityCodes = []
            answers.concerns = [("unexplained-injury", "child", "corroborated", "serious")]
            answers.reasonableCause = true
            answers.reasonableCauseReason = "The school reported an unexplained injury on 27 February."
            answers.strategyDiscussion = (27, 2, 2026)
            answers.overrides = ["cin-assessment": "no"]
            answers.overrideReason = "The enquiry covers it."
            let dropped = try await browser.triage(file.id.description, answers)
            #expect(dropped.status == .unprocessableContent)
            #expect(dropped.contains("never replaces the child in need assessment"))
            #expect(try await server.store.caseRecord(file.id, viewedBy: manager.actingUser).file.managerDecision == nil)
        }
    }

    @Test("after a manager's s47 override the family reads the decision first, and what the enquiry is beside it")
    func section47Explained() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("greer@example.org", role: .manager)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            var answers = TriageAnswers()
            answers.concerns = [("injury-by-adult", "child", "disproved", "serious")]
            answers.reasonableCause = true
            answers.reasonableCauseReason = "A second account came in this morning from the child's grandmother."
            answers.strategyDiscussion = (2, 3, 2026)
            #expect(try await browser.triage(file.id.description, answers).status == .seeOther)
            var family = Browser(client: browser.client)
            _ = try await family.signIn("rhian@example.org")
            let page = try await family.get("/family/cases/\(file.id)")
            let why = try #require(page.html.firstMatch(#"Why we decided this</summary><div class="details__text">(.*?)</div></details>"#))
            #expect(why.hasPrefix("<p>A manager changed what the rules recommended on 2 March 2026."), "\(why)")
            #expect(why.contains("What the rules recommended before the manager’s decision"))
            #expect(page.contains("reasonable cause to suspect your child is suffering, or is likely to suffer, significant harm"))
            #expect(page.contains("Your child&#39;s assessment and any support carry on alongside it."))
        }
    }

    @Test("sending a request twice says it was sent, instead of a page of errors about an empty form")
    func requestSentTwice() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            try await ParentJourneyTests.fillRequest(&browser)
            let check = try await browser.get("/request/check")
            #expect(check.contains("name=\"_draft\" value=\"saved\""))
            let first = try await browser.post("/request/submit", [("_csrf", check.csrf ?? ""), ("_draft", "saved")])
            #expect(first.status == .seeOther)
            let second = try await browser.post("/request/submit", [("_csrf", check.csrf ?? ""), ("_draft", "saved")])
            #expect(second.status == .seeOther)
            #expect(second.location == "/family?sent=1")
            let home = try await browser.get("/family?sent=1")
            #expect(home.contains("Your request has already been sent"))
            #expect(try await server.store.casesOwned(by: parent.id).count == 1)
        }
    }
}
