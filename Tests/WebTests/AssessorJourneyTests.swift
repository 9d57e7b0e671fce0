// The assessor's journey: caseload, the assessment written page by page, status moves, needs into provision, deliveries;
// and what the family then sees of it.
import Casework
import Forms
import Foundation
import Testing
@testable import Web

@Suite("An assessor assesses, and needs become provision")
struct AssessorJourneyTests {
    @Test("the caseload lists open assessments with deadlines, soonest first")
    func caseload() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("hollis@example.org", role: .assessor)
        try await server.openCase(for: parent, child: "Quillon Marchbank")
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let page = try await browser.get("/work")
            #expect(page.status == .ok)
            #expect(page.contains("Quillon Marchbank"))
            #expect(page.contains("7 May 2026"))
            #expect(page.contains("Not allocated"))
        }
    }

    @Test("the child in need assessment is written a page at a time, saved as a draft on every page, and submitting records its needs")
    func assessmentForm() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let record = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser)
        let cin = try #require(record.assessments.first { $0.kind == .childInNeed })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let base = "/cases/\(file.id)/assessments/\(cin.id)/form"
            let overview = try await browser.get(base)
            #expect(overview.status == .ok)
            #expect(overview.contains("Not started"))
            let saved = try await browser.submit(base + "/section/needs_sleep", [
                ("_action", "continue"), ("sleep_needs", "Wakes four times a night and needs an adult to settle."), ("sleep_severity", "severe"),
            ])
            #expect(saved.status == .seeOther)
            let draft = try #require(try await server.store.draft(owner: assessor.id, purpose: "assessment/\(cin.id)"))
            #expect(draft.answers["sleep_severity"] == .value("severe"))
            let refused = try await browser.submit(base + "/check", to: base + "/submit", [])
            #expect(refused.status == .unprocessableContent, "a half-written assessment cannot be submitted")
            // Write the rest through the store's draft (the pages are the same machinery as the parent's) and submit.
            var complete = draft
            for (key, value) in AssessorJourneyTests.completeAssessment { complete.answers[key] = value }
            try await server.store.saveDraft(complete)
            let sent = try await browser.submit(base + "/check", to: base + "/submit", [])
            let problems = sent.all(ParentJourneyTests.errorLinks)
            #expect(sent.status == .seeOther, "\(problems)")
            let after = try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser)
            let need = try #require(after.needs.first { $0.area == .sleepAndNightTimeCare })
            #expect(need.parentView == "He is up four times most nights." || need.parentView.isEmpty)
            #expect(try await server.store.reports(ofCase: file.id).count == 1)
        }
    }

    @Test("EHC advice is sent as the advice record the plan and deadlines are kept from; provision meeting a section D need that is not listed is shown beside its question")
    func ehcAdvice() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let base = "/cases/\(file.id)/ehc-advice"
            _ = try await browser.get(base)
            var draft = try await server.store.draft(owner: assessor.id, purpose: "ehc-advice/\(file.id)")
                ?? FormDraft(owner: assessor.id, purpose: "ehc-advice/\(file.id)", formID: CaseReport.ehcAdviceFormID, formVersion: 1)
            for (key, value) in AssessorJourneyTests.completeAdvice { draft.answers[key] = value }
            try await server.store.saveDraft(draft)

            let refused = try await browser.submit(base + "/check", to: base + "/submit", [])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("is not a section D need: the section D needs are numbered 1 to 1"))
            #expect(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).ehcAdvice.isEmpty, "refused advice stores nothing")

            let provision: [(String, String)] = [
                ("provision_items.count", "1"), ("provision_items[0].provision_description", "Personal care at home, mornings"),
                ("provision_items[0].provision_section", "H1"), ("provision_items[0].csdpa_head", "practical-assistance-at-home"),
                ("provision_items[0].provision_quantity", "6"), ("provision_items[0].provision_unit", "hours-per-week"),
                ("provision_items[0].provision_educates_or_trains", "no"),
            ]
            let shown = ("_shown", "provision_items provision_items[0].provision_meets_needs")
            let beside = try await browser.submit(base + "/section/provision", provision + [("_action", "continue"), shown, ("provision_items[0].provision_meets_needs", "3")])
            #expect(beside.status == .unprocessableContent)
            #expect(beside.contains("is not a section D need"))
            let fixed = try await browser.submit(base + "/section/provision", provision + [("_action", "continue"), shown, ("provision_items[0].provision_meets_needs", "1")])
            #expect(fixed.status == .seeOther)

            let sent = try await browser.submit(base + "/check", to: base + "/submit", [])
            #expect(sent.status == .seeOther, "\(sent.all(ParentJourneyTests.errorLinks))")
            let advice = try #require(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).ehcAdvice.first)
            #expect(advice.submittedOn == TestServer.today)
            #expect(advice.deadline.date == CalendarDate(year: 2026, month: 3, day: 30))
            #expect(advice.sectionD.map(\.area) == [.personalCare])
            #expect(advice.provision.first?.meets == advice.sectionD.map(\.id))
            #expect(advice.provision.first?.amount == (try ProvisionAmount(6, .hoursPerWeek)))
            #expect(try await server.store.reports(ofCase: file.id).count == 1, "the family can still read the advice as sent")
        }
    }

    static let completeAdvice: [String: RawAnswer] = [
        "ehc_request_ref": .value("EHC-2026-0031"), "date_requested": .value("2026-02-16"), "author": .value("Hollis Brackenbury"),
        "team": .value("disabled-children"), "basis": .value("new-s17-assessment"), "known_to_social_care": .value("no"),
        "child_views": .value("Quillon wants to go swimming with his cousins."),
        "section_d_needs": .items([["need_area": .value("personal-care"), "need_description": .value("Two adults for washing and dressing"),
                                    "need_impact": .value("His mother has hurt her back lifting him")]]),
        "section_e_outcomes": .items([["outcome_text": .value("Quillon is washed and dressed safely every morning"), "outcome_by_when": .value("2026-09-01"),
                                       "outcome_linked_needs": .value("1")]]),
        "provision_items": .items([["provision_description": .value("Personal care at home, mornings"), "provision_section": .value("H1"),
                                    "csdpa_head": .value("practical-assistance-at-home"), "provision_quantity": .value("6"), "provision_unit": .value("hours-per-week"),
                                    "provision_meets_needs": .value("3"), "provision_educates_or_trains": .value("no")]]),
        "include_cin_cp_information": .value("no"), "signed_by": .value("Hollis Brackenbury"), "signed_date": .value("2026-03-02"),
    ]

    static let completeAssessment: [String: RawAnswer] = [
        "assessment_start_date": .value("2026-03-02"), "assessor": .value("Hollis Brackenbury"), "assessor_knows_condition": .value("yes"),
        "manager": .value("Greer Wrenfield"), "proportionality": .value("standard"),
        "disability_codes": .values(["COMM", "LD"]), "primary_need": .value("N2"),
        "child_seen_date": .value("2026-02-26"), "child_seen_alone": .value("yes"),
        "child_views": .value("Quillon showed us with picture cards that he loves the trampoline."), "views_how_obtained": .value("communication-aid"),
        "parents_views": .value("We want Quillon to be happy, and we need to sleep."), "parents_wishes_for_child": .value("Friends, and time on the trampoline."),
        "parents_ideas_for_help": .value("A night's break now and then."), "parenting_capacity_concern": .value("no"),
        "significant_harm_concern": .value("no"), "harm_from_child_distress": .value("no"), "assessment_factors": .values(["5A"]),
        "analysis": .value("Quillon's needs at night are the family's main difficulty."),
        "outcomes": .items([["outcome_text": .value("Unbroken sleep three nights a week"), "outcome_by_when": .value("2026-09-01"), "outcome_owner": .value("Hollis")]]),
        "child_is_disabled": .value("yes"), "child_in_need": .value("yes"), "legal_basis": .value("s17-csdpa"),
        "services_decided": .items([[
            "service_description": .value("Overnight short breaks"), "service_type": .value("overnight-short-break"), "service_legal_basis": .value("csdpa-s2"),
            "service_meets": .values(["sleep-and-night-time-care"]), "service_amount": .value("24"), "service_unit": .value("nights-per-year"),
        ]]),
        "next_review_date": .value("2026-09-01"),
    ]

    @Test("an assessment moves along its status flow, and an illegal move is refused")
    func statusFlow() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let cin = try #require(try await server.store.caseRecord(file.id, viewedBy: assessor.actingUser).assessments.first { $0.kind == .childInNeed })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("hollis@example.org")
            let moved = try await browser.submit("/cases/\(file.id)", to: "/cases/\(file.id)/assessments/\(cin.id)/status", [("status", "offered")])
            #expect(moved.status == .seeOther)
            #expect(try await server.store.assessment(cin.id)?.status == .offered)
            let illegal = try await browser.submit("/cases/\(file.id)", to: "/cases/\(file.id)/assessments/\(cin.id)/status", [("status", "authorised")])
            #expect(illegal.status == .unprocessableContent)
            #expect(illegal.contains("An assessment that is offered cannot become authorised: it may only move to accepted or declined. Nothing was changed."), "in words, without ids")
        }
    }

    @Test("needs become provision with legal basis, amount, period and provider; a delivery short of plan needs a reason; the family sees what is behind")
    func provisionAndDelivery() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var assessor = browser
            _ = try await assessor.signIn("hollis@example.org")
            let needPage = "/cases/\(file.id)/needs/new"
            let missing = try await assessor.submit(needPage, [("description", "")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.contains("Select the area of life"))
            let saved = try await assessor.submit(needPage, [
                ("area", "sleep-and-night-time-care"), ("description", "Needs settling several times a night"),
                ("parent_view", "We have not slept through for two years"), ("assessor_view", "Severe night-time care needs"),
            ])
            #expect(saved.status == .seeOther)
            let need = try #require(try await server.store.caseRecord(file.id, viewedBy: parent.actingUser).needs.first)

            let provisionPage = "/cases/\(file.id)/provision/new"
            let noNeed = try await assessor.submit(provisionPage, [
                ("service", "overnight-short-break"), ("description", "Overnight short breaks at Foxglove Lodge"), ("quantity", "24"), ("unit", "nights-per-year"),
                ("start_date-day", "2"), ("start_date-month", "1"), ("start_date-year", "2026"), ("provider", "Foxglove Lodge"), ("legal_basis", "csdpa-s2"),
            ])
            #expect(noNeed.status == .unprocessableContent)
            #expect(noNeed.contains("Select the assessed needs this provision meets"))
            let agreed = try await assessor.submit(provisionPage, [
                ("needs", need.id.description), ("service", "overnight-short-break"), ("description", "Overnight short breaks at Foxglove Lodge"),
                ("quantity", "24"), ("unit", "nights-per-year"), ("start_date-day", "2"), ("start_date-month", "1"), ("start_date-year", "2026"),
                ("provider", "Foxglove Lodge"), ("legal_basis", "csdpa-s2"),
            ])
            #expect(agreed.status == .seeOther)
            let provision = try #require(try await server.store.caseRecord(file.id, viewedBy: parent.actingUser).provisions.first)
            #expect(provision.legalBasis == .csdpaSection2)
            #expect(provision.legalBasis.ehcSection == .h1)

            let deliveryPage = "/cases/\(file.id)/provision/\(provision.id)/deliveries/new"
            let noReason = try await assessor.submit(deliveryPage, [
                ("period_start-day", "2"), ("period_start-month", "1"), ("period_start-year", "2026"), ("period_end-day", "28"), ("period_end-month", "2"),
                ("period_end-year", "2026"), ("planned_units", "4"), ("delivered_units", "0"),
            ])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.contains("Select why was less delivered than planned") || noReason.contains("Select an answer: Why was less delivered than planned?"))
            let recorded = try await assessor.submit(deliveryPage, [
                ("period_start-day", "2"), ("period_start-month", "1"), ("period_start-year", "2026"), ("period_end-day", "28"), ("period_end-month", "2"),
                ("period_end-year", "2026"), ("planned_units", "4"), ("delivered_units", "0"), ("reason", "provider-closed"), ("cancelled_by", "provider"),
            ])
            #expect(recorded.status == .seeOther)
            #expect(recorded.location?.contains("done=delivery") == true, "the page will say the delivery was recorded")

            var family = Browser(client: browser.client)
            _ = try await family.signIn("rhian@example.org")
            let page = try await family.get("/family/cases/\(file.id)")
            #expect(page.contains("Needs settling several times a night"))
            #expect(page.contains("We have not slept through for two years"))
            #expect(page.contains("Overnight short breaks at Foxglove Lodge"))
            #expect(page.contains("nights missed"))
            #expect(page.contains("Provider closed"))
        }
    }

    @Test("the family reads a report, adds comments beside it, and reports a session that did not happen")
    func familyComments() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let assessor = try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let report = CaseReport(
            caseID: file.id, assessmentID: nil, formID: "child-in-need-assessment", formVersion: 1, title: "Child in need assessment",
            answers: ["child_views": .text("Quillon likes the trampoline.")], author: assessor.actingUser, submittedOn: TestServer.today)
        try await server.store.submitReport(report, draftOwner: nil, draftPurpose: nil, by: assessor.actingUser)
        let need = Need(caseID: file.id, area: .leisureAndCommunity, description: "Help to go to a weekly club", parentView: "", assessorView: "Needed", outcomeSought: "", identifiedOn: TestServer.today)
        try await server.store.saveNeed(need, by: assessor.actingUser)
        let provision = try Provision(
            caseID: file.id, needIDs: [need.id], service: .activityAccess, description: "Saturday club support", amount: try ProvisionAmount(3, .hoursPerWeek),
            startDate: TestServer.today.adding(days: -30), provider: "Tidewell Play Scheme", legalBasis: .section17)
        try await server.store.saveProvision(provision, by: assessor.actingUser)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let casePage = "/family/cases/\(file.id)"
            let page = try await browser.get(casePage)
            #expect(page.contains("Quillon likes the trampoline."))
            let empty = try await browser.submit(casePage, to: "\(casePage)/reports/\(report.id)/comments", [("comment", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.contains("Enter your comments"))
            let commented = try await browser.submit(casePage, to: "\(casePage)/reports/\(report.id)/comments", [("comment", "He also loves swimming.")])
            #expect(commented.status == .seeOther)
            do {
                let response = try await browser.get(casePage)
                #expect(response.contains("He also loves swimming."))
            }

            let future = try await browser.submit("\(casePage)/missed-session", [
                ("provision", provision.id.description), ("session_date-day", "1"), ("session_date-month", "4"), ("session_date-year", "2026"), ("what_happened", "Nobody came"),
            ])
            #expect(future.status == .unprocessableContent)
            #expect(future.contains("The date of the session must be today or in the past"))
            let reported = try await browser.submit("\(casePage)/missed-session", [
                ("provision", provision.id.description), ("session_date-day", "28"), ("session_date-month", "2"), ("session_date-year", "2026"),
                ("what_happened", "The support worker did not come and nobody rang"),
            ])
            #expect(reported.status == .seeOther)
            #expect(try await server.store.missedSessions(ofCase: file.id).count == 1)
            var staff = Browser(client: browser.client)
            _ = try await staff.signIn("hollis@example.org")
            do {
                let response = try await staff.get("/cases/\(file.id)")
                #expect(response.contains("The support worker did not come and nobody rang"))
            }
        }
    }
}
