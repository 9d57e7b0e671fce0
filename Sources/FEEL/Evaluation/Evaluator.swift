// Evaluates compiled FEEL: one switch over the node kinds, with FEEL's null propagation throughout.

/// What an evaluation reads: the host's slots and named scope, the locals pushed so far, and `?`.
struct Environment: Sendable {
    let slots: [FEELValue]
    let scope: [String: FEELValue]
    var locals: [FEELValue] = []
    var input: FEELValue = .null
}

enum Evaluator {
    static func evaluate(_ node: Node, _ environment: inout Environment) -> FEELValue {
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
            var context = FEELContext()
            for entry in entries {
                let value = evaluate(entry.value, &environment)
                context[entry.key] = value
                environment.locals.append(value)
            }
            environment.locals.removeSubrange(frame...)
            return .context(context)
        case .range(let low, let lowClosed, let high, let highClosed):
            let lowValue = low.map { evaluate($0, &environment) }
            let highValue = high.map { evaluate($0, &environment) }
            return .range(FEELRange(
                low: lowValue?.isNull == true ? nil : lowValue, lowClosed: lowClosed,
                high: highValue?.isNull == true ? nil : highValue, highClosed: highClosed))
        case .path(let base, let key):
            return Properties.value(of: evaluate(base, &environment), key: key)
        case .filter(let base, let test, let frame):
            return filter(evaluate(base, &environment), test, frame: frame, &environment)
        case .callBuiltin(let overload, let arguments):
            return overload.call(arguments.map { evaluate($0, &environment) })
        case .callValue(let callee, let arguments):
            guard case .function(let function) = evaluate(callee, &environment) else { return .null }
            return function(arguments.map { evaluate($0, &environment) })
        case .callValueNamed(let callee, let arguments):
            guard case .function(let function) = evaluate(callee, &environment) else { return .null }
            var values = Array(repeating: FEELValue.null, count: function.parameters.count)
            for argument in arguments {
                guard let index = function.parameters.firstIndex(of: argument.name) else { return .null }
                values[index] = evaluate(argument.value, &environment)
            }
            return function(values)
        case .negate(let operand):
            return Arithmetic.negate(evaluate(operand, &environment))
        case .arithmetic(let op, let left, let right):
            return Arithmetic.apply(op, evaluate(left, &environment), evaluate(right, &environment))
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
            return .boolean(tests.contains { passes($0, &environment) })
        case .ifThenElse(let condition, let then, let otherwise):
            return evaluate(condition, &environment) == .true ? evaluate(then, &environment) : evaluate(otherwise, &environment)
        case .forLoop(let iterations, let body, let frame):
            var results: [FEELValue] = []
            let outcome = iterate(iterations, 0, frame: frame, &environment) { environment in
                results.append(evaluate(body, &environment))
                return true
            }
            return outcome == nil ? .null : .list(results)
        case .quantified(let every, let iterations, let body, let frame):
            // `some` stops at the first true, `every` at the first value that is not true.
            let outcome = iterate(iterations, 0, frame: frame, &environment) { environment in
                (evaluate(body, &environment) == .true) == every
            }
            guard let completed = outcome else { return .null }
            return .boolean(every ? completed : !completed)
        case .function(let parameters, let body, let frame):
            let captured = Environment(
                slots: environment.slots, scope: environment.scope, locals: Array(environment.locals[..<frame]))
            return .function(FEELFunction(parameters: parameters) { arguments in
                var inner = captured
                inner.locals += arguments
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
        }
        return .list(kept)
    }

    /// Runs `body` for each combination of the iteration variables (nested, left to right) while it returns
    /// true. Returns true when every combination ran, false when `body` stopped, nil when a source is not
    /// something to iterate over.
    private static func iterate(
        _ iterations: [Iteration], _ index: Int, frame: Int, _ environment: inout Environment,
        _ body: (inout Environment) -> Bool
    ) -> Bool? {
        guard index < iterations.count else { return body(&environment) }
        guard let values = values(of: iterations[index], &environment) else { return nil }
        environment.locals.append(.null)
        defer { environment.locals.removeLast() }
        for value in values {
            environment.locals[frame + index] = value
            switch iterate(iterations, index + 1, frame: frame, &environment, body) {
            case nil: return nil
            case false?: return false
            case true?: continue
            }
        }
        return true
    }

    /// The values one iteration variable takes: a list's items, a range's or `a..b`'s whole numbers.
    private static func values(of iteration: Iteration, _ environment: inout Environment) -> [FEELValue]? {
        let source = evaluate(iteration.source, &environment)
        func wholeNumbers(_ first: Int, _ last: Int) -> [FEELValue]? {
            guard abs(last - first) <= 1_000_000 else { return nil }
            let numbers = first <= last ? Array(first...last) : Array((last...first).reversed())
            return numbers.map { .number(FEELNumber($0)) }
        }
        if let endNode = iteration.end {
            guard case .number(let start) = source, case .number(let end) = evaluate(endNode, &environment),
                  let first = start.exactInt, let last = end.exactInt else { return nil }
            return wholeNumbers(first, last)
        }
        switch source {
        case .list(let list):
            return list
        case .range(let range):
            guard case .number(let low)? = range.low, case .number(let high)? = range.high,
                  let first = low.exactInt, let last = high.exactInt else { return nil }
            let from = range.lowClosed ? first : first + 1
            let to = range.highClosed ? last : last - 1
            return from <= to ? wholeNumbers(from, to) : []
        case .null:
            return nil
        default:
            return [source]
        }
    }

    // MARK: Unary tests

    static func test(_ tests: UnaryTestsNode, _ environment: inout Environment) -> Bool {
        switch tests {
        case .any:
            return true
        case .tests(let positives, let negated):
            let passed = positives.contains { passes($0, &environment) }
            return negated ? !passed : passed
        }
    }

    /// One positive unary test against `environment.input`.
    static func passes(_ test: PositiveTest, _ environment: inout Environment) -> Bool {
        let input = environment.input
        switch test {
        case .comparison(let op, let endpoint):
            return compare(op, input, evaluate(endpoint, &environment)) == .true
        case .range(let low, let lowClosed, let high, let highClosed):
            let lowValue = low.map { evaluate($0, &environment) }
            let highValue = high.map { evaluate($0, &environment) }
            return FEELRange(low: lowValue, lowClosed: lowClosed, high: highValue, highClosed: highClosed).contains(input) == true
        case .expression(let node, let usesInput):
            let value = evaluate(node, &environment)
            if usesInput { return value == .true }
            return matches(input, value)
        }
    }

    /// Whether an input matches the value of a unary-test expression: equal to it, in it (a list), or
    /// within it (a range).
    static func matches(_ input: FEELValue, _ value: FEELValue) -> Bool {
        switch value {
        case .list(let elements):
            if case .list = input, input.feelEquals(value) == true { return true }
            return elements.contains { element in
                if case .range(let range) = element { return range.contains(input) == true }
                return input.feelEquals(element) == true
            }
        case .range(let range):
            return range.contains(input) == true
        default:
            return input.feelEquals(value) == true
        }
    }
}
