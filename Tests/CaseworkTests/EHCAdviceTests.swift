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
        #expect(fields.contains("not_known_to_service"))
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
        #expect(errors == ["provision[0].csdpa_head", "provision[1].meets", "provision[2].section"])
    }

    @Test("linked provision must be in the case and under the duty of its section")
    func linkedProvision() throws {
        let washing = need(file)
        let s17 = try Provision(caseID: file.id, needIDs: [washing.id], service: .activityAccess, description: "Youth club", amount: ProvisionAmount(2, .sessionsPerMonth),
                                startDate: day("2025-12-01"), provider: "Harbour Youth", legalBasis: .section17)
        let wrong = advice { need in [EHCProvisionItem(description: "Youth club", section: .h1, csdpaHead: .recreation, meets: [need.id], provisionID: s17.id)] }
        #expect(wrong.problems(knownProvisions: [s17], today: day("2025-12-10")).map(\.field) == ["provision[0].section"])
        #expect(wrong.problems(knownProvisions: [], today: day("2025-12-10")).map(\.field) == ["provision[0].provision"])
    }

    @Test("a section D need with no provision, and advice past its deadline, are warnings")
    func warnings() {
        let late = advice { _ in [] }
        let problems = late.problems(knownProvisions: [], today: day("2026-01-13"))
        #expect(problems.allSatisfy { $0.severity == .warning })
        #expect(problems.map(\.field) == ["section_d[0]", "due_date"])
    }
}
