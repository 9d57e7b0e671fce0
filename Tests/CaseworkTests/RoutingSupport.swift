// Test support for routing: a seeded random source, generated request facts, and a family's answers.
import Casework
import Decisions
import FEEL
import Forms

extension RequestRouter {
    /// The router over a rules folder, read as the edges read one.
    static func folder(_ path: String) throws -> RequestRouter {
        RequestRouter(rules: try RoutingRules(folder: try DMNFolder(path: path)))
    }

    /// The router over the shipped rules (Forms/rules).
    static func shipped() throws -> RequestRouter { try folder(rulesDirectory) }
}

/// SplitMix64: the same seed gives the same requests on every machine, so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RequestFacts {
    /// Any request the contract allows, each fact drawn independently, concerns included. With `version2`, the
    /// version-2 keys are drawn too (each given about half the time, else left to its default).
    static func random(using generator: inout SeededGenerator, version2: Bool = false) -> RequestFacts {
        func maybe<T>(_ value: @autoclosure () -> T) -> T? {
            version2 && Bool.random(using: &generator) ? value() : nil
        }
        let codes = DisabilityCode.allCases.filter { $0 != .none }
        let disabilities = Bool.random(using: &generator)
            ? Array(codes.shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator)))
            : (Bool.random(using: &generator) ? [] : [.none])
        let concernCodes = version2 ? ConcernCode.allCases : ConcernCode.allCases.filter { ![.neglect, .domesticAbuse, .emotionalHarm, .otherDescribed].contains($0) }
        let concerns = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            let code = concernCodes.randomElement(using: &generator)!
            return Concern(
                code: code, about: ConcernSubject.allCases.randomElement(using: &generator)!,
                corroboration: maybe(Corroboration.allCases.randomElement(using: &generator)!) ?? .uncorroborated,
                severity: maybe(Severity.allCases.randomElement(using: &generator)!) ?? .serious,
                description: code == .otherDescribed ? "The duty worker's own words" : nil)
        }
        return RequestFacts(
            child: Child(ageYears: Int.random(in: 0...25, using: &generator), disabilityCodes: disabilities,
                         diagnosisStatus: DiagnosisStatus.allCases.randomElement(using: &generator)!,
                         independentlyMobile: maybe(Bool.random(using: &generator)), disabilityDominant: maybe(Bool.random(using: &generator))),
            requester: Requester(relationship: Relationship.allCases.randomElement(using: &generator)!,
                                 parentalResponsibility: Bool.random(using: &generator), adult: Bool.random(using: &generator)),
            referralSource: ReferralSource.allCases.randomElement(using: &generator)!,
            requests: RequestKind.allCases.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 },
            parentCarer: ParentCarer(
                assessmentRequested: Bool.random(using: &generator),
                strainCount: Int.random(in: 0...4, using: &generator) == 0 ? 0 : Int.random(in: 0...10, using: &generator),
                parentalResponsibility: maybe(Bool.random(using: &generator)), adult: maybe(Bool.random(using: &generator))),
            parentDisabilityOrIllness: Bool.random(using: &generator),
            youngCarers: Int.random(in: 0...3, using: &generator) == 0 ? Int.random(in: 1...3, using: &generator) : 0,
            youngCarersForOthers: maybe(Int.random(in: 0...2, using: &generator)) ?? 0,
            previousReferrals: maybe(Int.random(in: 0...2, using: &generator)) ?? 0,
            concerns: concerns)
    }
}

/// The legal principles of DOMAIN.md and the request-facts contract, written out independently of the tables:
/// what each answer must be for any facts. `nil` is "a person decides".
enum RoutingPrinciples {
    /// Concerns that can never be reasonable cause on their own.
    static let neverCause: Set<ConcernCode> = [
        .distressedBehaviourTowardsParent, .distressedBehaviourTowardsSibling, .selfInjury, .policeNotificationExplained,
        .illnessQueryWithoutClinicalEvidence, .parentalSubstanceMisuse,
    ]
    static let injuries: Set<ConcernCode> = [.injuryByAdult, .unexplainedInjury]

    /// Whether one concern gives reasonable cause to suspect significant harm, is not on its own, or is for a person.
    static func givesCause(_ concern: RequestFacts.Concern, in facts: RequestFacts) -> Bool? {
        if concern.code == .otherDescribed { return nil }
        if concern.corroboration == .disproved || neverCause.contains(concern.code) { return false }
        if facts.subjectIsAdult && concern.about == .child { return false }  // adult safeguarding (Care Act s42)
        switch concern.about {
        case .parent: return true
        case .sibling: return injuries.contains(concern.code) && concern.severity == .minor ? nil : true
        case .child: return !(injuries.contains(concern.code) && concern.severity == .minor && facts.child.movesAboutIndependently)
        }
    }

