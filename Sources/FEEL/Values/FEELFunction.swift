// FEEL's function value: a business knowledge model, a built-in, or `function(x) ...` written in an expression.

/// A function a FEEL expression can call. Functions compare by identity.
public final class FEELFunction: Sendable, Hashable {
    /// The parameter names, for named arguments (`PMT(p: 1000, r: 0.05, n: 12)`).
    public let parameters: [String]
    /// The parameters' declared types, where given (`function(a: number)`), checked on each call: an argument
    /// of another type makes the call null. Empty when none is declared.
    public let parameterTypes: [FEELType?]
    /// The result's declared type, or the type the body shows (a literal's), or nil when unknown.
    public let resultType: FEELType?
    /// How many arguments a positional call must give (fewer than `parameters.count` only for built-ins with
    /// optional parameters).
    public let requiredCount: Int
    private let body: @Sendable ([FEELValue], inout FEELBudget) -> FEELValue

    /// A function of the given parameters; `body` receives one argument per parameter, null where missing, and
    /// the caller's budget, which it passes on to whatever it evaluates.
    public init(
        parameters: [String], parameterTypes: [FEELType?] = [], resultType: FEELType? = nil, requiredCount: Int? = nil,
        body: @escaping @Sendable ([FEELValue], inout FEELBudget) -> FEELValue
    ) {
        self.parameters = parameters
        self.requiredCount = requiredCount ?? parameters.count
        self.parameterTypes = parameterTypes
        self.resultType = resultType
        self.body = body
    }

    /// The function's type, undeclared parameters and result being `Any`.
    public var type: FEELType {
        let types = parameters.indices.map { $0 < parameterTypes.count ? parameterTypes[$0] ?? .any : .any }
        return .function(FEELType.Signature(parameters: types, result: resultType ?? .any))
    }

    /// Calls the function within a caller's budget. Too few or too many arguments, or arguments not of a
    /// declared parameter type, make the call null, as FEEL says (a call by name passes null for a parameter
    /// it does not name).
    public func call(_ arguments: [FEELValue], budget: inout FEELBudget) -> FEELValue {
        guard arguments.count >= requiredCount, arguments.count <= parameters.count else { return .null }
        var arguments = arguments
        for (index, type) in zip(arguments.indices, parameterTypes) {
            guard let type, !arguments[index].isNull else { continue }
            // FEEL's conversions: a list of one item where an item is expected, an item where a list is.
            switch (type, arguments[index]) {
            case (.list, .list), (.any, _): break
            case (.list, let single): arguments[index] = .list([single])
            case (_, .list(let items)) where items.count == 1 && type.admits(items[0]): arguments[index] = items[0]
            default: break
            }
            if !type.admits(arguments[index]) { return .null }
        }
        guard budget.enter() else { return .null }
        defer { budget.leave() }
        if arguments.count == parameters.count { return body(arguments, &budget) }
        return body(arguments + Array(repeating: .null, count: parameters.count - arguments.count), &budget)
    }

    /// Calls the function with a budget of its own.
    public func callAsFunction(_ arguments: [FEELValue]) -> FEELValue {
        var budget = FEELBudget()
        return call(arguments, budget: &budget)
    }

    public static func == (lhs: FEELFunction, rhs: FEELFunction) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
