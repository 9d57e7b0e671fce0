// The one place Heeded decides what statutory or local work is overdue.

/// Work past its deadline: what a team manager chases each morning.
public struct OverdueWork: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A request nobody has decided on (triage and a manager's decision) within 1 working day.
        case referralDecision = "referral-decision"
        /// A request from a family in crisis nobody has decided on the day it arrived.
        case sameDayRequest = "same-day-request"
        case assessment
        /// A parent carer assessment triggered (by request or appearance of need) but not offered within
        /// `Timescale.parentCarerOffer`.
        case parentCarerNotOffered = "parent-carer-not-offered"
        case ehcAdvice = "ehc-advice"
        case review
    }

    public let kind: Kind
    public let caseID: CaseFile.ID
    public let caseReference: String
    public let childName: String
    public let team: Team
    /// What is overdue, in plain words ("child in need assessment (in progress)").
    public let what: String
    public let dueOn: CalendarDate
    public let workingDaysOverdue: Int

    /// Everything overdue on `asOf`, most overdue first.
    public static func find(_ inputs: OverdueInputs, asOf: CalendarDate, calendar: WorkingDayCalendar) -> [OverdueWork] {
        var found: [OverdueWork] = []
        func add(_ kind: Kind, _ caseID: CaseFile.ID, _ what: String, _ due: CalendarDate) {
            guard due < asOf, let summary = inputs.cases[caseID] else { return }
            found.append(OverdueWork(
                kind: kind, caseID: caseID, caseReference: summary.reference, childName: summary.childName, team: summary.team,
                what: what, dueOn: due, workingDaysOverdue: calendar.workingDays(from: due, to: asOf)))
        }
        for waiting in inputs.awaitingDecision {
            if waiting.urgency == .sameDay {
                // The form promises a family in crisis that a person reads the request the day it arrives.
                add(.sameDayRequest, waiting.summary.id, "same-day request (the family said they are in crisis), received \(waiting.receivedOn.long): no decision yet",
                    calendar.workingDay(onOrAfter: waiting.receivedOn))
            } else {
                let due = calendar.deadline(.referralDecision, from: waiting.receivedOn).date
                add(.referralDecision, waiting.summary.id, "decision on the \(waiting.urgency == .urgent ? "urgent " : "")request received \(waiting.receivedOn.long)", due)
            }
        }
        for assessment in inputs.assessments where assessment.status.isOpen {
            let status = assessment.status.words
            // One line per assessment: a parent carer assessment never offered and past its own deadline is
            // the assessment overdue, said with why.
            if assessment.kind == .parentCarer && assessment.status == .requested && assessment.deadline >= asOf {
                let offerBy = calendar.deadline(.parentCarerOffer, from: assessment.requestedOn).date
                add(.parentCarerNotOffered, assessment.caseID, "parent carer assessment requested on \(assessment.requestedOn.long), never offered", offerBy)
            } else {
                let never = assessment.kind == .parentCarer && assessment.status == .requested ? ", never offered" : ""
                add(.assessment, assessment.caseID, "\(assessment.kind.title) (\(status)\(never))", assessment.deadline)
            }
        }
        for advice in inputs.ehcAdvice where advice.submittedOn == nil {
            add(.ehcAdvice, advice.caseID, "EHC social care advice for \(advice.ehcRequestReference)", advice.deadline)
        }
        for review in inputs.reviews where review.heldOn == nil {
            add(.review, review.caseID, "\(review.kind.rawValue) review", review.dueOn)
        }
        // A family in crisis first, then the most overdue.
        return found.sorted {
            ($0.kind == .sameDayRequest ? 1 : 0, $0.workingDaysOverdue, $1.caseReference) > ($1.kind == .sameDayRequest ? 1 : 0, $1.workingDaysOverdue, $0.caseReference)
        }
    }
}

/// The plain values overdue work is computed from.
public struct OverdueInputs: Sendable {
    public var cases: [CaseFile.ID: CaseSummary]
    public var assessments: [AssessmentSummary]
    public var ehcAdvice: [AdviceSummary]
    public var reviews: [Review]
    /// Requests with no manager's decision yet.
    public var awaitingDecision: [WaitingRequest]

    public init(
        cases: [CaseFile.ID: CaseSummary], assessments: [AssessmentSummary], ehcAdvice: [AdviceSummary], reviews: [Review],
        awaitingDecision: [WaitingRequest] = []
    ) {
        self.cases = cases
        self.assessments = assessments
        self.ehcAdvice = ehcAdvice
        self.reviews = reviews
        self.awaitingDecision = awaitingDecision
    }
}

/// A request waiting for triage and a manager's decision, and how soon the family said they need help.
public struct WaitingRequest: Sendable, Hashable {
    public let summary: CaseSummary
    public let receivedOn: CalendarDate
    public let urgency: Urgency

    public init(summary: CaseSummary, receivedOn: CalendarDate, urgency: Urgency) {
        self.summary = summary
        self.receivedOn = receivedOn
        self.urgency = urgency
    }

    /// The duty queue's order: families in crisis first, then urgent requests, then the rest; oldest first in each.
    public static func dutyOrder(_ first: WaitingRequest, _ second: WaitingRequest) -> Bool {
        (first.urgency.rank, first.receivedOn, first.summary.reference) < (second.urgency.rank, second.receivedOn, second.summary.reference)
    }
}

/// An assessment without its history.
public struct AssessmentSummary: Sendable, Hashable {
    public let id: Assessment.ID
    public let caseID: CaseFile.ID
    public let kind: AssessmentKind
    public let status: AssessmentStatus
    public let requestedOn: CalendarDate
    public let deadline: CalendarDate

    public init(id: Assessment.ID, caseID: CaseFile.ID, kind: AssessmentKind, status: AssessmentStatus, requestedOn: CalendarDate, deadline: CalendarDate) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.status = status
        self.requestedOn = requestedOn
        self.deadline = deadline
    }

    public init(_ assessment: Assessment) {
        self.init(
            id: assessment.id, caseID: assessment.caseID, kind: assessment.kind, status: assessment.status,
            requestedOn: assessment.requestedOn, deadline: assessment.deadline.date)
    }
}

/// EHC advice without its content.
public struct AdviceSummary: Sendable, Hashable {
    public let id: EHCAdvice.ID
    public let caseID: CaseFile.ID
    public let ehcRequestReference: String
    public let deadline: CalendarDate
    public let submittedOn: CalendarDate?

    public init(id: EHCAdvice.ID, caseID: CaseFile.ID, ehcRequestReference: String, deadline: CalendarDate, submittedOn: CalendarDate?) {
        self.id = id
        self.caseID = caseID
        self.ehcRequestReference = ehcRequestReference
        self.deadline = deadline
        self.submittedOn = submittedOn
    }

    public init(_ advice: EHCAdvice) {
        self.init(id: advice.id, caseID: advice.caseID, ehcRequestReference: advice.ehcRequestReference, deadline: advice.deadline.date, submittedOn: advice.submittedOn)
    }
}
