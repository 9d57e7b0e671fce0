// A review of a plan or a short break (F6): due on a date, held (or not) on another.

/// A review that is due. It is overdue when the due date passes and it has not been held.
public struct Review: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Review>
    public let id: ID
    public let caseID: CaseFile.ID
    public let kind: ReviewKind
    public var dueOn: CalendarDate
    public var heldOn: CalendarDate?
    public var decision: String?

    public init(id: ID = ID(), caseID: CaseFile.ID, kind: ReviewKind, dueOn: CalendarDate, heldOn: CalendarDate? = nil, decision: String? = nil) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.dueOn = dueOn
        self.heldOn = heldOn
        self.decision = decision
    }
}

/// F6 review types.
public enum ReviewKind: String, Sendable, Hashable, Codable, CaseIterable {
    case childInNeedPlan = "cin-plan"
    case parentCarer = "parent-carer"
    case shortBreakS17 = "short-break-s17"
    case shortBreakReg48 = "short-break-s20-reg48"
    case ehcAnnual = "ehc-annual-review"

    /// How long after a plan or the last review the next is due (CIN plans and s17 short breaks: at most 6 months).
    public var interval: Int { self == .ehcAnnual ? 12 : 6 }
}
