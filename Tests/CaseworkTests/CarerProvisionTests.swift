// A parent carer assessment (version 4) records each of the parent carer's needs for support, and the support the
// council agrees for a need becomes provision for it, so an unmet carer's need is seen like a child's.
import Casework
import FEEL
import Forms
import Foundation
import Testing

@Suite("Needs and provision from a parent carer assessment")
struct CarerProvisionTests {
    let library: FormLibrary
    let file = mayasCase()

    init() throws {
        library = try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
    }

    /// Rosalind's assessment as Maya's mother: two needs for support, one with overnight sitting agreed.
    func report(version: Int? = nil, revision: CaseReport.Revision? = nil, _ change: (inout [String: RawAnswer]) -> Void = { _ in }) throws -> CaseReport {
        var raw: [String: RawAnswer] = [
            "pcna_trigger": .value("request"), "request_date": .value("2025-12-01"), "start_date": .value("2025-12-08"),
            "assessor": .value("A. Okafor"), "has_parental_responsibility": .value("yes"), "aged_18_plus": .value("yes"),
            "willing_to_continue": .value("yes-with-changes"), "able_to_continue": .value("yes-with-support"),
            "assessor_view_continue": .value("yes-with-support"), "assessor_view_reasons": .value("Rosalind has not slept a night through in a year."),
            "plan_exists": .value("no"), "work_wishes": .value("no-wants-to"), "study_wishes": .value("no-not-now"),
            "training_wishes": .value("no-not-now"), "leisure_wishes": .value("yes-wants-more"),
            "wishes_prevented_by_caring": .value("Going back to work two days a week."),
            "needs_for_support_identified": .value("yes"), "s17zf_services_to_be_provided": .value("yes"),
            "s17zf_reasons": .value("Overnight sitting lets her sleep; a work plan is for later."),
            "carer_needs": .items([
                ["carer_need": .value("A full night's sleep at least twice a week"), "support_service": .value("Overnight sitting service"),
                 "support_type": .value("home-care"), "support_amount": .value("2"), "support_unit": .value("sessions-per-month"),
                 "support_provider": .value("Crossways Care"), "support_start": .value("2026-01-05")],
                ["carer_need": .value("Help to plan going back to work")],
            ]),
        ]
        change(&raw)
        let form = try #require(version.map { library.form(CaseReport.parentCarerFormID, version: $0) } ?? library.form(CaseReport.parentCarerFormID))
        let checked = form.check(raw, library: library, today: FEELDate(iso: "2025-12-20")!)
        #expect(checked.isValid, "\(checked.problems)")
        return CaseReport(
            caseID: file.id, assessmentID: Assessment.ID(), formID: form.id, formVersion: form.version, title: form.title,
            answers: checked.answers.values.compactMapValues(SubmittedAnswer.init), author: assessor, submittedOn: day("2025-12-20"),
            revision: revision)
    }

    @Test("each need for support is recorded, in support for the parent carer, whether or not support is agreed for it")
    func needsRecorded() throws {
        let needs = try report().assessedNeeds(request: nil)
        #expect(needs.map(\.description) == ["A full night's sleep at least twice a week", "Help to plan going back to work"])
        #expect(needs.allSatisfy { $0.area == .parentCarerSupport && $0.identifiedOn == day("2025-12-20") })
    }

    @Test("the support agreed for a need becomes provision for that need, under s17 after a parent carer assessment")
    func supportBecomesProvision() throws {
        let sent = try report()
        let needs = sent.assessedNeeds(request: nil)
        let provision = try sent.decidedProvision(meeting: needs)
        #expect(provision.count == 1, "the need with no support agreed yet makes no provision")
        let sitting = try #require(provision.first)
        #expect(sitting.needIDs == [needs[0].id])
        #expect(sitting.legalBasis == .section17ZDLinked)
        #expect(sitting.service == .homeCare)
        #expect(sitting.description == "Overnight sitting service")
        #expect(sitting.amount == (try ProvisionAmount(2, .sessionsPerMonth)))
        #expect(sitting.startDate == day("2026-01-05"))
        #expect(sitting.provider == "Crossways Care")
    }

    @Test("when the council decides to provide no services, the needs are still recorded and no provision is made")
    func noServicesDecided() throws {
        let refused = try report { $0["s17zf_services_to_be_provided"] = .value("no") }
        let needs = refused.assessedNeeds(request: nil)
        #expect(needs.count == 2)
        #expect(try refused.decidedProvision(meeting: needs).isEmpty)
    }

    @Test("a revision keeps the needs that say the same, closes the one it no longer records, and makes no provision again")
    func revisionKeepsNeeds() throws {
        let first = try report()
        let recorded = first.needRecords(request: nil, recorded: [])
        let again = try report(revision: try CaseReport.Revision(revises: first.id, reason: "Work is no longer a need")) {
            $0["carer_needs"] = .items([
                ["carer_need": .value("A full night's sleep at least twice a week"), "support_service": .value("Overnight sitting service"),
                 "support_type": .value("home-care"), "support_amount": .value("2"), "support_unit": .value("sessions-per-month")],
            ])
        }
        let revised = CaseReport(
            id: again.id, caseID: again.caseID, assessmentID: first.assessmentID, formID: again.formID, formVersion: again.formVersion,
            title: again.title, answers: again.answers, author: again.author, submittedOn: day("2026-01-10"), revision: again.revision)
        let records = revised.needRecords(request: nil, recorded: recorded)
        #expect(records.count == 2)
        #expect(records[0].id == recorded[0].id, "the same need keeps its id, so provision for it stays linked")
        #expect(records[0].identifiedOn == day("2025-12-20"))
        #expect(records[1].id == recorded[1].id && records[1].closedOn == day("2026-01-10"))
        #expect(try revised.decidedProvision(meeting: records).isEmpty)
    }

    @Test("an assessment written on version 3, which did not ask each need, records no needs and no provision")
    func earlierVersion() throws {
        let v3 = try report(version: 3) {
            $0["carer_needs"] = nil
            $0["support"] = .items([["support_service": .value("Overnight sitting service")]])
        }
        #expect(v3.formVersion == 3)
        #expect(v3.assessedNeeds(request: nil).isEmpty)
        #expect(try v3.decidedProvision(meeting: []).isEmpty)
    }
}
