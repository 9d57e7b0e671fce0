// A case: one child and family, the request that opened it, the routing decision and the manager's word on it.
import Foundation

/// The case opened from a needs request. The routing is kept as made; a manager's decision sits beside it.
public struct CaseFile: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<CaseFile>
    public let id: ID
    /// The reference the family is given when the request is received (e.g. `HD-3F9A21C077B1`).
    public let reference: String
    public var child: Child
    public var family: Family
    public let request: NeedsRequest
    public let routing: RoutingRecord
    public private(set) var managerDecision: ManagerDecision?
    public var team: Team
    public let openedOn: CalendarDate

    public init(
        id: ID = ID(), child: Child, family: Family, request: NeedsRequest, routing: RoutingRecord,
        managerDecision: ManagerDecision? = nil, team: Team? = nil
    ) {
        self.id = id
        self.reference = CaseFile.reference(for: id)
        self.child = child
        self.family = family
        self.request = request
        self.routing = routing
        self.managerDecision = managerDecision
        self.team = team ?? managerDecision?.outcome.team ?? routing.outcome?.team ?? .duty
        self.openedOn = request.receivedOn
    }

    /// The outcome that applies now: the manager's if they decided, otherwise the routing's; nil while the
    /// tables could not decide and no manager has.
    public var outcome: RoutingOutcome? { managerDecision?.outcome ?? routing.outcome }

    /// How soon the family needs a response: as triage decided, or as the family asked until a manager triages.
    public var urgency: Urgency {
        if let triaged = managerDecision?.triage?.urgency { return triaged }
        guard case .choice(let answer)? = request.answers["urgency"] else { return .routine }
        return Urgency(familyAnswer: answer)
    }

    /// A short reference a parent can read out on the phone, derived from the id so it needs no counter. Twelve
    /// hex digits (48 bits): with eight, two of 100,000 cases shared a reference more often than not (the
    /// birthday bound is about 77,000), and the store refuses a second case with the same reference.
    public static func reference(for id: ID) -> String {
        "HD-" + id.description.replacingOccurrences(of: "-", with: "").prefix(12).uppercased()
    }

    /// The assessments a new case starts with, from the routing: the child in need assessment, a parent carer
    /// assessment per eligible carer and a young carer assessment per young carer when routed. Never a s47
    /// record: that waits for a manager (see `applying(_:existing:calendar:)`). None at all while the routing
    /// is undecided.
    public func initialAssessments(calendar: WorkingDayCalendar) -> [Assessment] {
        var assessments: [Assessment] = []
        guard let outcome else { return [] }
        let day0 = request.receivedOn
        if outcome.childInNeedAssessment {
            assessments.append(Assessment(caseID: id, kind: .childInNeed, requestedOn: day0, calendar: calendar))
        }
        if outcome.parentCarerAssessment {
            let eligible = family.carers.filter { $0.hasParentalResponsibility && $0.isAdult }
            for carer in eligible.isEmpty ? [nil] : eligible.map(Optional.some) {
                assessments.append(Assessment(caseID: id, kind: .parentCarer, subject: carer?.name, requestedOn: day0, calendar: calendar))
            }
        }
        if outcome.youngCarerAssessment {
            for sibling in family.youngCarers.isEmpty ? [nil] : family.youngCarers.map(Optional.some) {
                assessments.append(Assessment(caseID: id, kind: .youngCarer, subject: sibling, requestedOn: day0, calendar: calendar))
            }
        }
        return assessments
    }

    /// The case with a manager's decision applied, and any assessments it adds: a s47 record when the
    /// decision confirms a strategy discussion (its 15 working days to the initial child protection conference run
    /// from the strategy discussion, or from the decision when no date is recorded), and any assessment the manager
    /// added that the routing did not ask for (its clock runs from the referral). Assessments already open are never
    /// removed: the child in need assessment continues alongside any s47 enquiry.
    public func applying(
        _ decision: ManagerDecision, existing: [Assessment], calendar: WorkingDayCalendar
    ) throws(CaseworkError) -> (CaseFile, [Assessment]) {
        guard managerDecision == nil else {
            throw .invalid(field: "managerDecision", message: "case \(reference) already has a manager's decision from \(managerDecision!.decidedOn.long)")
        }
        var copy = self
        copy.managerDecision = decision
        copy.team = decision.outcome.team
        var added: [Assessment] = []
        let kinds = Set(existing.map(\.kind))
        let wanted: [(Bool, AssessmentKind)] = [
            (decision.outcome.childInNeedAssessment, .childInNeed),
            (decision.outcome.parentCarerAssessment, .parentCarer),
            (decision.outcome.youngCarerAssessment, .youngCarer),
        ]
        // The statutory clock runs from the referral (day 0), not from the manager's decision.
        for (asked, kind) in wanted where asked && !kinds.contains(kind) {
            added.append(Assessment(caseID: id, kind: kind, requestedOn: request.receivedOn, calendar: calendar))
        }
        if decision.outcome.section47 && !kinds.contains(.section47) {
            added.append(Assessment(caseID: id, kind: .section47, requestedOn: decision.strategyDiscussionOn ?? decision.decidedOn, calendar: calendar))
        }
        return (copy, added)
    }
}
