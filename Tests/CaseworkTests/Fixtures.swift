// Invented families and helpers shared by the casework tests.
import Casework
import Foundation

func day(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return date
}

let assessor = ActingUser(id: "a.okafor", role: .assessor)
let manager = ActingUser(id: "m.lindqvist", role: .manager)
let parent = ActingUser(id: "parent-0001", role: .parent)

/// Maya Penhallow, 7, autistic, whose mother asked for help at home and overnight short breaks.
func mayasCase(receivedOn: CalendarDate = day("2025-12-01"), outcome: RoutingOutcome? = nil) -> CaseFile {
    let routing = RoutingRecord(
        outcome: outcome ?? RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: true, youngCarerAssessment: false, section47: false, team: .disabledChildren),
        reasons: ["A disabled child: child in need assessment by the disabled children's team."],
        tables: [DecisionTableVersion(table: "routing", version: "3")],
        firedRules: [FiredRule(table: "routing", rule: "disabled-child")])
    return CaseFile(
        child: Child(givenName: "Maya", familyName: "Penhallow", dateOfBirth: day("2018-05-14"), disabilities: [.autism, .communication]),
        family: Family(carers: [ParentCarer(name: "Rosalind Penhallow", relationship: "mother")]),
        request: NeedsRequest(
            formID: "needs-request", formVersion: 1, receivedOn: receivedOn, submittedBy: parent, referralSource: "1A",
            answers: ["child_name": .text("Maya"), "requests": .choices(["help-at-home", "short-breaks-overnight"])]),
        routing: routing)
}

func need(_ file: CaseFile, _ area: LifeArea = .personalCare, identifiedOn: CalendarDate = day("2025-01-06"), closedOn: CalendarDate? = nil) -> Need {
    Need(caseID: file.id, area: area, description: "Needs help with washing and dressing", parentView: "Mornings take two hours",
         assessorView: "Needs two-person support", outcomeSought: "Ready for school on time", identifiedOn: identifiedOn, closedOn: closedOn)
}

func hoursPerWeek(_ file: CaseFile, for need: Need, hours: Double = 6, from start: String = "2025-01-06", to end: String? = nil, provider: String? = "Brightwater Care") throws -> Provision {
    try Provision(
        caseID: file.id, needIDs: [need.id], service: .homeCare, description: "Personal care at home",
        amount: ProvisionAmount(hours, .hoursPerWeek), startDate: day(start), endDate: end.map(day), provider: provider, legalBasis: .csdpaSection2)
}

func summary(_ file: CaseFile) -> [CaseFile.ID: CaseSummary] {
    [file.id: CaseSummary(id: file.id, reference: file.reference, childName: file.child.fullName, team: file.team)]
}
