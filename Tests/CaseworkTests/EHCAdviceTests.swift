// EHC social care advice: what blocks it and what only warns.
import Casework
import Store
import Forms
import Testing

@Suite("EHC social care advice")
struct EHCAdviceTests {
    let file = mayasCase()
    static let sixHours = try! ProvisionAmount(6, .hoursPerWeek)

    func advice(basis: AdviceBasis? = .newSection17Assessment, notKnown: Bool = false, items: (SectionDNeed) -> [EHCProvisionItem]) -> EHCAdvice {
        let sectionD = SectionDNeed(area: .personalCare, need: "Needs two-person help with intimate care", impact: "Mother has injured her back")
        return EHCAdvice(caseID: file.id, ehcRequestReference: "EHC-2025-0412", requestedOn: day("2025-12-01"), author: "A. Okafor", team: .disabledChildren,
                         basis: basis, notKnownToService: notKnown, sectionD: [sectionD], provision: items(sectionD), calendar: .englandAndWales)
    }

    @Test("advice is due six weeks after the request")
    func deadline() {
        #expect(advice { _ in [] }.deadline.date == day("2026-01-12"))
    }

    @Test("good advice links each H1 item to a section D need and names its CSDPA head")
    func valid() throws {
        let good = advice { need in [EHCProvisionItem(description: "Personal care at home, 6 hours a week", section: .h1, csdpaHead: .practicalAssistanceAtHome, amount: Self.sixHours, meets: [need.id])] }
        #expect(good.problems(in: .none, today: day("2025-12-20")).isEmpty)
        let sent = try good.submitted(on: day("2025-12-20"), in: .none)
        #expect(sent.submittedOn == day("2025-12-20"))
    }

    @Test("\"not known to service\" is refused: the child must be assessed")
    func notKnownRefused() {
        let notKnown = advice(basis: nil, notKnown: true) { _ in [] }
        #expect(throws: EHCAdviceRefused.self) { try notKnown.submitted(on: day("2025-12-10"), in: .none) }
        let fields = notKnown.problems(in: .none, today: day("2025-12-10")).filter { $0.severity == .error }.map(\.field)
        #expect(fields.contains("known_to_social_care"))
        #expect(fields.contains("basis"))
    }

    @Test("H1 provision without a CSDPA head, unlinked provision, and provision that educates are errors")
    func itemErrors() {
        let bad = advice { need in [
            EHCProvisionItem(description: "Sitting service", section: .h1, amount: Self.sixHours, meets: [need.id]),
            EHCProvisionItem(description: "Swimming club", section: .h2, amount: Self.sixHours, meets: []),
            EHCProvisionItem(description: "Life skills teaching", section: .h2, amount: Self.sixHours, meets: [need.id], educatesOrTrains: true),
        ] }
        let errors = bad.problems(in: .none, today: day("2025-12-10")).filter { $0.severity == .error }.map(\.field)
        #expect(errors == ["provision_items[0].csdpa_head", "provision_items[1].provision_meets_needs", "provision_items[2].provision_educates_or_trains"])
    }

    @Test("linked provision must be in the case and under the duty of its section")
    func linkedProvision() throws {
        let washing = need(file)
        let s17 = try Provision(caseID: file.id, needIDs: [washing.id], service: .activityAccess, description: "Youth club", amount: ProvisionAmount(2, .sessionsPerMonth),
                                startDate: day("2025-12-01"), provider: "Harbour Youth", legalBasis: .section17)
        let wrong = advice { need in [EHCProvisionItem(description: "Youth club", section: .h1, csdpaHead: .recreation, amount: Self.sixHours, meets: [need.id], provisionID: s17.id)] }
        #expect(wrong.problems(in: EHCCaseContext(provisions: [s17], needs: [], childDateOfBirth: nil), today: day("2025-12-10")).map(\.field) == ["provision_items[0].provision_section"])
        #expect(wrong.problems(in: .none, today: day("2025-12-10")).map(\.field) == ["provision_items[0]"])
    }

