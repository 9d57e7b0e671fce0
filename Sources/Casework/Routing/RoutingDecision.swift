// What the routing tables decided for one request, why, and from which tables: the contract's decision.

/// The routing tables' answer for one request: the contract's five answers and one reason per fired rule,
/// plus where they came from. When a table cannot decide, the answer is `undecided` and says which table and
/// why, so that a person decides: nothing is filled in by default, least of all a safeguarding enquiry.
public struct RoutingDecision: Sendable, Hashable {
    /// Each table's answer; `nil` where that table could not decide.
    public let cinAssessment: Bool?
    public let parentCarerAssessment: Bool?
    public let youngCarerAssessment: Bool?
    /// A recommendation that a strategy discussion is needed; a manager confirms or overrides it.
    public let safeguardingS47: Bool?
    public let team: Team?
    /// A Care Act transition assessment (s58 for the young person, s60 for the carer) should be considered.
    public let adultTransition: Bool?
    /// One plain-English reason per rule that fired, and one per table that could not decide, in the
    /// contract's order of answers.
    public let reasons: [Reason]
    /// The tables that could not decide, each with why; empty when every table decided.
    public let undecided: [UndecidedTable]
    public let provenance: RoutingProvenance

    public init(
        cinAssessment: Bool?, parentCarerAssessment: Bool?, youngCarerAssessment: Bool?, safeguardingS47: Bool?,
        team: Team?, adultTransition: Bool?, reasons: [Reason], undecided: [UndecidedTable], provenance: RoutingProvenance
    ) {
        self.cinAssessment = cinAssessment
        self.parentCarerAssessment = parentCarerAssessment
        self.youngCarerAssessment = youngCarerAssessment
        self.safeguardingS47 = safeguardingS47
        self.team = team
        self.adultTransition = adultTransition
        self.reasons = reasons
        self.undecided = undecided
        self.provenance = provenance
    }

    /// Every table decided.
    public var isDecided: Bool { undecided.isEmpty }

    /// The answers together, or `nil` when a person has to decide.
    public var outcome: RoutingOutcome? {
        guard let cinAssessment, let parentCarerAssessment, let youngCarerAssessment, let safeguardingS47, let team, let adultTransition,
              undecided.isEmpty else { return nil }
        return RoutingOutcome(
            childInNeedAssessment: cinAssessment, parentCarerAssessment: parentCarerAssessment,
            youngCarerAssessment: youngCarerAssessment, section47: safeguardingS47, team: team, adultTransition: adultTransition)
    }

    /// The stored form of a decided routing; `nil` when undecided, because a stored outcome would need a
    /// default for what the tables did not decide, and there is none.
    public var record: RoutingRecord? {
        guard let outcome else { return nil }
        return RoutingRecord(
            outcome: outcome, reasons: reasons.map(\.description),
            tables: provenance.tables.map { DecisionTableVersion(table: $0, version: provenance.version) },
            firedRules: provenance.firedRules)
    }

    /// One line of explanation, naming the table and rule it comes from.
    ///
    /// A rule's reason is made once, when the rules are loaded, and shared by every decision it explains: its
    /// text sits in one immutable object, so a decision copies a reference rather than three strings.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        private final class Text: Sendable {
            let table: String
            let rule: String?
            let text: String

            init(table: String, rule: String?, text: String) {
                self.table = table
                self.rule = rule
                self.text = text
            }
        }

        private let storage: Text

        /// The decision table (`cin_assessment`, `team`, ...).
        public var table: String { storage.table }
        /// The rule's id; `nil` for a table that could not decide.
        public var rule: String? { storage.rule }
        /// Plain English for the parent and the practitioner.
        public var text: String { storage.text }

        public init(table: String, rule: String?, text: String) {
            storage = Text(table: table, rule: rule, text: text)
        }

        public static func == (lhs: Reason, rhs: Reason) -> Bool {
            lhs.storage === rhs.storage || (lhs.table, lhs.rule, lhs.text) == (rhs.table, rhs.rule, rhs.text)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(table)
            hasher.combine(rule)
            hasher.combine(text)
        }

        /// The text, then the rule it comes from: `… a diagnosis is not needed. (rule cin-disabled-no-diagnosis)`.
        public var description: String {
            rule.map { "\(text) (rule \($0))" } ?? "\(text) (table \(table))"
        }
    }
}

/// A decision table that could not decide, and why; the request goes to a person.
public struct UndecidedTable: Sendable, Hashable, CustomStringConvertible {
    public let table: String
    /// For example "no rule matched these facts" or "rules 2 and 5 both matched in a UNIQUE table".
    public let why: String

    public init(table: String, why: String) {
        self.table = table
        self.why = why
    }

    public var description: String {
        "The \(table) table could not decide (\(why)), so a person will decide this part of the request."
    }
}

/// Which rules decided: the model, its version, the tables used and the rules that fired in each.
public struct RoutingProvenance: Sendable, Hashable {
    /// The rules files, by name (`routing.dmn`).
    public let files: [String]
    /// A fingerprint of the rules files' contents: the same text gives the same version.
    public let version: String
    /// The decision tables used, in the contract's order.
    public let tables: [String]
    /// The decision's reasons, one per fired rule (and per table that could not decide).
    let reasons: [RoutingDecision.Reason]

    init(files: [String], version: String, tables: [String], reasons: [RoutingDecision.Reason]) {
        self.files = files
        self.version = version
        self.tables = tables
        self.reasons = reasons
    }

    /// The rules that fired, table by table in the contract's order: read off the reasons, which name them.
    public var firedRules: [FiredRule] {
        reasons.compactMap { reason in reason.rule.map { FiredRule(table: reason.table, rule: $0) } }
    }
}
