// A FEEL expression as it appears in a form: its source, where it is, and its compiled form.
import FEEL
import HeededXML

/// An expression from a form definition (`relevant`, `constraint`, `computed`, `bind`), compiled once at load.
public struct FormExpression: Sendable {
    public let source: String
    public let compiled: FEELExpression
    public let location: XMLLocation

    /// Evaluates over the form's slots (`FormLayout`).
    func evaluate(_ slots: [FEELValue]) -> FEELValue {
        compiled.evaluate(slots: slots)
    }

    /// Evaluates to a boolean; anything else (null included) counts as `whenUndecided`.
    func holds(in slots: [FEELValue], whenUndecided: Bool) -> Bool {
        if case .boolean(let value) = compiled.evaluate(slots: slots) { return value }
        return whenUndecided
    }
}
