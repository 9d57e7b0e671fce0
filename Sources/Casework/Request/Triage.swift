// The duty manager's triage of a needs request: the coding and judgement added, and what the tables said on them.

/// What the duty manager recorded with the triage form (Forms/triage-decision.xml): the concerns coded, the
/// judgements added to the request's facts (is the disability the main issue, does the child move about on their
/// own), and the routing tables' answer on the request's facts with those added. The manager's own decision (s47,
/// anything changed) is the `ManagerDecision` this belongs to; both are kept, so the family can see what the
/// rules said and what a person decided.
public struct Triage: Sendable, Hashable, Codable {
    public let formID: String
    public let formVersion: Int
    public let answers: [String: SubmittedAnswer]
    /// The routing tables on the triaged facts.
    public let routing: RoutingRecord
    public let urgency: Urgency

    public init(formID: String, formVersion: Int, answers: [String: SubmittedAnswer], routing: RoutingRecord, urgency: Urgency) {
        self.formID = formID
        self.formVersion = formVersion
        self.answers = answers
        self.routing = routing
        self.urgency = urgency
    }
}

/// How soon a family needs a response, as the family asked and as triage decided.
public enum Urgency: String, Sendable, Hashable, Codable, CaseIterable {
    case routine, urgent
    /// Today: the family is in crisis.
    case sameDay = "same-day"

    /// The urgency the family chose on the needs request (`urgency`: "crisis", "urgent", anything else routine).
    public init(familyAnswer: String?) {
        self = switch familyAnswer {
        case "crisis": .sameDay
        case "urgent": .urgent
        default: .routine
        }
    }

    public var title: String {
        switch self {
        case .routine: "routine"
        case .urgent: "urgent: this week"
        case .sameDay: "same day"
        }
    }

    /// Sooner first: same day, then urgent, then routine.
    public var rank: Int {
        switch self {
        case .sameDay: 0
        case .urgent: 1
        case .routine: 2
        }
    }
}
