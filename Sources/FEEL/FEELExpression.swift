// The public face of the expression language: compile an expression or unary tests once, evaluate them often.

/// The names an expression can read, and where their values will be at evaluation.
///
/// Slots are for hosts that evaluate the same expressions over many inputs (the decision engine): each
/// name becomes an array index at compile time; where a name appears twice, the later slot shadows the
/// earlier (a function's parameters shadow the model's names). Other names are read from a dictionary scope by name (forms,
/// where fields are few); declaring them lets multi-word names be recognised and keeps them apart from the
/// built-in functions.
public struct FEELLayout: Sendable {
    /// The slot names, in slot order.
    public let names: [String]
    /// Names the host provides in the dictionary scope.
    public let otherNames: Set<String>
    /// The host's named types (a DMN model's item definitions), for `instance of` and typed parameters.
    public let types: [String: FEELType]
    /// A name that means `?` in unary tests: Camunda's `cellInput` (or an input's `camunda:inputVariable`).
    public let inputName: String?
    private let indices: [String: Int]
    let nameTable: NameTable

    public init(
        slots: [String] = [], names: some Sequence<String> = [String](), types: [String: FEELType] = [:], inputName: String? = nil
    ) {
        self.names = slots
        self.otherNames = Set(names)
        self.types = types
        self.inputName = inputName
        var indices: [String: Int] = [:]
        for (index, name) in slots.enumerated() { indices[name] = index }
        self.indices = indices
        nameTable = NameTable(slots + Array(otherNames) + (inputName.map { [$0] } ?? []))
    }

    /// The same layout where `name` means the value under test.
    public func naming(input name: String) -> FEELLayout {
        FEELLayout(slots: names, names: otherNames, types: types, inputName: name)
    }

    public static let empty = FEELLayout()

    public func index(of name: String) -> Int? { indices[name] }
}

/// A compiled FEEL expression.
public struct FEELExpression: Sendable, CustomStringConvertible {
    public let source: String
    let node: Node
    /// The names the expression reads from its host that are neither slots nor local (a form's checks use this
    /// to report a reference to a question that does not exist).
    public let referencedNames: Set<String>
    /// The slots the expression reads (outside filters, where a name may be an item's entry instead).
    public let slotsRead: Set<Int>
    /// What will be null at evaluation though the text parses (a built-in called with the wrong arguments, a
    /// type no one defines): FEEL evaluates such an expression, and a strict check reports it.
    public let problems: [FEELSyntaxError]

    /// Compiles an expression; a syntax error says what was expected and at which character.
    public init(parsing source: String, layout: FEELLayout = .empty) throws(FEELSyntaxError) {
        var parser = try Parser(source: source, layout: layout)
        node = try parser.parseExpression()
        referencedNames = parser.referencedNames
        slotsRead = parser.slotsRead
        problems = parser.problems
        self.source = source
    }

    /// Evaluates with names read from a dictionary; a missing name is null.
    public func evaluate(_ scope: [String: FEELValue]) -> FEELValue {
        var budget = FEELBudget()
        return evaluate(slots: [], scope: scope, budget: &budget)
    }

    /// Evaluates with slot values (indexed as the layout given at compile time) and, for other names, a scope.
    public func evaluate(slots: [FEELValue], scope: [String: FEELValue] = [:]) -> FEELValue {
        var budget = FEELBudget()
        return evaluate(slots: slots, scope: scope, budget: &budget)
    }

    /// Evaluates within a caller's budget (a decision spends one budget across all it evaluates); once the
    /// budget is spent the value is null and `budget.problem` says which limit was reached.
    public func evaluate(slots: [FEELValue], scope: [String: FEELValue] = [:], budget: inout FEELBudget) -> FEELValue {
        // The two shapes decision tables are mostly made of, without setting up an evaluation.
        switch node {
        case .literal(let value): return value
        case .slot(let index): return index < slots.count ? slots[index] : .null
        default: break
        }
        var environment = Environment(slots: slots, scope: scope, budget: budget)
        defer { budget = environment.budget }
        return Evaluator.evaluate(node, &environment)
    }

    /// Whether a name means something to FEEL itself (a keyword, a literal, `item`, a built-in function), so that
    /// a variable of that name would be misread: a form field may not be called `count` or `date`.
    public static func isReservedName(_ name: String) -> Bool {
        Parser.keywords.contains(name) || ["true", "false", "null", "item", "not"].contains(name) || Builtins.overloads[name] != nil
    }

