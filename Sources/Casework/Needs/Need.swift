// A need found in an assessment, with the parent's view beside the assessor's and the outcome sought.

/// An assessed need. The parent's words are kept beside the assessor's, never replaced by them.
public struct Need: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Need>
    public let id: ID
    public let caseID: CaseFile.ID
    /// The assessment that found it, when there was one.
    public var assessmentID: Assessment.ID?
    public var area: LifeArea
    public var description: String
    public var parentView: String
    public var assessorView: String
    public var outcomeSought: String
    public var identifiedOn: CalendarDate
    /// The date it stopped being a need (met for good, or the child's circumstances changed), after a review.
    public var closedOn: CalendarDate?

    public init(
        id: ID = ID(), caseID: CaseFile.ID, assessmentID: Assessment.ID? = nil, area: LifeArea, description: String,
        parentView: String, assessorView: String, outcomeSought: String, identifiedOn: CalendarDate, closedOn: CalendarDate? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.assessmentID = assessmentID
        self.area = area
        self.description = description
        self.parentView = parentView
        self.assessorView = assessorView
        self.outcomeSought = outcomeSought
        self.identifiedOn = identifiedOn
        self.closedOn = closedOn
    }

    public func isOpen(on date: CalendarDate) -> Bool { closedOn.map { date < $0 } ?? true }
}
