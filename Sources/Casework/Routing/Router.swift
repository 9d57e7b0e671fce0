// Routes a needs request: its facts through the routing tables to the contract's decision.
import FEEL

/// Decides, from a request's facts, what the family gets and which team picks it up, by evaluating the
/// routing tables (Forms/rules). Load it once and route many requests: the tables are parsed only at load.
///
/// The router decides nothing itself. It maps the facts to the tables' inputs (`RoutingInputs`), asks each
/// table, and reports what the tables said, with one reason per fired rule. A table that cannot decide makes
/// that answer undecided, with the reason, so that a person decides; there is no default answer.
public struct Router: Sendable {
    public let rules: RoutingRules

    public init(rules: RoutingRules) {
        self.rules = rules
    }

    /// Loads the routing tables from a folder of `.dmn` files (the shipped ones are in Forms/rules).
    public init(rulesDirectory: String) throws(RoutingRulesError) {
        self.init(rules: try RoutingRules.load(directory: rulesDirectory))
    }

    public func route(_ facts: RequestFacts) -> RoutingDecision {
        let names = RoutingRules.decisionNames
        // The routing values: the inputs, then the contract's answers as each table decides them.
        var values = RoutingInputs(facts).values
        values += repeatElement(FEELValue.null, count: names.count)
        var answers: [FEELValue?] = Array(repeating: nil, count: names.count)
        var reasonsByDecision: [[RoutingDecision.Reason]] = Array(repeating: [], count: names.count)
        var firedByDecision: [[FiredRule]] = Array(repeating: [], count: names.count)
        var undecided: [UndecidedTable] = []
        for bound in rules.models {
            var inputs = bound.model.makeInputs()
            for binding in bound.bindings { inputs[binding.slot] = values[binding.source] }
            let results = bound.model.evaluate(inputs)
            for (position, decision) in bound.answers {
                let table = names[decision]
                let result = results[position]
                for rule in result.firedRules {
                    let (id, reason) = bound.rules[position]?[rule] ?? ("\(rule + 1)", nil)
                    firedByDecision[decision].append(FiredRule(table: table, rule: id))
                    reasonsByDecision[decision].append(.init(
                        table: table, rule: id,
                        text: reason ?? "This rule has no reason written yet; the rules author needs to add one."))
                }
                if let problem = result.problem {
                    let gap = UndecidedTable(table: table, why: problem)
                    undecided.append(gap)
                    reasonsByDecision[decision].append(.init(table: table, rule: nil, text: gap.description))
                } else {
                    answers[decision] = result.value
                    values[RoutingInputs.names.count + decision] = result.value
                }
            }
        }
        func flag(_ decision: Int) -> Bool? {
            guard let answer = answers[decision] else { return nil }
            guard case .boolean(let value) = answer else {
                let gap = UndecidedTable(table: names[decision], why: "it gave \(answer), not true or false")
                undecided.append(gap)
                reasonsByDecision[decision].append(.init(table: names[decision], rule: nil, text: gap.description))
                return nil
            }
            return value
        }
        let cin = flag(0), parentCarer = flag(1), youngCarer = flag(2), s47 = flag(3)
        var team: Team?
        if let answer = answers[4] {
            if case .string(let code) = answer, !code.isEmpty {
                team = Team(rawValue: code)
            } else {
                let gap = UndecidedTable(table: names[4], why: "it gave \(answer), not a team code")
                undecided.append(gap)
                reasonsByDecision[4].append(.init(table: names[4], rule: nil, text: gap.description))
            }
        }
        return RoutingDecision(
            cinAssessment: cin, parentCarerAssessment: parentCarer, youngCarerAssessment: youngCarer,
            safeguardingS47: s47, team: team,
            reasons: reasonsByDecision.flatMap { $0 },
            undecided: undecided,
            provenance: RoutingProvenance(
                files: rules.files, version: rules.version, tables: names, firedRules: firedByDecision.flatMap { $0 }))
    }
}

extension UndecidedTable: Error {}
