// Errors a user can cause in the casework domain, each naming what and why.

/// A refused change to a case, with enough context to show beside the field or action.
public enum CaseworkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value breaks a rule: `field` names it the way a form would.
    case invalid(field: String, message: String)
    /// The person's role does not allow the action.
    case notAllowed(who: ActingUser, action: String)
    case illegalTransition(AssessmentTransitionError)

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .notAllowed(let who, let action): "\(who) may not \(action)"
        case .illegalTransition(let error): error.description
        }
    }
}
