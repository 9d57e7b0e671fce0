// Evaluates compiled FEEL: one switch over the node kinds, with FEEL's null propagation throughout.

/// What an evaluation reads: the host's slots and named scope, the locals pushed so far, and `?`; and what it
/// may still spend.
struct Environment: Sendable {
    let slots: [FEELValue]
    let scope: [String: FEELValue]
    var locals: [FEELValue] = []
    var input: FEELValue = .null
    var budget: FEELBudget

    init(slots: [FEELValue], scope: [String: FEELValue], locals: [FEELValue] = [], input: FEELValue = .null,
         budget: FEELBudget = FEELBudget()) {
        self.slots = slots
        self.scope = scope
        self.locals = locals
        self.input = input
        self.budget = budget
    }
}

enum Evaluator {
    /// Evaluates a node, one step and one level of the budget; null once the budget is spent.
    static func evaluate(_ node: Node, _ environment: inout Environment) -> FEELValue {
        guard environment.budget.spend(), environment.budget.enter() else { return .null }
        defer { environment.budget.leave() }
        return evaluateNode(node, &environment)
    }

    private static func evaluateNode(_ node: Node, _ environment: inout Environment) -> FEELValue {
        switch node {
        case .literal(let value):
            return value
        case .slot(let index):
            return index < environment.slots.count ? environment.slots[index] : .null
        case .global(let name):
            return environment.scope[name] ?? .null
        case .local(let index):
            return environment.locals[index]
        case .itemEntry(let name, let frame, let fallback):
            if case .context(let context) = environment.locals[frame], let value = context[name] { return value }
            return evaluate(fallback, &environment)
        case .input:
            return environment.input
        case .list(let nodes):
            return .list(nodes.map { evaluate($0, &environment) })
        case .context(let entries, let frame):
            // The parser refused repeated keys, so the entries go in as they are, without a search per key.
            var values: [(key: String, value: FEELValue)] = []
            values.reserveCapacity(entries.count)
            for entry in entries {
                let value = evaluate(entry.value, &environment)
                values.append((entry.key, value))
                environment.locals.append(value)
            }
            environment.locals.removeSubrange(frame...)
            return .context(FEELContext(distinctEntries: values))
        case .range(let low, let lowClosed, let high, let highClosed):
            let lowValue = low.map { evaluate($0, &environment) }
            let highValue = high.map { evaluate($0, &environment) }
            return .range(FEELRange(low: lowValue, lowClosed: lowClosed, high: highValue, highClosed: highClosed))
        case .equalityRange(let equality, let value):
            return .range(FEELRange(equality, evaluate(value, &environment)))
        case .path(let base, let key):
            return Properties.value(of: evaluate(base, &environment), key: key)
        case .filter(let base, let test, let frame):
            return filter(evaluate(base, &environment), test, frame: frame, &environment)
        case .callBuiltin(let overload, let arguments):
            let values = arguments.map { evaluate($0, &environment) }
            return overload.call(values, budget: &environment.budget)
        case .callValue(let callee, let arguments):
            guard case .function(let function) = evaluate(callee, &environment) else { return .null }
            let values = arguments.map { evaluate($0, &environment) }
            return function.call(values, budget: &environment.budget)
        case .callFunctionOrBuiltin(let callee, let overload, let arguments):
            let values = arguments.map { evaluate($0, &environment) }
            if case .function(let function) = evaluate(callee, &environment) {
                return function.call(values, budget: &environment.budget)
            }
            return overload.call(values, budget: &environment.budget)
        case .callValueNamed(let callee, let arguments):
            guard case .function(let function) = evaluate(callee, &environment) else { return .null }
            var values = Array(repeating: FEELValue.null, count: function.parameters.count)
            for argument in arguments {
                guard let index = function.parameters.firstIndex(of: argument.name) else { return .null }
                values[index] = evaluate(argument.value, &environment)
            }
            return function.call(values, budget: &environment.budget)
        case .negate(let operand):
            return Arithmetic.negate(evaluate(operand, &environment))
        case .arithmetic(let op, let left, let right):
            let a = evaluate(left, &environment)
            let b = evaluate(right, &environment)
            // Joining strings is the one operator that makes a value larger than its operands: measured first.
            if op == .add, case .string(let x) = a, case .string(let y) = b,
               !environment.budget.allowsString(x.utf8.count + y.utf8.count) { return .null }
            return Arithmetic.apply(op, a, b)
        case .and(let left, let right):
            let a = evaluate(left, &environment)
            if a == .false { return .false }
            let b = evaluate(right, &environment)
            if b == .false { return .false }
            return a == .true && b == .true ? .true : .null
        case .or(let left, let right):
            let a = evaluate(left, &environment)
            if a == .true { return .true }
            let b = evaluate(right, &environment)
            if b == .true { return .true }
            return a == .false && b == .false ? .false : .null
        case .comparison(let op, let left, let right):
            return compare(op, evaluate(left, &environment), evaluate(right, &environment))
        case .between(let value, let low, let high):
            let x = evaluate(value, &environment)
            guard let above = x.compare(evaluate(low, &environment)),
                  let below = x.compare(evaluate(high, &environment)) else { return .null }
            return .boolean(above >= 0 && below <= 0)
        case .inTests(let value, let tests):
            let saved = environment.input
            environment.input = evaluate(value, &environment)
            defer { environment.input = saved }
            // True when a test passes, null when none does but one could not be decided, else false.
            var undecided = false
            for test in tests {
                switch passes(test, &environment) {
                case true?: return .true
                case nil: undecided = true
                case false?: continue
                }
            }
            return undecided ? .null : .false
        case .ifThenElse(let condition, let then, let otherwise):
            return evaluate(condition, &environment) == .true ? evaluate(then, &environment) : evaluate(otherwise, &environment)
        case .forLoop(let iterations, let body, let frame, let usesPartial):
            var results: [FEELValue] = []
            let outcome = iterate(iterations, 0, frame: frame, &environment) { environment in
                guard results.count < FEELLimits.maximumListLength else {
                    environment.budget.stop(.listLength)
                    return false
                }
                guard let usesPartial else {
                    results.append(evaluate(body, &environment))
                    return true
                }
                // `partial`, the results so far, is the local after the iteration variables. Handing it over
                // copies the results: paid for, so a long loop stays bounded.
                if usesPartial { guard environment.budget.spend(results.count) else { return false } }
                environment.locals.append(usesPartial ? .list(results) : .null)
                let value = evaluate(body, &environment)
                environment.locals.removeLast()
                results.append(value)
                return true
            }
            return outcome == true ? .list(results) : .null
        case .quantified(let every, let iterations, let body, let frame):
            // `some` stops at the first true, `every` at the first value that is not true.
            let outcome = iterate(iterations, 0, frame: frame, &environment) { environment in
                (evaluate(body, &environment) == .true) == every
            }
            guard let completed = outcome else { return .null }
            return .boolean(every ? completed : !completed)
        case .function(let parameters, let types, let result, let body, let frame):
            let captured = Environment(
                slots: environment.slots, scope: environment.scope, locals: Array(environment.locals[..<frame]))
            return .function(FEELFunction(parameters: parameters, parameterTypes: types, resultType: result) { arguments, budget in
                var inner = captured
                inner.locals += arguments
                inner.budget = budget
                defer { budget = inner.budget }
                return evaluate(body, &inner)
            })
        case .instanceOf(let value, let type):
            return .boolean(type.admits(evaluate(value, &environment)))
        }
    }

