// The table of FEEL's built-in functions, and how a call finds its overload.

/// One signature of a built-in function and its implementation.
struct BuiltinOverload: Sendable {
    let name: String
    let parameters: [String]
    /// How many leading parameters must be given.
    let required: Int
    /// Takes one list, or its items as separate arguments (`max([1, 2])` and `max(1, 2)`).
    let listOrVarargs: Bool
    /// The last parameter may be given any number of times (`append(list, a, b, c)`).
    let variadic: Bool
    private let body: @Sendable ([FEELValue], inout FEELBudget) -> FEELValue

    init(_ name: String, _ parameters: [String], required: Int? = nil, listOrVarargs: Bool = false, variadic: Bool = false,
         _ body: @escaping @Sendable ([FEELValue]) -> FEELValue) {
        self.init(name, parameters, required: required, listOrVarargs: listOrVarargs, variadic: variadic,
                  budgeted: { arguments, _ in body(arguments) })
    }

    /// A built-in that calls functions or makes values as large as its inputs allow, and so spends the caller's budget.
    init(_ name: String, _ parameters: [String], required: Int? = nil, listOrVarargs: Bool = false, variadic: Bool = false,
         budgeted body: @escaping @Sendable ([FEELValue], inout FEELBudget) -> FEELValue) {
        self.name = name
        self.parameters = parameters
        self.required = required ?? parameters.count
        self.listOrVarargs = listOrVarargs
        self.variadic = variadic
        self.body = body
    }

    func accepts(count: Int) -> Bool {
        if listOrVarargs { return count >= 1 }
        if variadic { return count >= required }
        return (required...parameters.count).contains(count)
    }

    /// Named arguments: each must name a parameter; parameters not named are null.
    func accepts(names: [String]) -> Bool {
        names.allSatisfy(parameters.contains)
    }

    /// Calls with evaluated arguments. Implementations receive the arguments given (optional ones may be
    /// missing); list-or-varargs functions always receive one list.
    func call(_ arguments: [FEELValue], budget: inout FEELBudget) -> FEELValue {
        if listOrVarargs {
            if arguments.count == 1, case .list = arguments[0] { return body(arguments, &budget) }
            if arguments.count == 1, arguments[0].isNull { return .null }
            return body([.list(arguments)], &budget)
        }
        return body(arguments, &budget)
    }
}

enum Builtins {
    /// Every built-in, by name; a name may have several overloads, tried in order.
    static let overloads: [String: [BuiltinOverload]] = {
        let all = conversionFunctions + stringFunctions + listFunctions + numericFunctions + temporalFunctions
            + rangeFunctions + contextFunctions
        return Dictionary(grouping: all, by: \.name)
    }()

    static let names: [String] = Array(overloads.keys)

    /// The multi-word built-in names (`string length`, `years and months duration`), for the parser.
    static let nameTable = NameTable(names)

    /// A built-in as a value that can be passed and called (`sort(xs, precedes: f)`).
    static func functionValue(_ name: String) -> FEELFunction {
        let candidates = overloads[name] ?? []
        let parameters = candidates.max { $0.parameters.count < $1.parameters.count }?.parameters ?? []
        let required = candidates.map(\.required).min() ?? 0
        return FEELFunction(parameters: parameters, requiredCount: required) { arguments, budget in
            var given = arguments
            while let last = given.last, last.isNull, given.count > 1 { given.removeLast() }
            guard let overload = candidates.first(where: { $0.accepts(count: given.count) }) else { return .null }
            return overload.call(given, budget: &budget)
        }
    }

    // MARK: Helpers for implementations

    /// A string argument; a list of one string is that string (FEEL's conversion from a singleton list).
    static func string(_ value: FEELValue) -> String? { singleton(value).stringValue }
    /// A number argument, converted from a singleton list as `string(_:)`.
    static func number(_ value: FEELValue) -> FEELNumber? { singleton(value).numberValue }

    private static func singleton(_ value: FEELValue) -> FEELValue {
        if case .list(let items) = value, items.count == 1 { return items[0] }
        return value
    }
    /// A list argument; a single value given where a list is expected is a list of that one value (FEEL's
    /// singleton-list conversion).
    static func list(_ value: FEELValue) -> [FEELValue]? {
        switch value {
        case .list(let items): items
        case .null: nil
        default: [value]
        }
    }

    /// An integer argument: a number's whole part (`substring("foobar", 3, 3.8)` takes 3 characters); nil for
    /// anything else, or past `Int`.
    static func integer(_ value: FEELValue) -> Int? {
        value.numberValue?.rounded(scale: 0, mode: .down).exactInt
    }

    /// An optional integer argument: absent gives `absent`; null or anything but a number gives nil.
    static func integer(_ arguments: [FEELValue], _ index: Int, absent: Int) -> Int? {
        guard index < arguments.count else { return absent }
        return integer(arguments[index])
    }
}