    @Test("provision without an amount cannot go in a plan: it must be specific and quantified")
    func quantityRequired() {
        let vague = advice { need in [EHCProvisionItem(description: "Short breaks as needed", section: .h1, csdpaHead: .nonResidentialShortBreaks, meets: [need.id])] }
        #expect(vague.problems(in: .none, today: day("2025-12-10")).filter { $0.severity == .error }.map(\.field) == ["provision_items[0].provision_quantity"])
    }

    @Test("H1 is for children: for a young person of 18 or over, CSDPA s2 no longer applies and the provision goes in H2")
    func noH1For18Plus() {
        let item = advice { need in [EHCProvisionItem(description: "Personal care", section: .h1, csdpaHead: .practicalAssistanceAtHome, amount: Self.sixHours, meets: [need.id])] }
        let adult = EHCCaseContext(provisions: [], needs: [], childDateOfBirth: day("2007-11-30"))  // 18 the day before the request
        #expect(item.problems(in: adult, today: day("2025-12-10")).contains { $0.field == "provision_items[0].provision_section" && $0.message.contains("Care Act 2014") })
        let seventeen = EHCCaseContext(provisions: [], needs: [], childDateOfBirth: day("2007-12-02"))
        #expect(item.problems(in: seventeen, today: day("2025-12-10")).filter { $0.severity == .error }.isEmpty)
    }

    @Test("CSDPA s2 provision already agreed on the case must be in sections D and H1, or the author says why not")
    func csdpaProvisionCarried() throws {
        let washing = need(file)
        let sleep = need(file, .sleepAndNightTimeCare)
        let care = try hoursPerWeek(file, for: washing, from: "2025-06-02")
        let sitter = try hoursPerWeek(file, for: sleep, hours: 10, from: "2025-06-02")
        let context = EHCCaseContext(provisions: [care, sitter], needs: [washing, sleep], childDateOfBirth: day("2018-05-14"))
        // The advice carries personal care in D and H1, but leaves out the night sitter.
        let partial = advice { need in [EHCProvisionItem(description: "Personal care", section: .h1, csdpaHead: .practicalAssistanceAtHome, amount: Self.sixHours, meets: [need.id])] }
        let problems = partial.problems(in: context, today: day("2025-12-10")).filter { $0.severity == .error }
        #expect(problems.map(\.field) == ["csdpa_omission_reason"])
        #expect(problems[0].message.contains("sleep and night time care"))
        var explained = partial
        explained.csdpaOmissionReason = "The night sitter is being reviewed at the review on 15 January; it will be added then."
        #expect(explained.problems(in: context, today: day("2025-12-10")).filter { $0.severity == .error }.isEmpty)
    }

