// FEEL's function value: a business knowledge model, a built-in, or `function(x) ...` written in an expression.

/// A function a FEEL expression can call. Functions compare by identity.
public final class FEELFunction: Sendable, Hashable {
    /// The parameter names, for named arguments (`PMT(p: 1000, r: 0.05, n: 12)`).
    public let parameters: [String]
    private let body: @Sendable ([FEELValue]) -> FEELValue

    /// A function of the given parameters; `body` receives one argument per parameter, null where missing.
    public init(parameters: [String], body: @escaping @Sendable ([FEELValue]) -> FEELValue) {
        self.parameters = parameters
        self.body = body
    }

    /// Calls the function. Missing arguments are null; extra arguments make the call null, as FEEL says.
    public func callAsFunction(_ arguments: [FEELValue]) -> FEELValue {
        guard arguments.count <= parameters.count else { return .null }
        if arguments.count == parameters.count { return body(arguments) }
        return body(arguments + Array(repeating: .null, count: parameters.count - arguments.count))
    }

    public static func == (lhs: FEELFunction, rhs: FEELFunction) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
