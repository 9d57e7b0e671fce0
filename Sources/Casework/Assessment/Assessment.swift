// One assessment in a case: its kind, its status with the dates of each move, and its deadline.

/// An assessment of the child or of a carer. The deadline is fixed when it is requested; the history keeps the
/// date of every status change, so "offered late" or "authorised after the deadline" can be seen.
public struct Assessment: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Assessment>
    public let id: ID
    public let caseID: CaseFile.ID
    public let kind: AssessmentKind
    /// Who is assessed when it is not the child (the parent carer's or young carer's name).
    public let subject: String?
    public private(set) var status: AssessmentStatus
    public let requestedOn: CalendarDate
    public let deadline: Deadline
    public private(set) var history: [StatusChange]
    public var assessor: String?

    /// A newly requested assessment, its deadline set from day 0 by the calendar.
    public init(
        id: ID = ID(), caseID: CaseFile.ID, kind: AssessmentKind, subject: String? = nil,
        requestedOn: CalendarDate, calendar: WorkingDayCalendar, assessor: String? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.subject = subject
        self.status = .requested
        self.requestedOn = requestedOn
        self.deadline = calendar.deadline(kind.timescale, from: requestedOn)
        self.history = [StatusChange(status: .requested, on: requestedOn, by: nil)]
        self.assessor = assessor
    }

    /// The assessment after a status change, refused if the flow does not allow it or the date is before
    /// the last change.
    public func moved(to target: AssessmentStatus, on date: CalendarDate, by who: ActingUser) throws(CaseworkError) -> Assessment {
        let newStatus: AssessmentStatus
        do {
            newStatus = try status.moving(to: target)
        } catch {
            throw .illegalTransition(error)
        }
        if let last = history.last, date < last.on {
            throw .invalid(field: "date", message: "\(target.rawValue) on \(date) is before the assessment became \(last.status.rawValue) on \(last.on)")
        }
        if target == .authorised, who.role != .manager, who.role != .administrator {
            throw .notAllowed(who: who, action: "authorise an assessment")
        }
        var copy = self
        copy.status = newStatus
        copy.history.append(StatusChange(status: newStatus, on: date, by: who))
        return copy
    }

    /// The assessment once its written report is sent. Sending completes it from whichever open step it had
    /// reached (the report is the record that it was carried out; the steps it skipped are not invented in the
    /// history). A declined assessment has nothing to send, and one already completed or authorised changes only
    /// by a deliberate revision of its report, which leaves the status as it is.
    public func completedBySending(on date: CalendarDate, by who: ActingUser) throws(CaseworkError) -> Assessment {
        guard status.isOpen else { throw .illegalTransition(AssessmentTransitionError(from: status, to: .completed)) }
        if let last = history.last, date < last.on {
            throw .invalid(field: "date", message: "Sending on \(date.long) is before the assessment became \(last.status.words) on \(last.on.long)")
        }
        var copy = self
        copy.status = .completed
        copy.history.append(StatusChange(status: .completed, on: date, by: who))
        return copy
    }

    /// The assessment once its sent report is revised: a manager signed off what was sent, not the revision, so an
    /// authorised assessment goes back to completed to be authorised again. Any other status stands.
    public func revised(on date: CalendarDate, by who: ActingUser) -> Assessment {
        guard status == .authorised else { return self }
        var copy = self
        copy.status = .completed
        copy.history.append(StatusChange(status: .completed, on: date, by: who))
        return copy
    }

    /// The date the assessment reached a status, if it did.
    public func date(of status: AssessmentStatus) -> CalendarDate? {
        history.last { $0.status == status }?.on
    }

    /// One move in the status flow.
    public struct StatusChange: Sendable, Hashable, Codable {
        public let status: AssessmentStatus
        public let on: CalendarDate
        /// Nil for the request itself, which comes from the routing.
        public let by: ActingUser?
    }
}
