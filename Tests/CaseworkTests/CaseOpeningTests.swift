// Opening a case from a routed request, and the manager's confirmation or override.
import Casework
import Store
import Testing

@Suite("Opening a case")
struct CaseOpeningTests {
    @Test("a routed request opens a child in need and a parent carer assessment, both due in 45 working days")
    func initialAssessments() {
        let file = mayasCase()
        let assessments = file.initialAssessments(calendar: .englandAndWales)
        #expect(assessments.map(\.kind) == [.childInNeed, .parentCarer])
        #expect(assessments.allSatisfy { $0.deadline.date == day("2026-02-05") && $0.status == .requested })
        #expect(assessments[1].subject == "Rosalind Penhallow")
        #expect(file.reference.hasPrefix("HD-") && file.reference.count == 15)
    }

    @Test("a s47 recommendation opens no s47 record until a manager confirms it, and the child in need assessment carries on")
    func section47WaitsForManager() throws {
        let outcome = RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: false, youngCarerAssessment: false, section47: true, team: .assessmentAndIntervention)
        let file = mayasCase(outcome: outcome)
        let initial = file.initialAssessments(calendar: .englandAndWales)
        #expect(!initial.contains { $0.kind == .section47 })
        let (confirmed, added) = try file.applying(try .confirming(file.routing, by: manager, on: day("2025-12-02")), existing: initial, calendar: .englandAndWales)
        #expect(added.map(\.kind) == [.section47])
        #expect(added[0].deadline.date == day("2025-12-23"))
        #expect(confirmed.managerDecision?.kind == .confirmed)
    }

    @Test("a manager's override needs a reason and keeps the routing as made")
    func override() throws {
        let outcome = RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: false, youngCarerAssessment: false, section47: true, team: .assessmentAndIntervention)
        let file = mayasCase(outcome: outcome)
        var changed = outcome
        changed.section47 = false
        changed.team = .disabledChildren
        #expect(throws: CaseworkError.self) { try ManagerDecision.overriding(file.routing, with: changed, reason: "  ", by: manager, on: day("2025-12-02")) }
        #expect(throws: CaseworkError.notAllowed(who: assessor, action: "override a routing decision")) {
            try ManagerDecision.overriding(file.routing, with: changed, reason: "Explained police call", by: assessor, on: day("2025-12-02"))
        }
        let decision = try ManagerDecision.overriding(file.routing, with: changed, reason: "Police attended a meltdown and recorded no concern", by: manager, on: day("2025-12-02"))
        let (updated, added) = try file.applying(decision, existing: file.initialAssessments(calendar: .englandAndWales), calendar: .englandAndWales)
        #expect(added.isEmpty)
        #expect(updated.team == .disabledChildren)
        #expect(updated.routing.outcome?.section47 == true)
        #expect(updated.outcome?.section47 == false)
        #expect(throws: CaseworkError.self) { try updated.applying(decision, existing: [], calendar: .englandAndWales) }
    }

    @Test("a request the tables could not decide opens no assessment and waits with the duty team until a manager decides")
    func undecided() throws {
        let routing = RoutingRecord(outcome: nil, reasons: ["The team table could not decide (no rule matched), so a person will decide."], tables: [], firedRules: [])
        let file = CaseFile(child: mayasCase().child, family: mayasCase().family, request: mayasCase().request, routing: routing)
        #expect(file.team == .duty)
        #expect(file.initialAssessments(calendar: .englandAndWales).isEmpty)
        #expect(throws: CaseworkError.self) { try ManagerDecision.confirming(routing, by: manager, on: day("2025-12-02")) }
        let outcome = RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: true, youngCarerAssessment: false, section47: false, team: .disabledChildren)
        let decision = try ManagerDecision.overriding(routing, with: outcome, reason: "A disabled child; the family asked for help at home", by: manager, on: day("2025-12-02"))
        let (decided, added) = try file.applying(decision, existing: [], calendar: .englandAndWales)
        #expect(decided.team == .disabledChildren)
        #expect(added.map(\.kind) == [.childInNeed, .parentCarer])
        #expect(added.allSatisfy { $0.requestedOn == day("2025-12-01") && $0.deadline.date == day("2026-02-05") })
    }
}
