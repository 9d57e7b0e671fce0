// An input entry of a decision table, specialised at load time for the shapes tables mostly use.
import FEEL

/// One cell's test, in the shapes tables mostly use (`-`, `true`, a string, a number, a numeric range), which
/// `TableIndex` groups by column; anything else stays general FEEL unary tests, evaluated per rule.
enum CellTest: Sendable {
    case any
    case boolean(Bool)
    case string(String)
    case strings(Set<String>)
    case number(FEELNumber)
    /// A numeric interval; nil ends are unbounded.
    case numbers(low: FEELNumber?, lowClosed: Bool, high: FEELNumber?, highClosed: Bool)
    case general(FEELUnaryTests)

    init(_ tests: FEELUnaryTests) {
        self = CellTest.specialised(tests) ?? .general(tests)
    }

    private static func specialised(_ tests: FEELUnaryTests) -> CellTest? {
        switch tests.shape {
        case .any:
            return .any
        case .atoms(let atoms, negated: false) where atoms.count == 1:
            switch atoms[0] {
            case .equals(.boolean(let value)): return .boolean(value)
            case .equals(.string(let value)): return .string(value)
            case .equals(.number(let value)): return .number(value)
            case .within(let range):
                func bound(_ value: FEELValue?) -> FEELNumber?? {
                    switch value {
                    case nil: return .some(nil)
                    case .number(let number)?: return .some(number)
                    default: return nil
                    }
                }
                guard let low = bound(range.low), let high = bound(range.high) else { return nil }
                return .numbers(low: low, lowClosed: range.lowClosed, high: high, highClosed: range.highClosed)
            default: return nil
            }
        case .atoms(let atoms, negated: false):
            var strings = Set<String>()
            for atom in atoms {
                guard case .equals(.string(let value)) = atom else { return nil }
                strings.insert(value)
            }
            return .strings(strings)
        default:
            return nil
        }
    }
}