    static func s47(_ facts: RequestFacts) -> Bool? {
        let judged = facts.concerns.map { givesCause($0, in: facts) }
        if judged.contains(true) { return true }
        return judged.contains(nil) ? nil : false
    }

    static func cin(_ facts: RequestFacts) -> Bool {
        !facts.subjectIsAdult
            && (facts.child.disabilityApparent || s47(facts) == true || facts.requests.contains(.assessment) || !facts.concerns.isEmpty
                || facts.previousReferrals > 0)
    }

    /// The parent carer's own facts decide, never who made the request.
    static func parentCarer(_ facts: RequestFacts) -> Bool {
        let eligible = !facts.subjectIsAdult && facts.parentCarerHasParentalResponsibility && facts.parentCarerIsAdult && facts.child.disabilityApparent
        let triggered = facts.parentCarer.assessmentRequested || facts.requests.contains(.parentCarerAssessment) || facts.parentCarer.strainCount > 0
        return eligible && triggered
    }

    static func youngCarer(_ facts: RequestFacts) -> Bool { facts.youngCarers > 0 || facts.youngCarersForOthers > 0 }

    static func team(_ facts: RequestFacts) -> Team {
        if s47(facts) == true { return .assessmentAndIntervention }
        if facts.subjectIsAdult { return .adultSocialCare }
        if facts.child.disabilityApparent { return facts.disabilityIsDominant ? .disabledChildren : .assessmentAndIntervention }
        return facts.concerns.isEmpty ? .earlyHelp : .assessmentAndIntervention
    }

    static func adultTransition(_ facts: RequestFacts) -> Bool {
        !facts.subjectIsAdult && facts.child.disabilityApparent && facts.child.ageYears >= 14
    }
}

/// A family's answers to the shipped needs request.
enum NeedsRequestAnswers {
    /// Leo, 7, autistic with no speech, who sleeps three hours a night; his mother is exhausted (HO-001).
    static func leo(form: FormDefinition, library: FormLibrary) -> [String: FEELValue] {
        let today = FEELDate(iso: "2025-12-01")!
        let checked = form.check(leoRaw, library: library, today: today)
        precondition(checked.isValid, "Leo's answers should be valid: \(checked.problems)")
        return form.facts(from: checked.answers, receivedDate: today)
    }

    /// Leo's request as his mother answered it, to change for other families.
    static let leoRaw: [String: RawAnswer] = [
            "requester_name": .value("Rachel Adeyemi"), "relationship": .value("mother"),
            "has_parental_responsibility": .value("yes"), "aged_18_or_over": .value("yes"),
            "contact_email": .value("rachel@example.org"), "preferred_contact": .value("email"),
            "child_name": .value("Leo Adeyemi"), "child_dob": .value("2018-03-02"),
            "child_address": .value("12 Orchard Row, Exampleton"), "child_postcode": .value("EX1 2AB"),
            "conditions": .items([["condition_name": .value("Autism"), "condition_status": .value("confirmed")]]),
            "areas_affected": .values(["AUT", "COMM", "LD"]),
            "sleep_help": .value("constant"), "nights_disturbed_per_week": .value("7"),
            "household": .items([["member_name": .value("Ada"), "member_age": .value("10"), "member_disabled": .value("no"),
                                   "member_helps_caring": .value("no"), "member_cares_for_others": .value("no")]]),
            "enough_sleep": .value("no"), "caring_affects_health": .value("a-lot"), "able_to_continue": .value("not-sure"),
            "want_parent_carer_assessment": .value("not-sure"),
            "requests_made": .values(["help-at-home", "short-breaks-overnight"]), "urgency": .value("urgent"),
            "consent_to_assessment": .value("yes"), "privacy_notice_acknowledged": .value("yes"),
        ]
}

/// Bound facts as a form gives them, valid as they stand.
enum RequestFactsFixture {
    static let valid: [String: FEELValue] = [
        "child.age_years": 9, "child.disability_codes": ["PC", "MOB"], "child.diagnosis_status": "pending",
        "requester.relationship": "father", "requester.parental_responsibility": true, "requester.adult": true,
        "referral_source": "1A", "requests": ["equipment-or-adaptations"],
        "parent_carer.assessment_requested": false, "parent_carer.strain_count": 0,
        "parent_disability_or_illness": false, "young_carers": 0, "concerns": [],
    ]
}
