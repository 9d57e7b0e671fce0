// A child in need assessment written on the shipped form (version 2) becomes need records with the family's view
// beside the assessor's: their words in the assessment where the assessor wrote them, otherwise from their request.
import Casework
import FEEL
import Forms
import Testing

@Suite("Needs from a child in need assessment, with the family's view")
struct AssessmentFormTests {
    let library: FormLibrary
    let file = mayasCase()

    init() throws {
        library = try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
    }

    /// Maya's request, in which her mother described mornings and nights.
    var request: NeedsRequest {
        NeedsRequest(
            formID: "needs-request", formVersion: 2, receivedOn: day("2025-12-01"), submittedBy: parent, referralSource: "1A",
            answers: [
                "child_name": .text("Maya"),
                "personal_care_details": .text("She needs help with everything in the bathroom."),
                "sleep_details": .text("She is awake most of the night."),
            ])
    }

    /// Maya's assessment, complete, with her needs in personal care and sleep; `change` alters one thing.
    func report(_ change: (inout [String: RawAnswer]) -> Void = { _ in }) throws -> CaseReport {
        var raw: [String: RawAnswer] = [
            "assessment_start_date": .value("2025-12-08"), "assessor": .value("A. Okafor"), "assessor_knows_condition": .value("yes"),
            "manager": .value("M. Lindqvist"), "proportionality": .value("standard"),
            "disability_codes": .values(["COMM", "PC"]), "primary_need": .value("N2"),
            "child_seen_date": .value("2025-12-15"), "child_seen_alone": .value("no"),
            "child_seen_with": .value("Her mother, Rosalind Penhallow"),
            "child_not_seen_alone_reason": .value("Maya becomes distressed with a stranger unless her mother is there."),
            "child_views": .value("Maya showed us the bath toys she likes and pushed away the flannel."), "views_how_obtained": .value("observation"),
            "parents_views": .value("We love her to bits and we are exhausted."),
            "parents_wishes_for_child": .value("To sleep, and to be happy at school."),
            "parents_ideas_for_help": .value("Someone to help in the mornings, and a night off now and then."),
            "personal_care_needs": .value("Needs two adults to wash and dress her each morning.\nResists being touched when tired."),
            "personal_care_severity": .value("severe"),
            "personal_care_parent_view": .value("Mornings take two hours and I have hurt my back."),
            "sleep_needs": .value("Wakes four times a night and needs settling."), "sleep_severity": .value("severe"),
            "parenting_capacity_concern": .value("no"),
            "significant_harm_concern": .value("no"), "harm_from_child_distress": .value("no"), "assessment_factors": .values(["6A"]),
            "analysis": .value("Maya's personal care and her nights are what the family most needs help with."),
            "outcomes": .items([["outcome_text": .value("Ready for school without a struggle"), "outcome_by_when": .value("2026-06-01"),
                                 "outcome_owner": .value("A. Okafor")]]),
            "child_is_disabled": .value("yes"), "child_in_need": .value("yes"), "legal_basis": .value("s17-csdpa"),
            "csdpa_s2_needs": .values(["practical-assistance-at-home"]),
            "services_decided": .items([["service_description": .value("Personal care at home, mornings"), "service_type": .value("home-care"),
                                         "service_legal_basis": .value("csdpa-s2"), "service_meets": .values(["personal-care"]),
                                         "service_amount": .value("5"), "service_unit": .value("hours-per-week")]]),
            "next_review_date": .value("2026-06-01"),
        ]
        change(&raw)
        let form = try #require(library.form(CaseReport.childInNeedFormID))
        #expect(form.version == 3)
        let checked = form.check(raw, library: library, today: FEELDate(iso: "2025-12-20")!)
        #expect(checked.isValid, "\(checked.problems)")
        return CaseReport(
            caseID: file.id, assessmentID: nil, formID: form.id, formVersion: form.version, title: form.title,
            answers: checked.answers.values.compactMapValues(SubmittedAnswer.init), author: assessor, submittedOn: day("2025-12-20"))
    }

    @Test("a child in need assessment with the family's view of an area gives a need with that view, in their words")
    func parentViewFromAssessment() throws {
        let needs = try report().assessedNeeds(request: request)
        let personalCare = try #require(needs.first { $0.area == .personalCare })
        #expect(personalCare.parentView == "Mornings take two hours and I have hurt my back.", "the assessment's record of the family's view, not the request's")
        #expect(personalCare.description == "Needs two adults to wash and dress her each morning.")
        #expect(personalCare.assessorView.hasSuffix("Help needed: severe."))
    }

    @Test("where the assessment has no view from the family for an area, the need keeps their words from the request")
    func parentViewFromRequest() throws {
        let needs = try report().assessedNeeds(request: request)
        let sleep = try #require(needs.first { $0.area == .sleepAndNightTimeCare })
        #expect(sleep.parentView == "She is awake most of the night.")
        let withoutRequest = try report().assessedNeeds(request: nil)
        #expect(withoutRequest.first { $0.area == .sleepAndNightTimeCare }?.parentView == "")
        #expect(withoutRequest.first { $0.area == .personalCare }?.parentView == "Mornings take two hours and I have hurt my back.")
    }

    @Test("the family's view alone does not make a need: an area is recorded only where the assessor wrote needs")
    func parentViewAloneIsNoNeed() throws {
        let needs = try report { $0["leisure_parent_view"] = .value("She would love to go swimming.") }.assessedNeeds(request: request)
        #expect(needs.map(\.area) == [.personalCare, .sleepAndNightTimeCare])
    }
}
