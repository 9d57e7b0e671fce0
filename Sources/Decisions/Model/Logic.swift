// The boxed expressions a decision or business knowledge model can hold, compiled, and their evaluation.
import FEEL

/// A decision's (or a function's) logic. Slots hold the model's values; a boxed context appends one slot per
/// entry, so later entries read earlier ones by name like any other value, and a boxed iteration appends one
/// for its variable.
indirect enum Logic: Sendable {
    case literal(FEELExpression)
    /// A value known when the model loads (an external function).
    case constant(FEELValue)
    case table(DecisionTable)
    /// Entries in order, then the result (the unnamed last entry), or a context of the entries.
    case context(entries: [(name: String, logic: Logic)], result: Logic?)
    case invocation(callee: FEELExpression, arguments: [(name: String, logic: Logic)])
    case list([Logic])
    case relation(columns: [String], rows: [[Logic]])
    /// `function(a, b)` as a boxed expression: a function value whose body sees the slots plus its parameters.
    case function(parameters: [String], body: Logic)
    /// A boxed conditional (DMN 1.5): `then` when the condition is true, else `otherwise`.
    case conditional(condition: Logic, then: Logic, otherwise: Logic)
    /// A boxed filter: the items of `source` for which `match` (seeing the item as one more slot) is true.
    case filter(source: Logic, match: Logic)
    /// A boxed `for`, `some` or `every`: `body` for each item of `source`, seeing it as one more slot.
    case iteration(Iteration, source: Logic, body: Logic)
    /// Logic whose value is held to a type (a boxed expression's own `typeRef`), after FEEL's singleton-list
    /// conversions: a value of another type is null, with the reason.
    case typed(Logic, ValueType)
    /// Logic that could not be compiled: null when evaluated, with the reason.
    case failed(String)

    enum Iteration: Sendable {
        case collect, some, every
    }

    /// The value, the rules that fired (for a table) and why it could not decide, if it could not.
    func evaluate(slots: [FEELValue]) -> (value: FEELValue, firedRules: FiredRules, problem: String?) {
        var budget = FEELBudget()
        let result = evaluate(slots: slots, budget: &budget)
        return (result.value, result.firedRules, result.problem ?? budget.problem)
    }

    /// `evaluate(slots:)` within a budget shared by everything the logic evaluates.
    func evaluate(slots: [FEELValue], budget: inout FEELBudget) -> (value: FEELValue, firedRules: FiredRules, problem: String?) {
        switch self {
        case .literal(let expression):
            let value = expression.evaluate(slots: slots, budget: &budget)
            return (value, .none, budget.problem)
        case .constant(let value):
            return (value, .none, nil)
        case .table(let table):
            return table.evaluate(slots: slots)
        case .context(let entries, let result):
            var scope = slots
            var context = FEELContext()
            for entry in entries {
                let (value, _, problem) = entry.logic.evaluate(slots: scope, budget: &budget)
                if let problem, budget.isExhausted { return (.null, .none, "\(entry.name): \(problem)") }
                context[entry.name] = value
                scope.append(value)
            }
            guard let result else { return (.context(context), .none, nil) }
            return result.evaluate(slots: scope, budget: &budget)
        case .invocation(let callee, let arguments):
            guard case .function(let function) = callee.evaluate(slots: slots, budget: &budget) else {
                return (.null, .none, "\(callee.source) is not a function")
            }
            var values = Array(repeating: FEELValue.null, count: function.parameters.count)
            for argument in arguments {
                guard let index = function.parameters.firstIndex(of: argument.name) else {
                    return (.null, .none, "\(callee.source) has no parameter \(argument.name)")
                }
                values[index] = argument.logic.evaluate(slots: slots, budget: &budget).value
            }
            return (function.call(values, budget: &budget), .none, budget.problem)
        case .list(let items):
            var values: [FEELValue] = []
            for item in items { values.append(item.evaluate(slots: slots, budget: &budget).value) }
            return (.list(values), .none, budget.problem)
        case .relation(let columns, let rows):
            var values: [FEELValue] = []
            for row in rows {
                var context = FEELContext()
                for (column, cell) in zip(columns, row) {
                    context[column] = cell.evaluate(slots: slots, budget: &budget).value
                }
                values.append(.context(context))
            }
            return (.list(values), .none, budget.problem)
        case .function(let parameters, let body):
            return (.function(Logic.functionValue(parameters: parameters, body: body, slots: slots)), .none, nil)
        case .conditional(let condition, let then, let otherwise):
            // A boxed condition must be a boolean (or null, which takes the else branch).
            switch condition.evaluate(slots: slots, budget: &budget).value {
            case .true: return then.evaluate(slots: slots, budget: &budget)
            case .false, .null: return otherwise.evaluate(slots: slots, budget: &budget)
            case let other: return (.null, .none, "the condition is \(other), not a boolean")
            }
        case .filter(let source, let match):
            guard let items = Self.items(source.evaluate(slots: slots, budget: &budget).value) else { return (.null, .none, nil) }
            var kept: [FEELValue] = []
            for item in items {
                switch match.evaluate(slots: slots + [item], budget: &budget).value {
                case .true: kept.append(item)
                case .false, .null: continue
                case let other: return (.null, .none, "the filter's match is \(other), not a boolean")
                }
            }
            return budget.isExhausted ? (.null, .none, budget.problem) : (.list(kept), .none, nil)
        case .iteration(let kind, let source, let body):
            guard let items = Self.items(source.evaluate(slots: slots, budget: &budget).value) else { return (.null, .none, nil) }
            var results: [FEELValue] = []
            for item in items {
                let value = body.evaluate(slots: slots + [item], budget: &budget).value
                if budget.isExhausted { return (.null, .none, budget.problem) }
                if kind != .collect, value.booleanValue == nil, !value.isNull {
                    return (.null, .none, "\(kind == .some ? "some" : "every") is \(value), not a boolean")
                }
                switch kind {
                case .collect: results.append(value)
                case .some: if value == .true { return (.true, .none, nil) }
                case .every: if value != .true { return (.false, .none, nil) }
                }
            }
            switch kind {
            case .collect: return (.list(results), .none, nil)
            case .some: return (.false, .none, nil)
            case .every: return (.true, .none, nil)
            }
        case .typed(let logic, let type):
            let (value, fired, problem) = logic.evaluate(slots: slots, budget: &budget)
            return type.held(value, firedRules: fired, problem: problem)
        case .failed(let reason):
            return (.null, .none, reason)
        }
    }

    /// What a boxed iteration runs over: a list's items, or a single value as a list of one.
    private static func items(_ value: FEELValue) -> [FEELValue]? {
        switch value {
        case .list(let items): items
        case .null: nil
        default: [value]
        }
    }

    /// A function whose body sees `slots` followed by its arguments.
    static func functionValue(parameters: [String], body: Logic, slots: [FEELValue], parameterTypes: [FEELType?] = []) -> FEELFunction {
        FEELFunction(parameters: parameters, parameterTypes: parameterTypes) { arguments, budget in
            body.evaluate(slots: slots + arguments, budget: &budget).value
        }
    }
}