    static func compare(_ op: ComparisonOperator, _ a: FEELValue, _ b: FEELValue) -> FEELValue {
        switch op {
        case .equal: return a.feelEquals(b).map(FEELValue.boolean) ?? .null
        case .notEqual: return a.feelEquals(b).map { .boolean(!$0) } ?? .null
        default:
            guard let order = a.compare(b) else { return .null }
            switch op {
            case .less: return .boolean(order < 0)
            case .lessOrEqual: return .boolean(order <= 0)
            case .greater: return .boolean(order > 0)
            default: return .boolean(order >= 0)
            }
        }
    }

    /// `list[test]`: a number picks an item (from 1; negative counts from the end), anything else filters.
    private static func filter(_ base: FEELValue, _ test: Node, frame: Int, _ environment: inout Environment) -> FEELValue {
        let elements: [FEELValue]
        switch base {
        case .null: return .null
        case .list(let list): elements = list
        default: elements = [base]
        }
        guard !elements.isEmpty else { return .list([]) }
        environment.locals.append(elements[0])
        defer { environment.locals.removeLast() }
        if case .number(let number) = evaluate(test, &environment) {
            guard let index = number.exactInt, index != 0, abs(index) <= elements.count else { return .null }
            return elements[index > 0 ? index - 1 : elements.count + index]
        }
        var kept: [FEELValue] = []
        for element in elements {
            environment.locals[frame] = element
            if evaluate(test, &environment) == .true { kept.append(element) }
            if environment.budget.isExhausted { return .null }
        }
        return .list(kept)
    }