    @Test("the advice form starts with the case's needs as section D and its provision as H1 or H2, linked by number")
    func prefilled() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing, from: "2025-06-02")
        let answers = EHCCaseContext(provisions: [care], needs: [washing], childDateOfBirth: nil).adviceAnswers(on: day("2025-12-01"))
        guard case .items(let needs)? = answers["section_d_needs"], case .items(let items)? = answers["provision_items"] else {
            Issue.record("no section D needs or provision in \(answers)")
            return
        }
        #expect(needs.first?["need_area"] == .value("personal-care"))
        #expect(items.first?["provision_section"] == .value("H1"))
        #expect(items.first?["csdpa_head"] == .value("practical-assistance-at-home"))
        #expect(items.first?["provision_unit"] == .value("hours-per-week"))
        #expect(items.first?["provision_meets_needs"] == .value("1"))
    }

    @Test("a section D need with no provision, and advice past its deadline, are warnings")
    func warnings() {
        let late = advice { _ in [] }
        let problems = late.problems(in: .none, today: day("2026-01-13"))
        #expect(problems.allSatisfy { $0.severity == .warning })
        #expect(problems.map(\.field) == ["section_d_needs[0]", "date_requested"])
    }

    func adviceForm(_ answers: [String: SubmittedAnswer], formID: String = CaseReport.ehcAdviceFormID) -> CaseReport {
        var all: [String: SubmittedAnswer] = [
            "ehc_request_ref": .text("EHC-2025-0412"), "date_requested": .date(day("2025-12-01")), "author": .text("A. Okafor"),
            "team": .choice("disabled-children"), "basis": .choice("new-s17-assessment"), "known_to_social_care": .yesNo(false),
            "section_d_needs": .items([
                ["need_area": .choice("personal-care"), "need_description": .text("Two adults for intimate care"), "need_impact": .text("Mother's back")],
                ["need_area": .choice("leisure-and-community"), "need_description": .text("Support to join a club"), "need_impact": .text("Isolated at weekends")],
            ]),
        ]
        all.merge(answers) { _, new in new }
        return CaseReport(caseID: file.id, assessmentID: nil, formID: formID, formVersion: 1, title: "EHC advice", answers: all,
                          author: ActingUser(id: "a.okafor", role: .assessor), submittedOn: day("2025-12-20"))
    }

    @Test("a submitted advice form becomes the advice record: numbered needs link to section D, and the report's id is kept")
    func fromForm() throws {
        let report = adviceForm(["provision_items": .items([[
            "provision_description": .text("Weekend club with a support worker"), "provision_section": .choice("H1"), "csdpa_head": .choice("recreation"),
            "provision_quantity": .number("2"), "provision_unit": .choice("sessions-per-month"), "provision_meets_needs": .text("1 and 2"),
            "provision_educates_or_trains": .yesNo(false),
        ]])])
        let advice = try #require(try report.ehcAdvice(in: .none, calendar: .englandAndWales))
        #expect(advice.id.uuid == report.id.uuid)
        #expect(advice.submittedOn == day("2025-12-20"))
        #expect(advice.notKnownToService == false, "not known before, but assessed now under s17: that is advice")
        #expect(advice.sectionD.map(\.area) == [.personalCare, .leisureAndCommunity])
        #expect(advice.provision.first?.meets == advice.sectionD.map(\.id))
        #expect(advice.provision.first?.amount == (try ProvisionAmount(2, .sessionsPerMonth)))
        #expect(try adviceForm([:], formID: CaseReport.childInNeedFormID).ehcAdvice(in: .none, calendar: .englandAndWales) == nil)
    }

    @Test("a need number not in section D, an amount without its unit, and \"not known\" without an assessment are refused, all at once, each naming its question once")
    func fromFormRefused() {
        let report = adviceForm([
            "basis": .choice("existing-advice-agreed"),
            "provision_items": .items([[
                "provision_description": .text("Sitting service"), "provision_section": .choice("H2"), "provision_quantity": .number("3"),
                "provision_meets_needs": .text("4"), "provision_educates_or_trains": .yesNo(false),
            ]]),
        ])
        #expect {
            _ = try report.ehcAdvice(in: .none, calendar: .englandAndWales)
        } throws: { error in
            let fields = (error as? EHCAdviceRefused)?.problems.map(\.field) ?? []
            return fields == ["provision_items[0].provision_unit", "provision_items[0].provision_meets_needs", "known_to_social_care"]
        }
        let notKnown = adviceForm(["basis": .choice("existing-advice-agreed"), "no_needs_reason": .text("None"), "section_d_needs": .items([])])
        #expect {
            _ = try notKnown.ehcAdvice(in: .none, calendar: .englandAndWales)
        } throws: { error in
            (error as? EHCAdviceRefused)?.problems.map(\.field) == ["known_to_social_care"]
        }
    }

    @Test("advice answers with an area or plan section Heeded does not know, or no team, are refused naming the question, not read as other, H1 or the disabled children's team")
    func unknownCodesRefused() {
        let report = adviceForm([
            "team": .choice(""),
            "section_d_needs": .items([["need_area": .choice("flying"), "need_description": .text("Two adults for intimate care"), "need_impact": .text("Mother's back")]]),
            "provision_items": .items([[
                "provision_description": .text("Sitting service"), "provision_section": .choice("H3"), "provision_quantity": .number("3"),
                "provision_unit": .choice("hours-per-week"), "provision_meets_needs": .text("1"), "provision_educates_or_trains": .yesNo(false),
            ]]),
        ])
        #expect {
            _ = try report.ehcAdvice(in: .none, calendar: .englandAndWales)
        } throws: { error in
            let fields = (error as? EHCAdviceRefused)?.problems.map(\.field) ?? []
            return fields == ["section_d_needs[0].need_area", "provision_items[0].provision_section", "team"]
        }
    }
}
