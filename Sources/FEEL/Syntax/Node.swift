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
    /// `=x` or `!=x` used as a value.
    case equalityRange(FEELRange.Equality, Node)
    case path(Node, String)
    /// `list[test]`, the item at local `frame`.
    case filter(Node, Node, frame: Int)
    case callBuiltin(BuiltinOverload, [Node])
    case callValue(Node, [Node])
    /// `name(...)` where the name is both a host's value and a built-in: the value when it is a function, else
    /// the built-in.
    case callFunctionOrBuiltin(Node, BuiltinOverload, [Node])
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
    /// `partial`, the list of results so far, is the local at `frame + iterations.count`: filled in when the
    /// body reads it (true), null when it does not (false), absent when a variable of that name hides it (nil).
    case forLoop([Iteration], Node, frame: Int, usesPartial: Bool?)
    case quantified(every: Bool, [Iteration], Node, frame: Int)
    /// `function(a, b) body`: the body sees the locals below `frame` (captured) and then its parameters.
    case function(parameters: [String], types: [FEELType?], result: FEELType?, body: Node, frame: Int)
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
