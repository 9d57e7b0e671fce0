// Helpers for FEEL tests: evaluate source text with a few named values.
import FEEL

/// Evaluates an expression; a syntax error is a test failure, reported as a string value so the expectation
/// that follows shows it.
func feel(_ source: String, _ scope: [String: FEELValue] = [:]) -> FEELValue {
    do {
        return try FEELExpression(parsing: source, layout: FEELLayout(names: scope.keys)).evaluate(scope)
    } catch {
        return .string("syntax error: \(error)")
    }
}

func number(_ text: String) -> FEELValue { .number(FEELNumber(text)!) }
func date(_ text: String) -> FEELValue { .date(FEELDate(iso: text)!) }
