// A fresh store in a temporary directory, and an invented family with one of everything.
import Casework
import Foundation
import Store

func day(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return date
}

let assessor = ActingUser(id: "a.okafor", role: .assessor)
let manager = ActingUser(id: "m.lindqvist", role: .manager)
let parent = ActingUser(id: "parent-0042", role: .parent)

/// A store in its own temporary data directory, removed when the test's value goes away.
final class TemporaryStore: Sendable {
    let directory: URL
    let store: SQLiteCaseStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-store-\(UUID().uuidString)")
        store = try SQLiteCaseStore(directory: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// Idris Achterberg, 11, with cerebral palsy; his father asked for help with personal care and short breaks.
struct IdrisFamily {
    let file: CaseFile
    let assessments: [Assessment]
    let need: Need
    let provision: Provision
    let deliveries: [Delivery]
    let advice: EHCAdvice
    let stay: OvernightStay
    let review: Review

    init(outcome: RoutingOutcome? = nil) throws {
        let routing = RoutingRecord(
            outcome: outcome ?? RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: true, youngCarerAssessment: true, section47: false, team: .disabledChildren),
            reasons: ["A disabled child: assessment by the disabled children's team.", "The father asked for his own assessment."],
            tables: [DecisionTableVersion(table: "routing", version: "2025-11")],
            firedRules: [FiredRule(table: "routing", rule: "R3"), FiredRule(table: "carers", rule: "R1")])
        file = CaseFile(
            child: Child(givenName: "Idris", familyName: "Achterberg", dateOfBirth: day("2014-03-09"), disabilities: [.mobility, .handFunction, .personalCare]),
            family: Family(carers: [ParentCarer(name: "Joost Achterberg", relationship: "father")], youngCarers: ["Saskia Achterberg"]),
            request: NeedsRequest(
                formID: "needs-request", formVersion: 2, receivedOn: day("2025-09-01"), submittedBy: parent, referralSource: "1A",
                answers: [
                    "child_name": .text("Idris"), "adult": .yesNo(true), "requests": .choices(["help-at-home", "short-breaks-overnight"]),
                    "strain": .choice("severe"), "hours_caring": .number("70.5"), "diagnosis_date": .date(day("2016-01-20")),
                    "siblings": .items([["name": .text("Saskia"), "age": .number("14")]]),
                ]),
            routing: routing)
        assessments = file.initialAssessments(calendar: .englandAndWales)
        need = Need(caseID: file.id, assessmentID: assessments.first?.id, area: .personalCare, description: "Help with washing, dressing and toileting",
                    parentView: "I lift him six times a day and my back is going", assessorView: "Two-person handling needed for transfers",
                    outcomeSought: "Idris is washed and dressed safely without his father lifting him", identifiedOn: day("2025-10-01"))
        provision = try Provision(caseID: file.id, needIDs: [need.id], service: .homeCare, description: "Personal care, mornings",
                                  amount: ProvisionAmount(7.5, .hoursPerWeek), startDate: day("2025-10-06"), endDate: day("2026-10-04"),
                                  provider: "Brightwater Care", legalBasis: .csdpaSection2)
        deliveries = [
            try Delivery(provisionID: provision.id, periodStart: day("2025-10-06"), periodEnd: day("2025-10-12"), plannedUnits: 7.5, deliveredUnits: 7.5),
            try Delivery(provisionID: provision.id, periodStart: day("2025-10-13"), periodEnd: day("2025-10-19"), plannedUnits: 7.5, deliveredUnits: 3,
                         cancelledBy: .provider, reason: .staffUnavailable, notes: "Carer off sick; no cover"),
        ]
        let sectionD = SectionDNeed(area: .personalCare, need: "Needs two-person help with personal care", impact: "Father's health at risk", caseNeedID: need.id)
        advice = EHCAdvice(caseID: file.id, ehcRequestReference: "EHC-2025-1177", requestedOn: day("2025-10-20"), author: "A. Okafor", team: .disabledChildren,
                           basis: .newSection17Assessment, sectionD: [sectionD],
                           provision: [EHCProvisionItem(description: "Personal care 7.5 hours a week", section: .h1, csdpaHead: .practicalAssistanceAtHome,
                                                        amount: try ProvisionAmount(7.5, .hoursPerWeek), provider: "Brightwater Care", meets: [sectionD.id], provisionID: provision.id)], calendar: .englandAndWales)
        stay = try OvernightStay(caseID: file.id, provisionID: provision.id, carer: "Larkspur House", firstNight: day("2025-11-14"), nights: 2, legalBasis: .section20Reg48ShortBreak)
        review = Review(caseID: file.id, kind: .childInNeedPlan, dueOn: day("2026-04-01"))
    }

    /// Stores everything, as an assessor would over a few weeks.
    func store(in store: SQLiteCaseStore) async throws {
        try await store.receive(ReceivedRequest(file: file, assessments: assessments), ownedBy: nil, by: parent)
        try await store.saveNeed(need, by: assessor)
        try await store.saveProvision(provision, by: assessor)
        for delivery in deliveries { try await store.recordDelivery(delivery, inCase: file.id, by: assessor) }
        try await store.saveEHCAdvice(advice, by: assessor)
        try await store.recordOvernightStay(stay, by: assessor)
        try await store.saveReview(review, by: assessor)
    }
}
