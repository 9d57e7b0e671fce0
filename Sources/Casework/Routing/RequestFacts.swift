// What the authority knows at triage, as typed values: the request facts of shared/contracts/request-facts.md.

/// The facts a needs request is routed on: what the parent wrote, plus the duty worker's coding of any
/// concern. Built only from valid values (see `RequestFacts(json:)`), so every code is a known one.
///
/// Version 2 of the contract adds facts the law turns on (the parent carer's own facts, young carers of anyone,
/// the child's mobility, the duty worker's judgement of the main issue, earlier referrals, and how far each concern
/// is corroborated and how serious). Each has the contract's default, so a version-1 document reads as before.
public struct RequestFacts: Sendable, Hashable {
    public var child: Child
    public var requester: Requester
    public var referralSource: ReferralSource
    /// What the family asked for, in the order given.
    public var requests: [RequestKind]
    public var parentCarer: ParentCarer
    /// The parent has a disability or long-term illness of their own.
    public var parentDisabilityOrIllness: Bool
    /// Children in the household who help to care for the disabled child.
    public var youngCarers: Int
    /// Children under 18 in the household (the disabled child and the requester included) who care for someone
    /// other than the disabled child: a disabled or ill parent, another relative (s17ZA covers anyone they care for).
    public var youngCarersForOthers: Int
    /// Earlier requests or referrals about this child that ended without an assessment.
    public var previousReferrals: Int
    /// The duty worker's coding of anything worrying.
    public var concerns: [Concern]

    public init(
        child: Child, requester: Requester, referralSource: ReferralSource, requests: [RequestKind],
        parentCarer: ParentCarer, parentDisabilityOrIllness: Bool, youngCarers: Int, youngCarersForOthers: Int = 0,
        previousReferrals: Int = 0, concerns: [Concern]
    ) {
        precondition(youngCarers >= 0, "young_carers cannot be negative")
        precondition(youngCarersForOthers >= 0, "young_carers_for_others cannot be negative")
        precondition(previousReferrals >= 0, "previous_referrals cannot be negative")
        self.child = child
        self.requester = requester
        self.referralSource = referralSource
        self.requests = requests
        self.parentCarer = parentCarer
        self.parentDisabilityOrIllness = parentDisabilityOrIllness
        self.youngCarers = youngCarers
        self.youngCarersForOthers = youngCarersForOthers
        self.previousReferrals = previousReferrals
        self.concerns = concerns
    }

    /// The request's subject is 18 or over: an adult, not a child (Children Act 1989 s105(1)).
    public var subjectIsAdult: Bool { child.ageYears >= 18 }

    /// Whom the routing's reasons speak to: whoever made the request.
    public var reader: ReasonReader {
        switch requester.relationship {
        case .youngPerson: .youngPerson
        case .professional: .referrer
        default: .parent
        }
    }

    /// The person the request is about. (Called the child, as the contract does, even when they are 18 or over.)
    public struct Child: Sendable, Hashable {
        /// Age at the request, 0–25.
        public var ageYears: Int
        /// The areas of life an impairment affects; empty (or `NONE` alone) when no disability is apparent.
        public var disabilityCodes: [DisabilityCode]
        public var diagnosisStatus: DiagnosisStatus
        /// Whether the child moves about on their own: an unexplained bruise means something else on a baby or a
        /// child who cannot move. Nil takes the contract's default (see `movesAboutIndependently`).
        public var independentlyMobile: Bool?
        /// The duty worker's judgement that the disability, not something else in the family, is the main issue.
        /// Nil takes the contract's default (see `RequestFacts.disabilityIsDominant`).
        public var disabilityDominant: Bool?

