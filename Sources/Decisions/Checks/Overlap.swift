// Whether two rules of a table can match the same input, decided from their cells where that is possible.
import FEEL

enum Overlap {
    /// True when some input matches both rules, false when none can, nil when a cell is beyond what can be
    /// decided from its text (an expression over other names, a negation of ranges).
    static func rulesOverlap(_ a: [FEELUnaryTests.Shape], _ b: [FEELUnaryTests.Shape]) -> Bool? {
        var undecided = false
        for (x, y) in zip(a, b) {
            switch cellsIntersect(x, y) {
            case false?: return false
            case nil: undecided = true
            case true?: continue
            }
        }
        return undecided ? nil : true
    }

    /// Whether some value passes both cells.
    static func cellsIntersect(_ a: FEELUnaryTests.Shape, _ b: FEELUnaryTests.Shape) -> Bool? {
        switch (a, b) {
        case (.any, _), (_, .any):
            return true
        case (.atoms(let x, false), .atoms(let y, false)):
            return x.contains { p in y.contains { q in atomsIntersect(p, q) } }
        case (.atoms(let x, true), .atoms(let y, false)), (.atoms(let y, false), .atoms(let x, true)):
            // not(x) meets y unless every value y allows is one x names: decidable when y is a set of values.
            let values = y.compactMap { if case .equals(let value) = $0 { value } else { nil } }
            guard values.count == y.count else { return nil }
            return values.contains { value in !x.contains { atomsIntersect($0, .equals(value)) } }
        default:
            return nil
        }
    }

    private static func atomsIntersect(_ a: FEELUnaryTests.Atom, _ b: FEELUnaryTests.Atom) -> Bool {
        switch (a, b) {
        case (.equals(let x), .equals(let y)):
            return x.feelEquals(y) == true
        case (.equals(let value), .within(let range)), (.within(let range), .equals(let value)):
            return range.contains(value) == true
        case (.within(let r), .within(let s)):
            // The later of the two lower ends must not pass the earlier of the two upper ends.
            let (low, lowClosed) = later(r.low, r.lowClosed, s.low, s.lowClosed)
            let (high, highClosed) = earlier(r.high, r.highClosed, s.high, s.highClosed)
            guard let low, let high else { return true }
            guard let order = low.compare(high) else { return false }
            return order < 0 || (order == 0 && lowClosed && highClosed)
        }
    }

    private static func later(_ a: FEELValue?, _ aClosed: Bool, _ b: FEELValue?, _ bClosed: Bool) -> (FEELValue?, Bool) {
        guard let a else { return (b, bClosed) }
        guard let b else { return (a, aClosed) }
        let order = a.compare(b) ?? 0
        return order > 0 ? (a, aClosed) : order < 0 ? (b, bClosed) : (a, aClosed && bClosed)
    }

    private static func earlier(_ a: FEELValue?, _ aClosed: Bool, _ b: FEELValue?, _ bClosed: Bool) -> (FEELValue?, Bool) {
        guard let a else { return (b, bClosed) }
        guard let b else { return (a, aClosed) }
        let order = a.compare(b) ?? 0
        return order < 0 ? (a, aClosed) : order > 0 ? (b, bClosed) : (a, aClosed && bClosed)
    }
}