    /// The slot, when the expression is nothing but a slot's name (a decision table's usual input expression).
    public var slotIndex: Int? {
        if case .slot(let index) = node { return index }
        return nil
    }

    public var description: String { source }
}

/// Compiled unary tests, as in a decision table's input entries and DMN's allowed values: `-`, `< 18`,
/// `[1..5]`, `"a", "b"`, `not("x")`, or any expression, which may use `?` for the value under test.
public struct FEELUnaryTests: Sendable, CustomStringConvertible {
    public let source: String
    let node: UnaryTestsNode
    public let referencedNames: Set<String>
    /// As `FEELExpression.problems`.
    public let problems: [FEELSyntaxError]

    public init(parsing source: String, layout: FEELLayout = .empty) throws(FEELSyntaxError) {
        var parser = try Parser(source: source, layout: layout)
        node = try parser.parseUnaryTests()
        referencedNames = parser.referencedNames
        problems = parser.problems
        self.source = source
    }

    /// Whether `input` passes. A test that cannot be decided (comparing a number with a string) does not pass.
    public func test(_ input: FEELValue, slots: [FEELValue] = [], scope: [String: FEELValue] = [:]) -> Bool {
        var budget = FEELBudget()
        return test(input, slots: slots, scope: scope, budget: &budget)
    }

    /// `test` within a caller's budget.
    public func test(_ input: FEELValue, slots: [FEELValue] = [], scope: [String: FEELValue] = [:], budget: inout FEELBudget) -> Bool {
        var environment = Environment(slots: slots, scope: scope, input: input, budget: budget)
        defer { budget = environment.budget }
        return Evaluator.test(node, &environment)
    }

    /// The tests in a form a caller can specialise or reason about; `general` when they use anything but
    /// constants.
    public var shape: Shape {
        switch node {
        case .any:
            return .any
        case .tests(let tests, let negated):
            var atoms: [Atom] = []
            for test in tests {
                guard let testAtoms = Self.atoms(test) else { return .general }
                atoms += testAtoms
            }
            return .atoms(atoms, negated: negated)
        }
    }

    /// What a constant test accepts.
    public enum Atom: Sendable, Hashable {
        /// The value under test equals this one (FEEL `=`).
        case equals(FEELValue)
        /// The value under test is inside this range.
        case within(FEELRange)
    }

    public enum Shape: Sendable, Hashable {
        /// `-`: anything passes.
        case any
        /// Passes when any atom holds (none, when negated).
        case atoms([Atom], negated: Bool)
        /// Anything else: use `test(_:slots:scope:)`.
        case general
    }

    private static func atoms(_ test: PositiveTest) -> [Atom]? {
        switch test {
        case .comparison(let op, .literal(let value)):
            switch op {
            case .equal: return [.equals(value)]
            case .notEqual: return nil
            case .less: return [.within(FEELRange(low: nil, lowClosed: false, high: value, highClosed: false))]
            case .lessOrEqual: return [.within(FEELRange(low: nil, lowClosed: false, high: value, highClosed: true))]
            case .greater: return [.within(FEELRange(low: value, lowClosed: false, high: nil, highClosed: false))]
            case .greaterOrEqual: return [.within(FEELRange(low: value, lowClosed: true, high: nil, highClosed: false))]
            }
        case .range(let low, let lowClosed, let high, let highClosed):
            func constant(_ node: Node?) -> FEELValue?? {
                guard let node else { return .some(nil) }
                if case .literal(let value) = node { return .some(value) }
                return nil
            }
            guard let lowValue = constant(low), let highValue = constant(high) else { return nil }
            return [.within(FEELRange(low: lowValue, lowClosed: lowClosed, high: highValue, highClosed: highClosed))]
        case .expression(.literal(let value), usesInput: false):
            switch value {
            case .list(let elements): return elements.map(Atom.equals)
            case .range(let range): return [.within(range)]
            default: return [.equals(value)]
            }
        case .expression(.range(let low, let lowClosed, let high, let highClosed), usesInput: false):
            return atoms(.range(low: low, lowClosed: lowClosed, high: high, highClosed: highClosed))
        default:
            return nil
        }
    }

    public var description: String { source }
}
