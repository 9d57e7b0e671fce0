// The boxed expressions a decision or business knowledge model can hold, compiled, and their evaluation.
import FEEL

/// A decision's (or a function's) logic. Slots hold the model's values; a boxed context appends one slot per
/// entry, so later entries read earlier ones by name like any other value.
indirect enum Logic: Sendable {
    case literal(FEELExpression)
    case table(DecisionTable)
    /// Entries in order, then the result (the unnamed last entry), or a context of the entries.
    case context(entries: [(name: String, logic: Logic)], result: Logic?)
    case invocation(callee: FEELExpression, arguments: [(name: String, logic: Logic)])
    case list([Logic])
    case relation(columns: [String], rows: [[Logic]])
    /// `function(a, b)` as a boxed expression: a function value whose body sees the slots plus its parameters.
    case function(parameters: [String], body: Logic)
    /// Logic that could not be compiled: null when evaluated, with the reason.
    case failed(String)

    /// The value, the rules that fired (for a table) and why it could not decide, if it could not.
    func evaluate(slots: [FEELValue]) -> (value: FEELValue, firedRules: FiredRules, problem: String?) {
        switch self {
        case .literal(let expression):
            return (expression.evaluate(slots: slots), .none, nil)
        case .table(let table):
            return table.evaluate(slots: slots)
        case .context(let entries, let result):
            var scope = slots
            var context = FEELContext()
            for entry in entries {
                let (value, _, problem) = entry.logic.evaluate(slots: scope)
                if let problem { return (.null, .none, "\(entry.name): \(problem)") }
                context[entry.name] = value
                scope.append(value)
            }
            guard let result else { return (.context(context), .none, nil) }
            return result.evaluate(slots: scope)
        case .invocation(let callee, let arguments):
            guard case .function(let function) = callee.evaluate(slots: slots) else {
                return (.null, .none, "\(callee.source) is not a function")
            }
            var values = Array(repeating: FEELValue.null, count: function.parameters.count)
            for argument in arguments {
                guard let index = function.parameters.firstIndex(of: argument.name) else {
                    return (.null, .none, "\(callee.source) has no parameter \(argument.name)")
                }
                let (value, _, problem) = argument.logic.evaluate(slots: slots)
                if let problem { return (.null, .none, problem) }
                values[index] = value
            }
            return (function(values), .none, nil)
        case .list(let items):
            var values: [FEELValue] = []
            for item in items {
                let (value, _, problem) = item.evaluate(slots: slots)
                if let problem { return (.null, .none, problem) }
                values.append(value)
            }
            return (.list(values), .none, nil)
        case .relation(let columns, let rows):
            var values: [FEELValue] = []
            for row in rows {
                var context = FEELContext()
                for (column, cell) in zip(columns, row) {
                    let (value, _, problem) = cell.evaluate(slots: slots)
                    if let problem { return (.null, .none, problem) }
                    context[column] = value
                }
                values.append(.context(context))
            }
            return (.list(values), .none, nil)
        case .function(let parameters, let body):
            return (.function(Logic.functionValue(parameters: parameters, body: body, slots: slots)), .none, nil)
        case .failed(let reason):
            return (.null, .none, reason)
        }
    }

    /// A function whose body sees `slots` followed by its arguments.
    static func functionValue(parameters: [String], body: Logic, slots: [FEELValue]) -> FEELFunction {
        FEELFunction(parameters: parameters) { arguments, _ in
            body.evaluate(slots: slots + arguments).value
        }
    }
}
