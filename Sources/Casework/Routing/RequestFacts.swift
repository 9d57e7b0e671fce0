// What the authority knows at triage, as typed values: the request facts of shared/contracts/request-facts.md.

/// The facts a needs request is routed on: what the parent wrote, plus the duty worker's coding of any
/// concern. Built only from valid values (see `RequestFacts(json:)`), so every code is a known one.
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
    /// The duty worker's coding of anything worrying.
    public var concerns: [Concern]

    public init(
        child: Child, requester: Requester, referralSource: ReferralSource, requests: [RequestKind],
        parentCarer: ParentCarer, parentDisabilityOrIllness: Bool, youngCarers: Int, concerns: [Concern]
    ) {
        precondition(youngCarers >= 0, "young_carers cannot be negative")
        self.child = child
        self.requester = requester
        self.referralSource = referralSource
        self.requests = requests
        self.parentCarer = parentCarer
        self.parentDisabilityOrIllness = parentDisabilityOrIllness
        self.youngCarers = youngCarers
        self.concerns = concerns
    }

    /// The child the request is about.
    public struct Child: Sendable, Hashable {
        /// Age at the request, 0–25.
        public var ageYears: Int
        /// The areas of life an impairment affects; empty (or `NONE` alone) when no disability is apparent.
        public var disabilityCodes: [DisabilityCode]
        public var diagnosisStatus: DiagnosisStatus

        public init(ageYears: Int, disabilityCodes: [DisabilityCode], diagnosisStatus: DiagnosisStatus) {
            precondition((0...25).contains(ageYears), "child.age_years is 0–25")
            precondition(!disabilityCodes.contains(.none) || disabilityCodes == [.none], "NONE may only stand alone")
            self.ageYears = ageYears
            self.disabilityCodes = disabilityCodes
            self.diagnosisStatus = diagnosisStatus
        }

        /// At least one area of life is affected: the child appears to be disabled. No diagnosis is needed.
        public var disabilityApparent: Bool { disabilityCodes.contains { $0 != .none } }
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

    /// What the request shows about the parent carer's own needs.
    public struct ParentCarer: Sendable, Hashable {
        /// The parent carer asked for an assessment of their own needs.
        public var assessmentRequested: Bool
        /// How many signs of strain from caring the request shows (sleep lost, health affected, ...).
        public var strainCount: Int

        public init(assessmentRequested: Bool, strainCount: Int) {
            precondition(strainCount >= 0, "parent_carer.strain_count cannot be negative")
            self.assessmentRequested = assessmentRequested
            self.strainCount = strainCount
        }
    }

    /// One coded concern and whom it is about.
    public struct Concern: Sendable, Hashable {
        public var code: ConcernCode
        public var about: ConcernSubject

        public init(code: ConcernCode, about: ConcernSubject) {
            self.code = code
            self.about = about
        }
    }
}
