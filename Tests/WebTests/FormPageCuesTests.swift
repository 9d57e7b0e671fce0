// What a form page tells the person filling it in: why they are still on a page, what Enter does on a page with
// "add" buttons, and how far through the form they are.
import Casework
import Foundation
import Testing
@testable import Web

@Suite("Form pages say what is happening")
struct FormPageCuesTests {
    /// The submit buttons of a page's form, in the order a browser finds them (Enter presses the first).
    static func submitActions(_ page: Browser.Page) -> [String] {
        page.all(#"<(?:button|input)\b[^>]*type="submit"[^>]*value="([^"]*)""#)
    }

    @Test("an answer that brings in a question keeps the person on the page, and the page says why and marks the new question")
    func revealedQuestionIsExplained() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let saved = try await browser.submit("/request/section/about_you", [
                ("_action", "continue"), ("requester_name", "Rhian Marchbank"), ("relationship", "mother"), ("has_parental_responsibility", "yes"),
                ("aged_18_or_over", "yes"), ("contact_email", "rhian@example.org"), ("preferred_contact", "email"), ("interpreter_needed", "yes"),
            ])
            #expect(saved.status == .seeOther)
            let page = try await browser.get(try #require(saved.location))
            #expect(page.contains("We need one more answer on this page because of what you told us"))
            #expect(page.contains(##"<a href="#f-interpreter_language">Which language, or British Sign Language?</a>"##), "the notice links to the new question")
            let marked = try #require(page.html.range(of: "New question"), "the new question is marked")
            let question = try #require(page.html.range(of: #"id="f-interpreter_language""#))
            #expect(marked.lowerBound < question.lowerBound)
            #expect(page.all("(New question)").count == 1, "only the new question is marked")
        }
    }

    @Test("a question brought in inside an entry of a repeating group is explained too")
    func revealedQuestionInAnEntry() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            _ = try await browser.submit("/request/section/family", [("_action", "add:household"), ("household.count", "0")])
            let saved = try await browser.submit("/request/section/family", [
                ("_action", "continue"), ("household.count", "1"), ("household[0].member_name", "Tamsin Marchbank"), ("household[0].member_age", "12"),
                ("household[0].member_disabled", "no"), ("household[0].member_helps_caring", "yes"), ("household[0].member_cares_for_others", "no"),
            ])
            #expect(saved.status == .seeOther)
            let page = try await browser.get(try #require(saved.location))
            #expect(page.contains("We need one more answer on this page because of what you told us"))
            #expect(page.contains(##"<a href="#f-household-0--member_caring_tasks">What do they do to help, and for whom?</a>"##))
        }
    }

    @Test("on a page with 'add' and 'remove' buttons, Enter saves and continues")
    func enterContinues() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let empty = try await browser.get("/request/section/family")
            #expect(Self.submitActions(empty).first == "continue", "first of \(Self.submitActions(empty))")
            _ = try await browser.submit("/request/section/family", [("_action", "add:household"), ("household.count", "0")])
            let withEntry = try await browser.get("/request/section/family")
            #expect(Self.submitActions(withEntry).contains("remove:household:0"))
            #expect(Self.submitActions(withEntry).first == "continue", "Enter in an entry must not remove it: \(Self.submitActions(withEntry))")
            #expect(withEntry.contains(#"value="continue" class="visually-hidden" tabindex="-1" aria-hidden="true""#), "the copy for Enter is out of sight and out of the tab order")
        }
    }

    @Test("an entry added and left empty is one entry, not a page of errors when the request is sent")
    func emptyEntryIsIgnored() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            try await ParentJourneyTests.fillRequest(&browser)
            _ = try await browser.submit("/request/section/family", [("_action", "add:household"), ("household.count", "0")])
            _ = try await browser.submit("/request/section/family", [("_action", "add:household"), ("household.count", "1")])
            let family = try await browser.get("/request/section/family")
            #expect(family.all(#"name="(household\[\d+\]\.member_name)""#) == ["household[0].member_name"], "pressing 'add' twice gives one empty entry")
            let sent = try await browser.submit("/request/check", to: "/request/submit", [])
            #expect(sent.status == .seeOther, "\(sent.all(ParentJourneyTests.errorLinks))")
            #expect(try await server.store.draft(owner: parent.id, purpose: "needs-request") == nil, "the request was sent")
        }
    }

    @Test("the parent carer assessment counts every section, whatever the answers, and says which are not needed")
    func progressIsStable() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let record = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser)
        let carer = try #require(record.assessments.first { $0.kind == .parentCarer })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let base = "/cases/\(file.id)/assessments/\(carer.id)/form"
            let start = try await browser.get(base)
            #expect(start.contains("You have completed 0 of 10 sections."))
            #expect(try await browser.get(base + "/section/about_you").contains("(Section 2 of 10)"))

            let ruledOut = try await browser.submit(base + "/section/about_you", [("_action", "continue"), ("has_parental_responsibility", "no"), ("aged_18_plus", "yes")])
            #expect(ruledOut.status == .seeOther)
            #expect(try await browser.get(base + "/section/about_you").contains("(Section 2 of 10)"))
            let overview = try await browser.get(base)
            #expect(overview.contains("You have completed 1 of 10 sections. 8 sections are not needed because of the answers so far."))
            #expect(overview.all(">(Not needed)<").count == 8)
            #expect(!overview.contains(#"href="\#(base)/section/caring_role""#), "a section not needed is listed but not linked")
            #expect(overview.contains("2. The caring role"))

            let ruledIn = try await browser.submit(base + "/section/about_you", [("_action", "continue"), ("has_parental_responsibility", "yes"), ("aged_18_plus", "yes")])
            #expect(ruledIn.status == .seeOther)
            #expect(try await browser.get(base + "/section/about_you").contains("(Section 2 of 10)"), "the total does not jump when sections come back")
            let after = try await browser.get(base)
            #expect(after.contains("of 10 sections."))
            #expect(!after.contains("Not needed"))
        }
    }

    @Test("the page does not say it needs answers to questions brought in that are optional")
    func optionalRevealedQuestions() {
        #expect(FormJourney.revealedNotice(0, optional: 0) == nil)
        #expect(FormJourney.revealedNotice(2, optional: 0) == "We need 2 more answers on this page because of what you told us")
        #expect(FormJourney.revealedNotice(5, optional: 2) == "What you told us adds 5 questions to this page (2 of them optional)")
        #expect(FormJourney.revealedNotice(1, optional: 1) == "What you told us adds a question to this page (optional)")
        #expect(FormJourney.revealedNotice(2, optional: 2) == "What you told us adds 2 questions to this page (all optional)")
    }
}
