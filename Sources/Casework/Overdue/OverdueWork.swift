// The one place Heeded decides what statutory or local work is overdue.

/// Work past its deadline: what a team manager chases each morning.
public struct OverdueWork: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A request nobody has decided on (triage and a manager's decision) within 1 working day.
        case referralDecision = "referral-decision"
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
    /// What is overdue, in plain words ("child in need assessment (in-progress)").
    public let what: String
    public let dueOn: CalendarDate
    public let workingDaysOverdue: Int

    /// Everything overdue on `asOf`, most overdue first.
    public static func find(_ inputs: OverdueInputs, asOf: CalendarDate, calendar: WorkingDayCalendar = .englandAndWales) -> [OverdueWork] {
        var found: [OverdueWork] = []
        func add(_ kind: Kind, _ caseID: CaseFile.ID, _ what: String, _ due: CalendarDate) {
            guard due < asOf, let summary = inputs.cases[caseID] else { return }
            found.append(OverdueWork(
                kind: kind, caseID: caseID, caseReference: summary.reference, childName: summary.childName, team: summary.team,
                what: what, dueOn: due, workingDaysOverdue: calendar.workingDays(from: due, to: asOf)))
        }
        for waiting in inputs.awaitingDecision {
            let due = calendar.deadline(.referralDecision, from: waiting.receivedOn).date
            let urgent = waiting.urgency == .sameDay ? "same-day request (crisis): " : ""
            add(.referralDecision, waiting.caseID, "\(urgent)decision on the request received \(waiting.receivedOn)", due)
        }
        for assessment in inputs.assessments where assessment.status.isOpen {
            add(.assessment, assessment.caseID, "\(assessment.kind.title) (\(assessment.status.rawValue))", assessment.deadline)
            if assessment.kind == .parentCarer && assessment.status == .requested {
                let offerBy = calendar.deadline(.parentCarerOffer, from: assessment.requestedOn).date
                add(.parentCarerNotOffered, assessment.caseID, "parent carer assessment requested on \(assessment.requestedOn), never offered", offerBy)
            }
        }
        for advice in inputs.ehcAdvice where advice.submittedOn == nil {
            add(.ehcAdvice, advice.caseID, "EHC social care advice for \(advice.ehcRequestReference)", advice.deadline)
        }
        for review in inputs.reviews where review.heldOn == nil {
            add(.review, review.caseID, "\(review.kind.rawValue) review", review.dueOn)
        }
        return found.sorted { ($0.workingDaysOverdue, $1.caseReference) > ($1.workingDaysOverdue, $0.caseReference) }
    }
}

/// The plain values overdue work is computed from.
public struct OverdueInputs: Sendable {
    public var cases: [CaseFile.ID: CaseSummary]
    public var assessments: [AssessmentSummary]
    public var ehcAdvice: [AdviceSummary]
    public var reviews: [Review]
    /// Requests with no manager's decision yet.
    public var awaitingDecision: [DecisionAwaited]

    public init(
        cases: [CaseFile.ID: CaseSummary], assessments: [AssessmentSummary], ehcAdvice: [AdviceSummary], reviews: [Review],
        awaitingDecision: [DecisionAwaited] = []
    ) {
        self.cases = cases
        self.assessments = assessments
        self.ehcAdvice = ehcAdvice
        self.reviews = reviews
        self.awaitingDecision = awaitingDecision
    }
}

/// A request waiting for triage and a manager's decision, and how soon the family said they need help.
public struct DecisionAwaited: Sendable, Hashable {
    public let caseID: CaseFile.ID
    public let receivedOn: CalendarDate
    public let urgency: Urgency

    public init(caseID: CaseFile.ID, receivedOn: CalendarDate, urgency: Urgency) {
        self.caseID = caseID
        self.receivedOn = receivedOn
        self.urgency = urgency
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