    /// Runs `body` for each combination of the iteration variables (nested, left to right) while it returns
    /// true. Returns true when every combination ran, false when `body` stopped, nil when a source is not
    /// something to iterate over or the budget ran out.
    private static func iterate(
        _ iterations: [Iteration], _ index: Int, frame: Int, _ environment: inout Environment,
        _ body: (inout Environment) -> Bool
    ) -> Bool? {
        guard index < iterations.count else { return body(&environment) }
        guard let source = source(of: iterations[index], &environment) else { return nil }
        environment.locals.append(.null)
        defer { environment.locals.removeLast() }
        func visit(_ value: FEELValue, _ environment: inout Environment) -> Bool? {
            environment.locals[frame + index] = value
            let outcome = iterate(iterations, index + 1, frame: frame, &environment, body)
            return environment.budget.isExhausted ? nil : outcome
        }
        switch source {
        case .values(let values):
            for value in values {
                guard let outcome = visit(value, &environment) else { return nil }
                if !outcome { return false }
            }
        case .integers(let first, let last):
            // Counted as it goes, never made into a list: `for i in 1..1000000000` stops when the budget does.
            let step = first <= last ? 1 : -1
            var current = first
            while true {
                guard let outcome = visit(.number(FEELNumber(current)), &environment) else { return nil }
                if !outcome { return false }
                if current == last { break }
                current += step
            }
        case .days(let first, let last):
            let step = first <= last ? 1 : -1
            var current = first
            while true {
                guard let outcome = visit(.date(FEELDate(daysSinceEpoch: current)), &environment) else { return nil }
                if !outcome { return false }
                if current == last { break }
                current += step
            }
        }
        return true
    }

    /// What one iteration variable runs over.
    private enum IterationSource {
        case values([FEELValue])
        /// Whole numbers from `first` to `last` inclusive, counting down when `last` is smaller.
        case integers(first: Int, last: Int)
        /// Dates, as days since 1970, from `first` to `last` inclusive.
        case days(first: Int, last: Int)
    }

    /// The values one iteration variable takes: a list's items, a range's or `a..b`'s whole numbers or dates.
    private static func source(of iteration: Iteration, _ environment: inout Environment) -> IterationSource? {
        let start = evaluate(iteration.source, &environment)
        if let endNode = iteration.end {
            let end = evaluate(endNode, &environment)
            switch (start, end) {
            case (.number(let low), .number(let high)):
                guard let first = low.exactInt, let last = high.exactInt else { return nil }
                return .integers(first: first, last: last)
            case (.date(let low), .date(let high)):
                return .days(first: low.daysSinceEpoch, last: high.daysSinceEpoch)
            default:
                return nil
            }
        }
        switch start {
        case .list(let list):
            return .values(list)
        case .range(let range):
            switch (range.low, range.high) {
            case (.number(let low)?, .number(let high)?):
                guard let first = low.exactInt, let last = high.exactInt else { return nil }
                let from = range.lowClosed ? first : first + 1
                let to = range.highClosed ? last : last - 1
                // A range runs upwards: `[2..1]` is not one to iterate over.
                guard first <= last else { return nil }
                return from <= to ? .integers(first: from, last: to) : .values([])
            case (.date(let low)?, .date(let high)?):
                guard low <= high else { return nil }
                let from = low.daysSinceEpoch + (range.lowClosed ? 0 : 1)
                let to = high.daysSinceEpoch - (range.highClosed ? 0 : 1)
                return from <= to ? .days(first: from, last: to) : .values([])
            default:
                return nil
            }
        case .null:
            return nil
        default:
            return .values([start])
        }
    }

    // MARK: Unary tests

    static func test(_ tests: UnaryTestsNode, _ environment: inout Environment) -> Bool {
        switch tests {
        case .any:
            return true
        case .tests(let positives, let negated):
            let passed = positives.contains { passes($0, &environment) == true }
            return negated ? !passed : passed
        }
    }

    /// One positive unary test against `environment.input`.
    /// One positive unary test against `environment.input`; nil when it cannot be decided (a comparison of
    /// different kinds, a range with a null end).
    static func passes(_ test: PositiveTest, _ environment: inout Environment) -> Bool? {
        let input = environment.input
        switch test {
        case .comparison(let op, let endpoint):
            return compare(op, input, evaluate(endpoint, &environment)).booleanValue
        case .range(let low, let lowClosed, let high, let highClosed):
            let lowValue = low.map { evaluate($0, &environment) }
            let highValue = high.map { evaluate($0, &environment) }
            return FEELRange(low: lowValue, lowClosed: lowClosed, high: highValue, highClosed: highClosed).contains(input)
        case .expression(let node, let usesInput):
            let value = evaluate(node, &environment)
            if usesInput { return value.booleanValue }
            return matches(input, value)
        }
    }

    /// Whether an input matches the value of a unary-test expression: equal to it, in it (a list), or
    /// within it (a range).
    static func matches(_ input: FEELValue, _ value: FEELValue) -> Bool? {
        switch value {
        case .list(let elements):
            if case .list = input, input.feelEquals(value) == true { return true }
            var undecided = false
            for element in elements {
                // A list's value of another kind is simply not the input (`true in [false, 2]` is false).
                let matched = if case .range(let range) = element { range.contains(input) } else { input.feelEquals(element) ?? false }
                if matched == true { return true }
                if matched == nil { undecided = true }
            }
            return undecided ? nil : false
        case .range(let range):
            return range.contains(input)
        default:
            return input.feelEquals(value)
        }
    }
}
