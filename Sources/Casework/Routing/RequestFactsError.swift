// Why a request-facts document was refused: the key, what was found, what was expected.

/// A request-facts document that cannot be routed. Nothing is guessed: a missing key, a wrong type or an
/// unknown code is refused with the key's path (`child.disability_codes[1]`) and what was expected.
public struct RequestFactsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where: a key path such as `requester.adult` or `concerns[0].code`; empty for the document itself.
    public let key: String
    /// What is wrong and what was expected.
    public let problem: String

    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    public var description: String { key.isEmpty ? problem : "\(key): \(problem)" }
}
