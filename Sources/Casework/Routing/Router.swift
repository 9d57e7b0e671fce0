// Routes a needs request: its facts through the routing tables to the contract's decision.
import Decisions
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
        // The routing values: the inputs, then the contract's answers as each file's tables decide them.
        var values = RoutingInputs.values(facts, reservingExtra: names.count)
        values += repeatElement(FEELValue.null, count: names.count)
        // Where each answer came from: the model's results, and which of its answers it is.
        var decided: [DecisionResults] = []
        var source: [(model: Int, answer: Int)?] = Array(repeating: nil, count: names.count)
        decided.reserveCapacity(rules.models.count)
        for (modelIndex, bound) in rules.models.enumerated() {
            var inputs = bound.model.makeInputs()
            for binding in bound.bindings { inputs[binding.slot] = values[binding.source] }
            let results = bound.model.evaluate(inputs)
            for (answerIndex, answer) in bound.answers.enumerated() {
                source[answer.decision] = (modelIndex, answerIndex)
                let result = results[answer.position]
                if result.isDecided { values[RoutingInputs.names.count + answer.decision] = result.value }
            }
            decided.append(results)
        }
        // The record, in the contract's order of answers: each fired rule's reason (which names the rule), and
        // why a table could not decide.
        var reasons: [RoutingDecision.Reason] = []
        var undecided: [UndecidedTable] = []
        reasons.reserveCapacity(names.count)
        /// One answer's value, its fired rules recorded; nil, recorded as undecided with the reason, when its
        /// table could not decide or gave a value of the wrong kind.
        func answer<Value>(_ decision: Int, expecting what: String, _ read: (FEELValue) -> Value?) -> Value? {
            guard let (model, answerIndex) = source[decision] else { return nil }
            let answer = rules.models[model].answers[answerIndex]
            let result = decided[model][answer.position]
            for rule in result.firedRules where rule < answer.reasons.count {
                reasons.append(answer.reasons[rule])
            }
            let why: String
            if let problem = result.problem {
                why = problem
            } else if let value = read(result.value) {
                return value
            } else {
                why = "it gave \(result.value), not \(what)"
            }
            let gap = UndecidedTable(table: names[decision], why: why)
            undecided.append(gap)
            reasons.append(.init(table: names[decision], rule: nil, text: gap.description))
            return nil
        }
        let cin = answer(0, expecting: "true or false", \.booleanValue)
        let parentCarer = answer(1, expecting: "true or false", \.booleanValue)
        let youngCarer = answer(2, expecting: "true or false", \.booleanValue)
        let s47 = answer(3, expecting: "true or false", \.booleanValue)
        let team = answer(4, expecting: "a team code") { value -> Team? in
            guard case .string(let code) = value, !code.isEmpty else { return nil }
            return Team(rawValue: code)
        }
        return RoutingDecision(
            cinAssessment: cin, parentCarerAssessment: parentCarer, youngCarerAssessment: youngCarer,
            safeguardingS47: s47, team: team, reasons: reasons, undecided: undecided,
            provenance: RoutingProvenance(files: rules.files, version: rules.version, tables: names, reasons: reasons))
    }
}

extension UndecidedTable: Error {}
