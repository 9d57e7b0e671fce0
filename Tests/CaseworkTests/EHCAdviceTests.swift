// EHC social care advice: what blocks it and what only warns.
import Casework
import Testing

@Suite("EHC social care advice")
struct EHCAdviceTests {
    let file = mayasCase()

    func advice(basis: AdviceBasis? = .newSection17Assessment, notKnown: Bool = false, items: (SectionDNeed) -> [EHCProvisionItem]) -> EHCAdvice {
        let sectionD = SectionDNeed(area: .personalCare, need: "Needs two-person help with intimate care", impact: "Mother has injured her back")
        return EHCAdvice(caseID: file.id, ehcRequestReference: "EHC-2025-0412", requestedOn: day("2025-12-01"), author: "A. Okafor", team: .disabledChildren,
                         basis: basis, notKnownToService: notKnown, sectionD: [sectionD], provision: items(sectionD))
    }

    @Test("advice is due six weeks after the request")
    func deadline() {
        #expect(advice { _ in [] }.deadline.date == day("2026-01-12"))
    }

    @Test("good advice links each H1 item to a section D need and names its CSDPA head")
    func valid() throws {
        let good = advice { need in [EHCProvisionItem(description: "Personal care at home, 6 hours a week", section: .h1, csdpaHead: .practicalAssistanceAtHome, meets: [need.id])] }
        #expect(good.problems(knownProvisions: [], today: day("2025-12-20")).isEmpty)
        let sent = try good.submitted(on: day("2025-12-20"), knownProvisions: [])
        #expect(sent.submittedOn == day("2025-12-20"))
    }

    @Test("\"not known to service\" is refused: the child must be assessed")
    func notKnownRefused() {
        let notKnown = advice(basis: nil, notKnown: true) { _ in [] }
        #expect(throws: EHCAdviceRefused.self) { try notKnown.submitted(on: day("2025-12-10"), knownProvisions: []) }
        let fields = notKnown.problems(knownProvisions: [], today: day("2025-12-10")).filter { $0.severity == .error }.map(\.field)
        #expect(fields.contains("known_to_social_care"))
        #expect(fields.contains("basis"))
    }

    @Test("H1 provision without a CSDPA head, unlinked provision, and provision that educates are errors")
    func itemErrors() {
        let bad = advice { need in [
            EHCProvisionItem(description: "Sitting service", section: .h1, meets: [need.id]),
            EHCProvisionItem(description: "Swimming club", section: .h2, meets: []),
            EHCProvisionItem(description: "Life skills teaching", section: .h2, meets: [need.id], educatesOrTrains: true),
        ] }
        let errors = bad.problems(knownProvisions: [], today: day("2025-12-10")).filter { $0.severity == .error }.map(\.field)
        #expect(errors == ["provision_items[0].csdpa_head", "provision_items[1].provision_meets_needs", "provision_items[2].provision_educates_or_trains"])
    }

    @Test("linked provision must be in the case and under the duty of its section")
    func linkedProvision() throws {
        let washing = need(file)
        let s17 = try Provision(caseID: file.id, needIDs: [washing.id], service: .activityAccess, description: "Youth club", amount: ProvisionAmount(2, .sessionsPerMonth),
                                startDate: day("2025-12-01"), provider: "Harbour Youth", legalBasis: .section17)
        let wrong = advice { need in [EHCProvisionItem(description: "Youth club", section: .h1, csdpaHead: .recreation, meets: [need.id], provisionID: s17.id)] }
        #expect(wrong.problems(knownProvisions: [s17], today: day("2025-12-10")).map(\.field) == ["provision_items[0].provision_section"])
        #expect(wrong.problems(knownProvisions: [], today: day("2025-12-10")).map(\.field) == ["provision_items[0]"])
    }

    @Test("a section D need with no provision, and advice past its deadline, are warnings")
    func warnings() {
        let late = advice { _ in [] }
        let problems = late.problems(knownProvisions: [], today: day("2026-01-13"))
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
        let advice = try #require(try report.ehcAdvice())
        #expect(advice.id.uuid == report.id.uuid)
        #expect(advice.submittedOn == day("2025-12-20"))
        #expect(advice.notKnownToService == false, "not known before, but assessed now under s17: that is advice")
        #expect(advice.sectionD.map(\.area) == [.personalCare, .leisureAndCommunity])
        #expect(advice.provision.first?.meets == advice.sectionD.map(\.id))
        #expect(advice.provision.first?.amount == (try ProvisionAmount(2, .sessionsPerMonth)))
        #expect(try adviceForm([:], formID: CaseReport.childInNeedFormID).ehcAdvice() == nil)
    }

    @Test("a need number not in section D, an amount without its unit, and \"not known\" without an assessment are refused, each naming its question")
    func fromFormRefused() {
        let report = adviceForm([
            "basis": .choice("existing-advice-agreed"),
            "provision_items": .items([[
                "provision_description": .text("Sitting service"), "provision_section": .choice("H2"), "provision_quantity": .number("3"),
                "provision_meets_needs": .text("4"), "provision_educates_or_trains": .yesNo(false),
            ]]),
        ])
        #expect {
            _ = try report.ehcAdvice()
        } throws: { error in
            let fields = (error as? EHCAdviceRefused)?.problems.map(\.field) ?? []
            return fields == ["provision_items[0].provision_unit", "provision_items[0].provision_meets_needs"]
        }
        let notKnown = adviceForm(["basis": .choice("existing-advice-agreed"), "no_needs_reason": .text("None"), "section_d_needs": .items([])])
        #expect {
            _ = try notKnown.ehcAdvice()
        } throws: { error in
            (error as? EHCAdviceRefused)?.problems.map(\.field) == ["known_to_social_care"]
        }
    }
}
