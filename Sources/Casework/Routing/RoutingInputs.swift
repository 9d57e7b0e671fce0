// The flat inputs the routing tables read, made mechanically from the request facts (Forms/rules/README.md).
import FEEL

/// The decision tables' inputs: flat booleans, numbers and strings, named as the `.dmn` names them.
///
/// The mapping only reshapes the facts; it never judges. Which concerns give reasonable cause to suspect
/// significant harm, who gets which assessment and which team: all of that is in the tables, where a rules
/// author can see and change it. Benchmarks/dmn-peers/peers.py re-implements this mapping for the peer check.
///
/// There are two levels. The request's inputs (`names`) are read by the tables that decide the contract's
/// answers. The concern table (`RoutingRules.concernDecision`) is asked once per coded concern, and reads the
/// request's inputs and that concern's own (`concernNames`); how many concerns it found to give cause, and how
/// many it left to a person, are then request inputs too (`concernCounts`).
public struct RoutingInputs: Sendable, Hashable {
    /// Every request input the routing tables may read, in the order of `values`.
    public static let names: [String] = [
        "disability_apparent", "diagnosis_status", "requests_assessment", "requests_parent_carer_assessment",
        "parent_carer_assessment_requested", "requester_has_parental_responsibility", "requester_is_adult",
        "strain_count", "young_carers", "concern_count",
    ] + ConcernCode.allCases.map(inputName) + [
        "child_age_years", "child_is_adult", "child_independently_mobile", "disability_dominant",
        "parent_carer_has_parental_responsibility", "parent_carer_is_adult", "young_carers_for_others", "previous_referrals",
    ]

    /// The inputs of one concern, for the concern table, after the request's.
    public static let concernNames = ["concern_code", "concern_about", "concern_corroboration", "concern_severity"]

    /// What the concern table found over all of a request's concerns: how many give cause (it answered `true`) and
    /// how many it left to a person (it answered null, or could not decide). Request inputs for later tables.
    public static let concernCounts = ["concerns_giving_cause", "concerns_for_a_person"]

    /// One value per name in `names`.
    public let values: [FEELValue]

    public init(_ facts: RequestFacts) {
        values = Self.values(facts, reservingExtra: 0)
    }

    /// The values in `names` order, in an array with room for `extra` more (the router appends the concern counts
    /// and the tables' answers, which later files may read).
    static func values(_ facts: RequestFacts, reservingExtra extra: Int) -> [FEELValue] {
        var values: [FEELValue] = []
        values.reserveCapacity(names.count + extra)
        // One append at a time: an array literal here would be a second allocation per request.
        values.append(.boolean(facts.child.disabilityApparent))
        values.append(.string(facts.child.diagnosisStatus.rawValue))
        values.append(.boolean(facts.requests.contains(.assessment)))
        values.append(.boolean(facts.requests.contains(.parentCarerAssessment)))
        values.append(.boolean(facts.parentCarer.assessmentRequested))
        values.append(.boolean(facts.requester.parentalResponsibility))
        values.append(.boolean(facts.requester.adult))
        values.append(.number(FEELNumber(facts.parentCarer.strainCount)))
        values.append(.number(FEELNumber(facts.youngCarers)))
        values.append(.number(FEELNumber(facts.concerns.count)))
        for code in concernCodes {
            values.append(.boolean(facts.concerns.contains { $0.code == code }))
        }
        values.append(.number(FEELNumber(facts.child.ageYears)))
        values.append(.boolean(facts.subjectIsAdult))
        values.append(.boolean(facts.child.movesAboutIndependently))
        values.append(.boolean(facts.disabilityIsDominant))
        values.append(.boolean(facts.parentCarerHasParentalResponsibility))
        values.append(.boolean(facts.parentCarerIsAdult))
        values.append(.number(FEELNumber(facts.youngCarersForOthers)))
        values.append(.number(FEELNumber(facts.previousReferrals)))
        return values
    }

    /// One concern's own inputs, in `concernNames` order.
    static func concernValues(_ concern: RequestFacts.Concern) -> [FEELValue] {
        [.string(concern.code.rawValue), .string(concern.about.rawValue), .string(concern.corroboration.rawValue), .string(concern.severity.rawValue)]
    }

    /// `ConcernCode.allCases`, made once (the synthesised property builds a new array on every read).
    private static let concernCodes = ConcernCode.allCases

    /// `concern_` and the code with hyphens as underscores: `self-injury` is `concern_self_injury`.
    public static func inputName(for code: ConcernCode) -> String {
        "concern_" + String(code.rawValue.map { $0 == "-" ? "_" : $0 })
    }

    public subscript(name: String) -> FEELValue? {
        Self.names.firstIndex(of: name).map { values[$0] }
    }
}
