// A compiled decision table and its hit policies.
import FEEL
import Foundation
import HeededXML

/// How a table combines the rules that match (DMN 1.5 §8.2.11).
public enum HitPolicy: String, Sendable, CaseIterable {
    case unique = "UNIQUE", first = "FIRST", any = "ANY", priority = "PRIORITY", collect = "COLLECT"
    case ruleOrder = "RULE ORDER", outputOrder = "OUTPUT ORDER"

    /// DMN files write both `RULE ORDER` and `RULE_ORDER`, and the initial letter alone in older tools.
    init?(dmn text: String) {
        let normalised = text.uppercased().replacingOccurrences(of: "_", with: " ")
        switch normalised {
        case "U": self = .unique
        case "F": self = .first
        case "A": self = .any
        case "P": self = .priority
        case "C": self = .collect
        case "R": self = .ruleOrder
        case "O": self = .outputOrder
        default:
            guard let policy = HitPolicy(rawValue: normalised) else { return nil }
            self = policy
        }
    }
}

/// The aggregation of a COLLECT table.
public enum Aggregation: String, Sendable {
    case sum = "SUM", count = "COUNT", min = "MIN", max = "MAX"
}

/// A rule as the people who wrote it see it: its id, its annotations and where it is.
public struct RuleInfo: Sendable {
    public let id: String
    /// Annotation column values by the column's name (`reason`, `description`, ...).
    public let annotations: [String: String]
    public let location: XMLLocation
}

/// A compiled decision table. A class, so that evaluating one copies a reference rather than every array it
/// holds: tables are evaluated many times and never change after load.
final class DecisionTable: Sendable {
    struct Input: Sendable {
        let expression: FEELExpression
        let allowedValues: FEELUnaryTests?
        let label: String
    }

    struct Output: Sendable {
        /// The output's name: the key of its entry when the table has several outputs.
        let name: String
        let typeRef: String?
        /// The allowed values in priority order (first is highest), for PRIORITY and OUTPUT ORDER.
        let allowedValues: FEELUnaryTests?
        let priorities: [FEELValue]
        let defaultValue: FEELExpression?
    }

    struct Rule: Sendable {
        let outputs: [FEELExpression]
        let info: RuleInfo
    }

    let inputs: [Input]
    let outputs: [Output]
    let rules: [Rule]
    /// The rules' input entries, indexed by column for matching.
    let index: TableIndex
    /// For each input, the slot it reads when its expression is just a name; -1 when it must be evaluated.
    private let inputSlots: [Int]
    private let checksAllowedValues: Bool
    /// Every input is a plain name and none has allowed values: the values are read from the slots in place.
    private let readsOnlySlots: Bool
    let hitPolicy: HitPolicy
    let aggregation: Aggregation?
    let location: XMLLocation

    /// A table; `cells` holds every rule's input entries row by row (rule `r`'s cell for input `i` is at
    /// `r * inputs.count + i`).
    init(inputs: [Input], outputs: [Output], rules: [Rule], cells: [CellTest], hitPolicy: HitPolicy,
         aggregation: Aggregation?, location: XMLLocation) {
        precondition(cells.count == rules.count * inputs.count, "one cell per rule and input")
        self.inputs = inputs
        self.outputs = outputs
        self.rules = rules
        self.index = TableIndex(cells: cells, ruleCount: rules.count, columnCount: inputs.count)
        self.inputSlots = inputs.map { $0.expression.slotIndex ?? -1 }
        self.checksAllowedValues = inputs.contains { $0.allowedValues != nil }
        self.readsOnlySlots = !checksAllowedValues && !inputSlots.contains(-1)
        self.hitPolicy = hitPolicy
        self.aggregation = aggregation
        self.location = location
    }

    /// Evaluates the table. The result's `problem` says why a table could not decide, and `firedRules` which
    /// rules matched (in the order the hit policy used them), for the record and the reasons.
    ///
    /// This is the decision engine's inner loop, so it allocates nothing on the usual path: the input values
    /// live in a temporary buffer on the stack, rules are matched through the column index, and single-hit
    /// policies track matches in integers.
    func evaluate(slots: [FEELValue]) -> (value: FEELValue, firedRules: FiredRules, problem: String?) {
        let columns = inputs.count
        if readsOnlySlots {
            // The usual table: every input a plain name, no allowed values to check. Nothing to compute.
            return withUnsafeTemporaryAllocation(of: FEELValue.self, capacity: 0) { none in match(computed: none, slots: slots) }
        }
        return withUnsafeTemporaryAllocation(of: FEELValue.self, capacity: max(columns, 1)) { computed in
            // Inputs that are plain names are read in place from the slots; only the others are evaluated here.
            let base = computed.baseAddress!
            for column in 0..<columns {
                let slot = inputSlots[column]
                (base + column).initialize(to: slot >= 0 ? .null : inputs[column].expression.evaluate(slots: slots))
                guard checksAllowedValues, let allowed = inputs[column].allowedValues else { continue }
                let value = slot >= 0 ? slots[slot] : base[column]
                if !value.isNull, !allowed.test(value, slots: slots) {
                    base.deinitialize(count: column + 1)
                    return (.null, .none, "\(inputs[column].label) is \(value), which is not one of its allowed values (\(allowed.source))")
                }
            }
            defer { base.deinitialize(count: columns) }
            return match(computed: computed, slots: slots)
        }
    }

