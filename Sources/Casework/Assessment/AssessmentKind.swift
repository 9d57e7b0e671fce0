// The kinds of assessment a case may hold.

/// What is being assessed, under which duty.
public enum AssessmentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The disability-focused child in need assessment (Children Act 1989 s17, with CSDPA 1970 s2).
    case childInNeed = "child-in-need"
    /// Parent carer needs assessment (s17ZD–ZF).
    case parentCarer = "parent-carer"
    /// Young carer's needs assessment for a sibling who helps to care (s17ZA).
    case youngCarer = "young-carer"
    /// A s47 enquiry record: exists only once a manager confirms the recommendation. The child in need
    /// assessment continues alongside it.
    case section47 = "section-47"

    /// The timescale from day 0 (the referral, or for s47 the manager's confirmation of the strategy discussion).
    public var timescale: Timescale {
        switch self {
        case .childInNeed: .childInNeedAssessment
        case .parentCarer, .youngCarer: .carerAssessment
        case .section47: .initialChildProtectionConference
        }
    }

    public var title: String {
        switch self {
        case .childInNeed: "child in need assessment"
        case .parentCarer: "parent carer needs assessment"
        case .youngCarer: "young carer's needs assessment"
        case .section47: "section 47 enquiry"
        }
    }
}
