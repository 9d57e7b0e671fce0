// An input entry of a decision table, specialised at load time for the shapes tables mostly use.
import FEEL

/// One cell's test. Most cells are `-`, `true`, a string, or a comparison with a number; those are matched
/// with a single comparison of the input's value, with no expression evaluated. Anything else goes through
/// the general FEEL unary-test evaluation.
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

    /// Whether the input value passes; `slots` serve a general test that reads other names.
    @inline(__always)
    func matches(_ input: FEELValue, slots: [FEELValue]) -> Bool {
        switch self {
        case .any:
            return true
        case .boolean(let expected):
            if case .boolean(let value) = input { return value == expected }
            return false
        case .string(let expected):
            if case .string(let value) = input { return value == expected }
            return false
        case .strings(let expected):
            if case .string(let value) = input { return expected.contains(value) }
            return false
        case .number(let expected):
            if case .number(let value) = input { return value == expected }
            return false
        case .numbers(let low, let lowClosed, let high, let highClosed):
            guard case .number(let value) = input else { return false }
            if let low, lowClosed ? value < low : !(low < value) { return false }
            if let high, highClosed ? high < value : !(value < high) { return false }
            return true
        case .general(let tests):
            return tests.test(input, slots: slots)
        }
    }
}