    private func match(computed: UnsafeMutableBufferPointer<FEELValue>, slots: [FEELValue]) -> (value: FEELValue, firedRules: FiredRules, problem: String?) {
        var first = -1
        var others: [Int] = []
        let stopAtFirst = hitPolicy == .first
        index.forEachMatch(inputSlots: inputSlots, computed: computed, slots: slots) { rule in
            if first < 0 {
                first = rule
                return !stopAtFirst
            }
            others.append(rule)
            return true
        }
        return combine(first: first, others: others, slots: slots)
    }

    private func combine(first: Int, others: [Int], slots: [FEELValue]) -> (value: FEELValue, firedRules: FiredRules, problem: String?) {
        guard first >= 0 else {
            if hitPolicy == .collect, aggregation == .count { return (.number(0), .none, nil) }
            if let defaults = defaultResult(slots: slots) { return (defaults, .none, nil) }
            if [.collect, .ruleOrder, .outputOrder].contains(hitPolicy), aggregation == nil { return (.list([]), .none, nil) }
            return (.null, .none, "no rule matched")
        }
        if others.isEmpty, hitPolicy != .collect, hitPolicy != .ruleOrder, hitPolicy != .outputOrder {
            return (result(of: first, slots: slots), .one(first), nil)
        }
        let matched = [first] + others
        switch hitPolicy {
        case .first:
            return (result(of: first, slots: slots), .one(first), nil)
        case .unique:
            return (.null, FiredRules(matched), "rules \(ruleList(matched)) all matched, but the table's hit policy is UNIQUE")
        case .any:
            let value = result(of: first, slots: slots)
            for rule in others where result(of: rule, slots: slots).feelEquals(value) != true {
                return (.null, FiredRules(matched), "rules \(ruleList(matched)) matched with different outputs, but the table's hit policy is ANY")
            }
            return (value, FiredRules(matched), nil)
        case .priority:
            let ordered = byPriority(matched, slots: slots)
            return (result(of: ordered[0], slots: slots), .one(ordered[0]), nil)
        case .outputOrder:
            let ordered = byPriority(matched, slots: slots)
            return (.list(ordered.map { result(of: $0, slots: slots) }), FiredRules(ordered), nil)
        case .ruleOrder:
            return (.list(matched.map { result(of: $0, slots: slots) }), FiredRules(matched), nil)
        case .collect:
            let values = matched.map { result(of: $0, slots: slots) }
            guard let aggregation else { return (.list(values), FiredRules(matched), nil) }
            return (aggregate(values, aggregation), FiredRules(matched), nil)
        }
    }

    private func ruleList(_ rules: [Int]) -> String {
        rules.map { "\($0 + 1) (\(self.rules[$0].info.id))" }.joined(separator: ", ")
    }

    /// A rule's outputs: the single value, or a context of all outputs by name.
    private func result(of rule: Int, slots: [FEELValue]) -> FEELValue {
        let expressions = rules[rule].outputs
        if outputs.count == 1 { return expressions[0].evaluate(slots: slots) }
        var context = FEELContext()
        for (index, output) in outputs.enumerated() { context[output.name] = expressions[index].evaluate(slots: slots) }
        return .context(context)
    }

    private func defaultResult(slots: [FEELValue]) -> FEELValue? {
        guard outputs.contains(where: { $0.defaultValue != nil }) else { return nil }
        if outputs.count == 1 { return outputs[0].defaultValue?.evaluate(slots: slots) }
        var context = FEELContext()
        for output in outputs { context[output.name] = output.defaultValue?.evaluate(slots: slots) ?? .null }
        return .context(context)
    }

    /// Matched rules from highest priority to lowest: by the first output's place in its output values, then
    /// the next output's, then rule order.
    private func byPriority(_ matched: [Int], slots: [FEELValue]) -> [Int] {
        let keys = matched.map { rule in
            outputs.indices.map { column -> Int in
                let value = rules[rule].outputs[column].evaluate(slots: slots)
                return outputs[column].priorities.firstIndex { $0.feelEquals(value) == true } ?? Int.max
            }
        }
        return matched.indices.sorted { a, b in
            keys[a].lexicographicallyPrecedes(keys[b]) || (keys[a] == keys[b] && matched[a] < matched[b])
        }.map { matched[$0] }
    }

    private func aggregate(_ values: [FEELValue], _ aggregation: Aggregation) -> FEELValue {
        switch aggregation {
        case .count:
            return .number(FEELNumber(values.count))
        case .sum:
            var total = FEELNumber.zero
            for value in values {
                guard case .number(let number) = value, let next = total + number else { return .null }
                total = next
            }
            return .number(total)
        case .min, .max:
            var best = values[0]
            for value in values.dropFirst() {
                guard let order = value.compare(best) else { return .null }
                if aggregation == .min ? order < 0 : order > 0 { best = value }
            }
            return best
        }
    }
}
