// Social care advice for an EHC needs assessment (F4): section D needs and H1/H2 provision tied to them.

/// The social care service's advice to an EHC needs assessment. "Not known to this service" is not advice:
/// see `EHCAdvice.problems(in:today:)`.
public struct EHCAdvice: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<EHCAdvice>
    public let id: ID
    public let caseID: CaseFile.ID
    public var ehcRequestReference: String
    public var requestedOn: CalendarDate
    public let deadline: Deadline
    public var author: String
    public var team: Team
    /// What the advice rests on; required.
    public var basis: AdviceBasis?
    /// The author answered that the child is not known to the service.
    public var notKnownToService: Bool
    public var sectionD: [SectionDNeed]
    public var provision: [EHCProvisionItem]
    /// When section D is empty, why (for example, "no social care needs arising from the child's SEN or disability").
    public var noNeedsReason: String?
    /// Why CSDPA s2 provision already agreed on the case is not in sections D and H1, when it is not.
    public var csdpaOmissionReason: String?
    public var submittedOn: CalendarDate?

    public init(
        id: ID = ID(), caseID: CaseFile.ID, ehcRequestReference: String, requestedOn: CalendarDate, author: String, team: Team,
        basis: AdviceBasis?, notKnownToService: Bool = false, sectionD: [SectionDNeed], provision: [EHCProvisionItem],
        noNeedsReason: String? = nil, csdpaOmissionReason: String? = nil, submittedOn: CalendarDate? = nil,
        calendar: WorkingDayCalendar
    ) {
        self.id = id
        self.caseID = caseID
        self.ehcRequestReference = ehcRequestReference
        self.requestedOn = requestedOn
        self.deadline = calendar.deadline(.ehcSocialCareAdvice, from: requestedOn)
        self.author = author
        self.team = team
        self.basis = basis
        self.notKnownToService = notKnownToService
        self.sectionD = sectionD
        self.provision = provision
        self.noNeedsReason = noNeedsReason
        self.csdpaOmissionReason = csdpaOmissionReason
        self.submittedOn = submittedOn
    }
}

/// What social care advice may rest on (F4 basis).
public enum AdviceBasis: String, Sendable, Hashable, Codable, CaseIterable {
    case existingAssessmentUnder12Months = "existing-cin-assessment-under-12-months"
    case newSection17Assessment = "new-s17-assessment"
    case earlyHelpAssessment = "early-help-assessment"
    /// Existing advice the LA, the advice-giver and the parent or young person agree is sufficient.
    case existingAdviceAgreed = "existing-advice-agreed"
}

/// A social care need for section D.
public struct SectionDNeed: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<SectionDNeed>
    public let id: ID
    public var area: LifeArea
    public var need: String
    public var impact: String
    /// The need in the case record it comes from, when there is one.
    public var caseNeedID: Need.ID?

    public init(id: ID = ID(), area: LifeArea, need: String, impact: String, caseNeedID: Need.ID? = nil) {
        self.id = id
        self.area = area
        self.need = need
        self.impact = impact
        self.caseNeedID = caseNeedID
    }
}

/// A CSDPA s2 head of provision; every H1 item names one.
public enum CSDPAHead: String, Sendable, Hashable, Codable, CaseIterable {
    case practicalAssistanceAtHome = "practical-assistance-at-home"
    case recreation
    case educationFacilities = "education-facilities"
    case travel
    case adaptationsAndEquipment = "adaptations-equipment"
    case holidays
    case meals
    case telephoneAndEquipment = "telephone-equipment"
    case nonResidentialShortBreaks = "non-residential-short-breaks"
}

/// One item of H1 or H2 provision in the advice.
public struct EHCProvisionItem: Sendable, Hashable, Codable {
    public var description: String
    public var section: EHCSection
    public var csdpaHead: CSDPAHead?
    public var amount: ProvisionAmount?
    public var provider: String?
    /// The section D needs it meets.
    public var meets: [SectionDNeed.ID]
    /// The provision in the case record it is, when already agreed.
    public var provisionID: Provision.ID?
    /// The author flagged that it educates or trains: such provision belongs in section F, not H.
    public var educatesOrTrains: Bool

    public init(
        description: String, section: EHCSection, csdpaHead: CSDPAHead? = nil, amount: ProvisionAmount? = nil, provider: String? = nil,
        meets: [SectionDNeed.ID], provisionID: Provision.ID? = nil, educatesOrTrains: Bool = false
    ) {
        self.description = description
        self.section = section
        self.csdpaHead = csdpaHead
        self.amount = amount
        self.provider = provider
        self.meets = meets
        self.provisionID = provisionID
        self.educatesOrTrains = educatesOrTrains
    }
}
