// The code sets a request's facts are written in (shared/contracts/request-facts.md), one enum each.

/// Where any diagnosis stands. It never gates an assessment: a disability needs no diagnosis.
public enum DiagnosisStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case confirmed, pending, none
}

/// Who is asking.
public enum Relationship: String, Sendable, Hashable, Codable, CaseIterable {
    case mother, father
    case stepParent = "step-parent"
    case grandparent
    case otherRelative = "other-relative"
    case specialGuardian = "special-guardian"
    case fosterCarer = "foster-carer"
    case youngPerson = "young-person"
    case professional, other
}

/// What the family asked for.
public enum RequestKind: String, Sendable, Hashable, Codable, CaseIterable {
    case assessment
    case parentCarerAssessment = "parent-carer-assessment"
    case shortBreaksDay = "short-breaks-day"
    case shortBreaksOvernight = "short-breaks-overnight"
    case helpAtHome = "help-at-home"
    case equipmentOrAdaptations = "equipment-or-adaptations"
    case directPayments = "direct-payments"
    case transport
    case ehcInput = "ehc-input"
    case information
}

/// The duty worker's coding of something worrying: a fact, not a conclusion. Which codes give reasonable
/// cause to suspect significant harm is decided in the routing tables, not here.
public enum ConcernCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The child hurts a parent during distress or a meltdown.
    case distressedBehaviourTowardsParent = "distressed-behaviour-towards-parent"
    /// The child hurts a sibling, minor harm, when overwhelmed, with parents supervising.
    case distressedBehaviourTowardsSibling = "distressed-behaviour-towards-sibling"
    /// Injuries consistent with the child's documented self-injury.
    case selfInjury = "self-injury"
    /// Police attended, found the cause (e.g. a meltdown), recorded no concern.
    case policeNotificationExplained = "police-notification-explained"
    /// Someone suggested illness is exaggerated or caused at home, with no clinical alerting signs.
    case illnessQueryWithoutClinicalEvidence = "illness-query-without-clinical-evidence"
    /// A parent misuses alcohol or drugs; no incident of harm to the child reported.
    case parentalSubstanceMisuse = "parental-substance-misuse"
    /// The child's own account, in any communication method, of being abused.
    case disclosureOfAbuse = "disclosure-of-abuse"
    /// An account or sign of an adult injuring the child.
    case injuryByAdult = "injury-by-adult"
    /// An injury with no explanation, above all in a child who is not mobile.
    case unexplainedInjury = "unexplained-injury"
    /// Clinical evidence that illness is fabricated or induced.
    case inducedIllnessClinicalEvidence = "induced-illness-clinical-evidence"
    /// Sexual harm by the child to another child, or to the child by another child.
    case harmfulSexualBehaviour = "harmful-sexual-behaviour"
    /// Indicators of criminal or sexual exploitation.
    case exploitation
    /// A child's basic needs (food, warmth, hygiene, medical care, supervision) persistently not met, with signs.
    case neglect
    /// The child sees, hears or experiences domestic abuse in the home (Domestic Abuse Act 2021 s3).
    case domesticAbuse = "domestic-abuse"
    /// Persistent emotional ill-treatment of the child.
    case emotionalHarm = "emotional-harm"
    /// Anything else that worries the duty worker, in their words: the tables cannot judge it, so a person does.
    case otherDescribed = "other-described"
}

/// Whether anything independent supports a concern's account.
public enum Corroboration: String, Sendable, Hashable, Codable, CaseIterable {
    case corroborated, uncorroborated
    /// A professional checked it at the time and found it untrue or fully explained.
    case disproved
}

/// For injuries: a minor injury of a common kind and site for an active child, or anything more.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    case minor, serious
}

/// Whom a concern is about.
public enum ConcernSubject: String, Sendable, Hashable, Codable, CaseIterable {
    case child, sibling, parent
}

/// The CIN census referral source code: who brought the request to the council.
public enum ReferralSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// Family member, relative or carer (a parent's own request).
    case familyMemberOrCarer = "1A"
    case acquaintance = "1B"
    /// The child or young person themselves.
    case selfReferral = "1C"
    case otherIndividual = "1D"
    case school = "2A"
    case educationServices = "2B"
    case generalPractitioner = "3A"
    case healthVisitor = "3B"
    case schoolNurse = "3C"
    case otherPrimaryHealth = "3D"
    case accidentAndEmergency = "3E"
    case otherHealth = "3F"
    case housing = "4"
    case localAuthority5A = "5A"
    case localAuthority5B = "5B"
    case localAuthority5C = "5C"
    case localAuthority5D = "5D"
    case police = "6"
    case otherLegalAgency = "7"
    case other = "8"
    case anonymous = "9"
    case unknown = "10"
}
