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

struct DecisionTable: Sendable {
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
    /// Every rule's input entries in one array, row by row: rule `r`'s cell for input `i` is at `r * inputs.count + i`.
    let cells: [CellTest]
    let hitPolicy: HitPolicy
    let aggregation: Aggregation?
    let location: XMLLocation

    /// Evaluates the table. The result's `problem` says why a table could not decide, and `firedRules` which
    /// rules matched (in rule order), for the record and the reasons.
    func evaluate(slots: [FEELValue]) -> (value: FEELValue, firedRules: [Int], problem: String?) {
        let columns = inputs.count
        var inputValues: [FEELValue] = []
        inputValues.reserveCapacity(columns)
        for input in inputs {
            let value = input.expression.evaluate(slots: slots)
            if let allowed = input.allowedValues, !value.isNull, !allowed.test(value, slots: slots) {
                return (.null, [], "\(input.label) is \(value), which is not one of its allowed values (\(allowed.source))")
            }
            inputValues.append(value)
        }
        var matched: [Int] = []
        var cell = 0
        rules: for rule in 0..<rules.count {
            for column in 0..<columns where !cells[cell + column].matches(inputValues[column], slots: slots) {
                cell += columns
                continue rules
            }
            cell += columns
            matched.append(rule)
            if hitPolicy == .first { break }
        }
        return combine(matched, slots: slots)
    }

    private func combine(_ matched: [Int], slots: [FEELValue]) -> (value: FEELValue, firedRules: [Int], problem: String?) {
        if matched.isEmpty {
            if hitPolicy == .collect, aggregation == .count { return (.number(0), [], nil) }
            if let defaults = defaultResult(slots: slots) { return (defaults, [], nil) }
            if [.collect, .ruleOrder, .outputOrder].contains(hitPolicy), aggregation == nil { return (.list([]), [], nil) }
            return (.null, [], "no rule matched")
        }
        switch hitPolicy {
        case .first:
            return (result(of: matched[0], slots: slots), matched, nil)
        case .unique:
            guard matched.count == 1 else {
                return (.null, matched, "rules \(ruleList(matched)) all matched, but the table's hit policy is UNIQUE")
            }
            return (result(of: matched[0], slots: slots), matched, nil)
        case .any:
            let first = result(of: matched[0], slots: slots)
            for rule in matched.dropFirst() where result(of: rule, slots: slots).feelEquals(first) != true {
                return (.null, matched, "rules \(ruleList(matched)) matched with different outputs, but the table's hit policy is ANY")
            }
            return (first, matched, nil)
        case .priority:
            let ordered = byPriority(matched, slots: slots)
            return (result(of: ordered[0], slots: slots), [ordered[0]], nil)
        case .outputOrder:
            let ordered = byPriority(matched, slots: slots)
            return (.list(ordered.map { result(of: $0, slots: slots) }), ordered, nil)
        case .ruleOrder:
            return (.list(matched.map { result(of: $0, slots: slots) }), matched, nil)
        case .collect:
            let values = matched.map { result(of: $0, slots: slots) }
            guard let aggregation else { return (.list(values), matched, nil) }
            return (aggregate(values, aggregation), matched, nil)
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
