// The routing decision as the decision tables made it: kept unchanged beside any manager's override.

/// What the routing tables decided for a request, with enough to explain and to reproduce it: which tables,
/// which versions, which rules fired, and the plain-English reason of each.
///
/// This is the stored shape; the Routing module's `RoutingDecision` converts to it.
public struct RoutingRecord: Sendable, Hashable, Codable {
    /// Nil when a table could not decide (no rule matched, or a UNIQUE table matched twice): the request goes to
    /// a person with the reasons, never quietly to safeguarding, and no assessment opens until they decide.
    public let outcome: RoutingOutcome?
    /// One line per rule that fired (and per table that could not decide), for the parent and the practitioner.
    public let reasons: [String]
    public let tables: [DecisionTableVersion]
    public let firedRules: [FiredRule]

    public init(outcome: RoutingOutcome?, reasons: [String], tables: [DecisionTableVersion], firedRules: [FiredRule]) {
        self.outcome = outcome
        self.reasons = reasons
        self.tables = tables
        self.firedRules = firedRules
    }
}

/// Which assessments a request leads to, and which team holds it.
public struct RoutingOutcome: Sendable, Hashable, Codable {
    public var childInNeedAssessment: Bool
    public var parentCarerAssessment: Bool
    public var youngCarerAssessment: Bool
    /// A recommendation that a strategy discussion is needed; a s47 record exists only once a manager confirms it.
    public var section47: Bool
    public var team: Team
    /// A Care Act transition assessment (s58, s60) should be considered: a disabled young person of 14 to 17.
    public var adultTransition: Bool

    public init(
        childInNeedAssessment: Bool, parentCarerAssessment: Bool, youngCarerAssessment: Bool, section47: Bool, team: Team,
        adultTransition: Bool = false
    ) {
        self.childInNeedAssessment = childInNeedAssessment
        self.parentCarerAssessment = parentCarerAssessment
        self.youngCarerAssessment = youngCarerAssessment
        self.section47 = section47
        self.team = team
        self.adultTransition = adultTransition
    }

    private enum CodingKeys: String, CodingKey {
        case childInNeedAssessment, parentCarerAssessment, youngCarerAssessment, section47, team, adultTransition
    }

    /// Outcomes stored before routing had a transition answer read it as `false`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        childInNeedAssessment = try container.decode(Bool.self, forKey: .childInNeedAssessment)
        parentCarerAssessment = try container.decode(Bool.self, forKey: .parentCarerAssessment)
        youngCarerAssessment = try container.decode(Bool.self, forKey: .youngCarerAssessment)
        section47 = try container.decode(Bool.self, forKey: .section47)
        team = try container.decode(Team.self, forKey: .team)
        adultTransition = try container.decodeIfPresent(Bool.self, forKey: .adultTransition) ?? false
    }
}

/// A decision table and the version of it that was used.
public struct DecisionTableVersion: Sendable, Hashable, Codable {
    public let table: String
    public let version: String

    public init(table: String, version: String) {
        self.table = table
        self.version = version
    }
}

/// A rule that fired in a table.
public struct FiredRule: Sendable, Hashable, Codable {
    public let table: String
    public let rule: String

    public init(table: String, rule: String) {
        self.table = table
        self.rule = rule
    }
}
