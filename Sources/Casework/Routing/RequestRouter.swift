// Routes a needs request: its facts through the routing tables to the contract's decision.
import Decisions
import FEEL

/// Decides, from a request's facts, what the family gets and which team picks it up, by evaluating the
/// routing tables (Forms/rules). Load it once and route many requests: the tables are parsed only at load.
///
/// The router decides nothing itself. It maps the facts to the tables' inputs (`RoutingInputs`), asks the
/// concern table about each coded concern and each other table once, and reports what the tables said, with one
/// reason per fired rule written for whoever asked (`RequestFacts.reader`). A table that cannot decide makes
/// that answer undecided, with the reason, so that a person decides; there is no default answer.
public struct RequestRouter: Sendable {
    public let rules: RoutingRules

    public init(rules: RoutingRules) {
        self.rules = rules
    }


    public func route(_ facts: RequestFacts) -> RoutingDecision {
        let names = RoutingRules.decisionNames
        let reader = facts.reader
        // The routing values: the inputs, the concern counts, then the contract's answers as each file's tables decide them.
        var values = RoutingInputs.values(facts, reservingExtra: RoutingRules.valueCount - RoutingInputs.names.count)
        values += repeatElement(FEELValue.null, count: RoutingRules.valueCount - RoutingInputs.names.count)
        var reasons: [RoutingDecision.Reason] = []
        var undecided: [UndecidedTable] = []
        reasons.reserveCapacity(names.count + facts.concerns.count)
        // Each concern is judged on its own, by the concern table; the s47 table reads the counts.
        var concernReasons: [RoutingDecision.Reason] = []
        if !facts.concerns.isEmpty {
            let (cause, forAPerson) = judge(facts.concerns, values: values, reader: reader, reasons: &concernReasons)
            values[RoutingRules.concernCountsBase] = .number(FEELNumber(cause))
            values[RoutingRules.concernCountsBase + 1] = .number(FEELNumber(forAPerson))
        } else {
            values[RoutingRules.concernCountsBase] = .number(0)
            values[RoutingRules.concernCountsBase + 1] = .number(0)
        }
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
                if result.isDecided { values[RoutingRules.answersBase + answer.decision] = result.value }
            }
            decided.append(results)
        }
        /// One answer's value, its fired rules recorded; nil, recorded as undecided with the reason, when its
        /// table could not decide, gave a value of the wrong kind, or left the answer to a person on purpose (a
        /// rule whose output is null: its own reason says why).
        func answer<Value>(_ decision: Int, expecting what: String, _ read: (FEELValue) -> Value?) -> Value? {
            guard let (model, answerIndex) = source[decision] else { return nil }
            let answer = rules.models[model].answers[answerIndex]
            let result = decided[model][answer.position]
            for rule in result.firedRules {
                if let reason = answer.reason(rule: rule, for: reader) { reasons.append(reason) }
            }
            if result.problem == nil, let value = read(result.value) { return value }
            if result.problem == nil, result.value == .null, !result.firedRules.isEmpty {
                undecided.append(UndecidedTable(table: names[decision], why: "its rule leaves this to a person"))
                return nil
            }
            let gap = UndecidedTable(table: names[decision], why: result.problem ?? "it gave \(result.value), not \(what)")
            undecided.append(gap)
            reasons.append(.init(table: names[decision], rule: nil, text: gap.description))
            return nil
        }
        let cin = answer(0, expecting: "true or false", \.booleanValue)
        let parentCarer = answer(1, expecting: "true or false", \.booleanValue)
        let youngCarer = answer(2, expecting: "true or false", \.booleanValue)
        reasons += concernReasons
        let s47 = answer(3, expecting: "true or false", \.booleanValue)
        let team = answer(4, expecting: "a team code") { value -> Team? in
            guard case .string(let code) = value, !code.isEmpty else { return nil }
            return Team(rawValue: code)
        }
        let transition = answer(5, expecting: "true or false", \.booleanValue)
        return RoutingDecision(
            cinAssessment: cin, parentCarerAssessment: parentCarer, youngCarerAssessment: youngCarer,
            safeguardingS47: s47, team: team, adultTransition: transition, reasons: reasons, undecided: undecided,
            provenance: RoutingProvenance(files: rules.files, version: rules.version, tables: names, reasons: reasons))
    }

    /// Asks the concern table about each concern: how many give cause, and how many are for a person to judge
    /// (the table answered null, or could not decide). Each fired rule's reason is kept once, in order.
    private func judge(
        _ concerns: [RequestFacts.Concern], values: [FEELValue], reader: ReasonReader, reasons: inout [RoutingDecision.Reason]
    ) -> (cause: Int, forAPerson: Int) {
        let bound = rules.concernModel
        let answer = bound.answers[0]
        var cause = 0, forAPerson = 0
        for concern in concerns {
            let own = RoutingInputs.concernValues(concern)
            var inputs = bound.model.makeInputs()
            for binding in bound.bindings {
                inputs[binding.slot] = binding.source < RoutingInputs.names.count ? values[binding.source] : own[binding.source - RoutingInputs.names.count]
            }
            let result = bound.model.evaluate(inputs)[answer.position]
            for rule in result.firedRules {
                if let reason = answer.reason(rule: rule, for: reader), !reasons.contains(reason) { reasons.append(reason) }
            }
            switch (result.problem, result.value) {
            case (nil, .boolean(true)): cause += 1
            case (nil, .boolean(false)): break
            case (nil, .null) where !result.firedRules.isEmpty: forAPerson += 1
            default:
                forAPerson += 1
                let why = result.problem ?? "it gave \(result.value), not true, false or null"
                let gap = RoutingDecision.Reason(
                    table: RoutingRules.concernDecision, rule: nil,
                    text: "The concern table could not judge the concern coded \(concern.code.rawValue) (\(why)), so a person will.")
                if !reasons.contains(gap) { reasons.append(gap) }
            }
        }
        return (cause, forAPerson)
    }
}

extension UndecidedTable: Error {}
