// The family's journey: the request a page at a time, errors beside questions, drafts, receiving, and the record.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Web

@Suite("A parent asks for help")
struct ParentJourneyTests {
    /// The messages in a page's error summary.
    static let errorLinks = #"<li><a href="[^"]+">(.*?)</a></li>"#

    /// Fills in every page of the request in a browser, as a parent would, with the complete answers.
    static func fillRequest(
        _ browser: inout Browser, child: String = "Quillon Marchbank", dob: (String, String, String) = ("4", "5", "2018"), urgency: String = "routine"
    ) async throws {
        let pages: [(String, [(String, String)])] = [
            ("about_you", [("requester_name", "Rhian Marchbank"), ("relationship", "mother"), ("has_parental_responsibility", "yes"), ("aged_18_or_over", "yes"),
                           ("contact_email", "rhian@example.org"), ("preferred_contact", "email")]),
            ("about_child", [("child_name", child), ("child_dob-day", dob.0), ("child_dob-month", dob.1), ("child_dob-year", dob.2),
                             ("child_address", "4 Penhallow Row, Kittering"), ("child_postcode", "KT4 9ZZ"), ("other_professionals.count", "0")]),
            ("child_needs", [("areas_affected", "COMM"), ("areas_affected", "LD"), ("conditions.count", "0")]),
            ("daily_care", [("sleep_help", "a-lot-extra"), ("sleep_details", "He is up four times most nights.")]),
            ("daily_life", []),
            ("family", [("household.count", "0")]),
            ("you_as_carer", [("enough_sleep", "no"), ("want_parent_carer_assessment", "yes")]),
            ("what_would_help", [("requests_made", "assessment"), ("requests_made", "short-breaks-day"), ("urgency", urgency)]),
            ("keeping_safe", []),
            ("consent", [("consent_to_assessment", "yes"), ("privacy_notice_acknowledged", "yes"), ("consent_to_contact_professionals.count", "0")]),
        ]
        for (section, fields) in pages {
            let page = try await browser.submit("/request/section/\(section)", [("_action", "continue")] + fields)
            let problems = page.all(Self.errorLinks)
            #expect(page.status == .seeOther, "\(section): \(problems)")
        }
    }

    @Test("wrong answers are shown beside their questions, linked from an error summary, and the title names the error")
    func errorsBesideQuestions() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let page = try await browser.submit("/request/section/about_you", [
                ("_action", "continue"), ("requester_name", "Rhian Marchbank"), ("relationship", "mother"), ("has_parental_responsibility", "yes"),
                ("aged_18_or_over", "yes"), ("contact_email", "not an email"), ("preferred_contact", "email"),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(page.title.hasPrefix("Error: About you"))
            #expect(page.contains("There is a problem"))
            #expect(page.contains("<a href=\"#f-contact_email\">Enter an email address, like name@example.com</a>"))
            #expect(page.contains("id=\"f-contact_email-error\""))
            #expect(page.contains("aria-describedby=\"f-contact_email-error\""))
            #expect(page.contains("value=\"not an email\""), "what was typed is kept")
            #expect(page.contains("<legend class=\"fieldset__legend\">Who are you to the child?</legend>"), "radios sit in a fieldset with a legend")
        }
    }

