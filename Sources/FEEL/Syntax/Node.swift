// The compiled form of a FEEL expression: a tree whose names are already resolved to where their values live.

/// A compiled expression. The parser resolves every name once: to a host slot (a decision's inputs), to a
/// local (a `for` variable, a function parameter, an earlier context entry), to an entry of the current filter
/// item, or, failing those, to a name looked up in the host's scope. Built-in calls are bound to their
/// implementation. Evaluation therefore never parses, and never searches a list of names.
indirect enum Node: Sendable {
    case literal(FEELValue)
    /// A value the host placed at this index (`FEELLayout`).
    case slot(Int)
    /// A name the host provides by name (`[String: FEELValue]` scopes).
    case global(String)
    /// A local variable, by its absolute place on the local stack.
    case local(Int)
    /// Inside a filter: the current item's entry of this name if it has one, else the fallback.
    case itemEntry(String, frame: Int, fallback: Node)
    /// `?` in a unary test: the value under test.
    case input
    case list([Node])
    /// Entries evaluated in order, each visible to the ones after it from local `frame` on.
    case context([(key: String, value: Node)], frame: Int)
    case range(low: Node?, lowClosed: Bool, high: Node?, highClosed: Bool)
    case path(Node, String)
    /// `list[test]`, the item at local `frame`.
    case filter(Node, Node, frame: Int)
    case callBuiltin(BuiltinOverload, [Node])
    case callValue(Node, [Node])
    case callValueNamed(Node, [(name: String, value: Node)])
    case negate(Node)
    case arithmetic(ArithmeticOperator, Node, Node)
    case and(Node, Node)
    case or(Node, Node)
    case comparison(ComparisonOperator, Node, Node)
    case between(Node, Node, Node)
    case inTests(Node, [PositiveTest])
    case ifThenElse(Node, Node, Node)
    /// `for a in x, b in y return e`, the variables at locals `frame`, `frame + 1`, ...
    case forLoop([Iteration], Node, frame: Int)
    case quantified(every: Bool, [Iteration], Node, frame: Int)
    /// `function(a, b) body`: the body sees the locals below `frame` (captured) and then its parameters.
    case function(parameters: [String], body: Node, frame: Int)
    case instanceOf(Node, FEELType)
}

/// One `name in source` of a `for`, `some` or `every`; `source..end` iterates over whole numbers.
struct Iteration: Sendable {
    let source: Node
    let end: Node?
}

/// One positive unary test: `< 10`, `[1..5]`, `"a"`, or an expression that may use `?`.
enum PositiveTest: Sendable {
    case comparison(ComparisonOperator, Node)
    case range(low: Node?, lowClosed: Bool, high: Node?, highClosed: Bool)
    case expression(Node, usesInput: Bool)
}

enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "**"
}

enum ComparisonOperator: String, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A type in `instance of` and in DMN's `typeRef`.
public indirect enum FEELType: Sendable, Hashable, CustomStringConvertible {
    case any, null, number, string, boolean, date, time, dateTime, yearsMonths, daysTime, context, range, function
    case list(FEELType)
    /// A type the expression language does not define (a DMN item definition), checked by the host.
    case named(String)

    /// The built-in type a name stands for, or a named type.
    public init(name: String) {
        switch name.split(whereSeparator: \.isWhitespace).joined(separator: " ") {
        case "Any": self = .any
        case "Null": self = .null
        case "number": self = .number
        case "string": self = .string
        case "boolean": self = .boolean
        case "date": self = .date
        case "time": self = .time
        case "date and time", "dateTime": self = .dateTime
        case "years and months duration", "yearMonthDuration": self = .yearsMonths
        case "days and time duration", "dayTimeDuration": self = .daysTime
        case "context": self = .context
        case "range": self = .range
        case "function": self = .function
        case "list": self = .list(.any)
        case let other: self = .named(other)
        }
    }

    /// Whether a value is of this type (FEEL's `instance of`); named types are not known here and say false.
    public func admits(_ value: FEELValue) -> Bool {
        switch (self, value) {
        case (.any, _): return true
        case (.null, .null): return true
        case (.number, .number), (.string, .string), (.boolean, .boolean), (.date, .date), (.time, .time),
             (.dateTime, .dateTime), (.yearsMonths, .yearsMonths), (.daysTime, .daysTime), (.context, .context),
             (.range, .range), (.function, .function):
            return true
        case (.list(let element), .list(let values)):
            return values.allSatisfy { element.admits($0) }
        default:
            return false
        }
    }

    public var description: String {
        switch self {
        case .any: "Any"
        case .null: "Null"
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        case .date: "date"
        case .time: "time"
        case .dateTime: "date and time"
        case .yearsMonths: "years and months duration"
        case .daysTime: "days and time duration"
        case .context: "context"
        case .range: "range"
        case .function: "function"
        case .list(let element): "list<\(element)>"
        case .named(let name): name
        }
    }
}