        public init(
            ageYears: Int, disabilityCodes: [DisabilityCode], diagnosisStatus: DiagnosisStatus, independentlyMobile: Bool? = nil,
            disabilityDominant: Bool? = nil
        ) {
            precondition((0...25).contains(ageYears), "child.age_years is 0–25")
            precondition(!disabilityCodes.contains(.none) || disabilityCodes == [.none], "NONE may only stand alone")
            self.ageYears = ageYears
            self.disabilityCodes = disabilityCodes
            self.diagnosisStatus = diagnosisStatus
            self.independentlyMobile = independentlyMobile
            self.disabilityDominant = disabilityDominant
        }

        /// At least one area of life is affected: the child appears to be disabled. No diagnosis is needed.
        public var disabilityApparent: Bool { disabilityCodes.contains { $0 != .none } }

        /// As given, or by default: not when getting about is affected (`MOB`) or the child is under 1.
        public var movesAboutIndependently: Bool {
            independentlyMobile ?? !(disabilityCodes.contains(.mobility) || ageYears < 1)
        }
    }

    /// The person asking.
    public struct Requester: Sendable, Hashable {
        public var relationship: Relationship
        public var parentalResponsibility: Bool
        /// 18 or over.
        public var adult: Bool

        public init(relationship: Relationship, parentalResponsibility: Bool, adult: Bool) {
            self.relationship = relationship
            self.parentalResponsibility = parentalResponsibility
            self.adult = adult
        }
    }

    /// What the request shows about the parent carer: the child's main carer, whoever made the request.
    public struct ParentCarer: Sendable, Hashable {
        /// The parent carer asked for an assessment of their own needs.
        public var assessmentRequested: Bool
        /// How many signs of strain from caring the request shows (sleep lost, health affected, ...).
        public var strainCount: Int
        /// Whether the main carer holds parental responsibility. Nil: the requester's (the contract's default).
        public var parentalResponsibility: Bool?
        /// Whether the main carer is 18 or over. Nil: the requester's (the contract's default).
        public var adult: Bool?

        public init(assessmentRequested: Bool, strainCount: Int, parentalResponsibility: Bool? = nil, adult: Bool? = nil) {
            precondition(strainCount >= 0, "parent_carer.strain_count cannot be negative")
            self.assessmentRequested = assessmentRequested
            self.strainCount = strainCount
            self.parentalResponsibility = parentalResponsibility
            self.adult = adult
        }
    }

    /// Whether the parent carer holds parental responsibility, as given or by default the requester's.
    public var parentCarerHasParentalResponsibility: Bool { parentCarer.parentalResponsibility ?? requester.parentalResponsibility }
    /// Whether the parent carer is 18 or over, as given or by default the requester's.
    public var parentCarerIsAdult: Bool { parentCarer.adult ?? requester.adult }
    /// The duty worker's judgement, or by default: a disability is apparent and no parental substance misuse is
    /// coded (so version-1 facts keep their version-1 team).
    public var disabilityIsDominant: Bool {
        child.disabilityDominant ?? (child.disabilityApparent && !concerns.contains { $0.code == .parentalSubstanceMisuse })
    }

    /// One coded concern: what, about whom, how well it is supported and, for injuries, how serious.
    public struct Concern: Sendable, Hashable {
        public var code: ConcernCode
        public var about: ConcernSubject
        public var corroboration: Corroboration
        public var severity: Severity
        /// The duty worker's words; required for `other-described`, kept for any code.
        public var description: String?

        public init(
            code: ConcernCode, about: ConcernSubject, corroboration: Corroboration = .uncorroborated, severity: Severity = .serious,
            description: String? = nil
        ) {
            precondition(code != .otherDescribed || !(description ?? "").isEmpty, "other-described needs the duty worker's description")
            self.code = code
            self.about = about
            self.corroboration = corroboration
            self.severity = severity
            self.description = description
        }
    }
}

/// Whom a routing reason is written for: the person who asked.
public enum ReasonReader: String, Sendable, Hashable, Codable, CaseIterable {
    /// A parent or carer asking for their child ("your child").
    case parent
    /// A professional referring a family ("the child", "the family").
    case referrer
    /// A young person asking for themselves ("you").
    case youngPerson = "young-person"
}