    @Test("a question revealed by an answer is shown before it is required")
    func revealedQuestion() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let first = try await browser.get("/request/section/about_you")
            #expect(!first.contains("Which language, or British Sign Language?"))
            let saved = try await browser.submit("/request/section/about_you", [
                ("_action", "continue"), ("requester_name", "Rhian Marchbank"), ("relationship", "mother"), ("has_parental_responsibility", "yes"),
                ("aged_18_or_over", "yes"), ("contact_email", "rhian@example.org"), ("preferred_contact", "email"), ("interpreter_needed", "yes"),
            ])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/request/section/about_you")
            let again = try await browser.get("/request/section/about_you")
            #expect(again.contains("Which language, or British Sign Language?"))
            #expect(!again.contains("There is a problem"))
        }
    }

    @Test("a repeating group works without JavaScript: 'add another' posts, keeps the answers, and its items are checked")
    func repeatingGroup() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let added = try await browser.submit("/request/section/family", [("_action", "add:household"), ("household.count", "0"), ("informal_support", "none")])
            #expect(added.status == .seeOther)
            #expect(added.location == "/request/section/family#f-household")
            let page = try await browser.get("/request/section/family")
            #expect(page.contains("name=\"household[0].member_name\""))
            #expect(page.contains("Remove Who else lives with you and your child?: 1"))
            let checked = try await browser.submit("/request/section/family", [
                ("_action", "continue"), ("household.count", "1"), ("household[0].member_name", "Tamsin Marchbank"), ("household[0].member_age", "twelve"),
                ("household[0].member_helps_caring", "yes"), ("informal_support", "none"),
            ])
            #expect(checked.status == .unprocessableContent)
            #expect(checked.contains("href=\"#f-household-0--member_age\""))
            #expect(checked.contains("Enter age as a number, like 3"))
            #expect(checked.contains("value=\"Tamsin Marchbank\""))
            let draft = try #require(try await server.store.draft(owner: parent.id, purpose: "needs-request"))
            guard case .items(let items)? = draft.answers["household"] else { Issue.record("the item was not saved"); return }
            #expect(items.first?["member_name"] == .value("Tamsin Marchbank"))
            let removed = try await browser.submit("/request/section/family", [("_action", "remove:household:0"), ("household.count", "1"), ("household[0].member_name", "Tamsin Marchbank")])
            #expect(removed.status == .seeOther)
            #expect(try await server.store.draft(owner: parent.id, purpose: "needs-request")?.answers["household"] == nil)
        }
    }

    @Test("the draft is kept on the server, so a parent who signs out and back in carries on where they were")
    func draftKept() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            _ = try await browser.submit("/request/section/about_child", [("_action", "save"), ("child_name", "Quillon Marchbank"), ("other_professionals.count", "0")])
            let home = try await browser.submit("/family", to: "/sign-out", [])
            #expect(home.status == .seeOther)
            var again = Browser(client: browser.client)
            _ = try await again.signIn("rhian@example.org")
            let family = try await again.get("/family")
            #expect(family.contains("You have a request you have not sent yet"))
            let page = try await again.get("/request/section/about_child")
            #expect(page.contains("value=\"Quillon Marchbank\""))
            let overview = try await again.get("/request")
            #expect(overview.contains("In progress"))
        }
    }

    @Test("sending checks everything: problems on the check page link to the question")
    func checkPageProblems() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let page = try await browser.submit("/request/check", to: "/request/submit", [])
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("Your name: Enter your name"))
            #expect(page.contains("href=\"/request/section/about_you?return=check#f-requester_name\""))
        }
    }

    @Test("a complete request is received with a reference, the reasons in plain English, and the working-day due dates")
    func received() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            try await Self.fillRequest(&browser)
            let check = try await browser.get("/request/check")
            #expect(check.contains("Quillon Marchbank"))
            #expect(check.contains("Communicating, Learning and understanding"), "labels, not codes")
            let sent = try await browser.submit("/request/check", to: "/request/submit", [])
            #expect(sent.status == .seeOther)
            let location = try #require(sent.location)
            #expect(location.hasSuffix("/received"))
            let page = try await browser.get(location)
            #expect(page.contains("Request received"))
            let cases = try await server.store.casesOwned(by: parent.id)
            #expect(cases.count == 1)
            #expect(page.contains(try #require(cases.first).reference))
            // 2 March 2026 is day 0: 45 working days later (Good Friday and Easter Monday skipped) is 7 May 2026.
            #expect(page.contains("7 May 2026"))
            #expect(page.contains("45 working days from 2 March 2026"))
            #expect(page.contains("Child in need assessment"))
            #expect(page.contains("Parent carer needs assessment"))
            #expect(!page.contains("(rule "), "reasons for families leave out rule names")
            #expect(try await server.store.draft(owner: parent.id, purpose: "needs-request") == nil, "the draft goes once the request is received")
            let audit = try await server.store.auditEntries(from: 0, limit: 100)
            #expect(audit.contains { $0.event.action == "case.opened" && $0.event.actor.id == "rhian@example.org" })
        }
    }

    @Test("a request the rules cannot decide still opens a case, waiting with the duty team, and the parent is told a person will decide")
    func undecided() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            // A date of birth 30 years ago gives an age the routing contract does not take (0 to 25): the tables
            // cannot be asked, so a person decides.
            try await Self.fillRequest(&browser, dob: ("4", "5", "1996"))
            let sent = try await browser.submit("/request/check", to: "/request/submit", [])
            let page = try await browser.get(try #require(sent.location))
            #expect(page.contains("Request received"))
            #expect(page.contains("A person in our duty team will read your request and decide what happens next by 3 March 2026. They will contact you by email at rhian@example.org."))
            let waiting = try await server.store.awaitingDecision(team: .duty)
            #expect(waiting.count == 1)
        }
    }

    @Test("a parent asking for another family's case, or its reports, gets 'not found'")
    func anotherFamily() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.account("kezia@example.org", role: .parent)
        try await server.run { browser in
            var rhian = browser
            _ = try await rhian.signIn("rhian@example.org")
            try await Self.fillRequest(&rhian)
            let sent = try await rhian.submit("/request/check", to: "/request/submit", [])
            let casePath = try #require(sent.location).replacingOccurrences(of: "/received", with: "")
            var kezia = Browser(client: browser.client)
            _ = try await kezia.signIn("kezia@example.org")
            do {
                let response = try await kezia.get(casePath)
                #expect(response.status == .notFound)
            }
            do {
                let response = try await kezia.get(casePath + "/received")
                #expect(response.status == .notFound)
            }
            do {
                let response = try await kezia.get(casePath + "/missed-session")
                #expect(response.status == .notFound)
            }
            let id = casePath.split(separator: "/").last.map(String.init) ?? ""
            do {
                let response = try await kezia.get("/api/cases/\(id)")
                #expect(response.status == .notFound)
            }
            do {
                let response = try await kezia.get("/family/cases/not-an-id")
                #expect(response.status == .notFound)
            }
            do {
                let response = try await rhian.get(casePath)
                #expect(response.status == .ok)
            }
        }
    }
}
