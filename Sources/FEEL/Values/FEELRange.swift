// FEEL's range: an interval of ordered values, open or closed at each end, possibly unbounded.

/// An interval such as `[1..10)`, `> 5` (unbounded above) or `[date("2026-01-01")..date("2026-12-31")]`.
public struct FEELRange: Sendable, Hashable, CustomStringConvertible {
    /// The lower end, nil when the range has none.
    public let low: FEELValue?
    public let lowClosed: Bool
    /// The upper end, nil when the range has none.
    public let high: FEELValue?
    public let highClosed: Bool
    /// A range written as a unary test of one value, `=10` or `!=10`: its ends are that value, and it is not
    /// the same range as `[10..10]`. Nil for ranges written with ends or as `<`, `<=`, `>`, `>=`.
    public let equality: Equality?

    public enum Equality: Sendable, Hashable {
        case equal, notEqual
    }

    public init(low: FEELValue?, lowClosed: Bool, high: FEELValue?, highClosed: Bool) {
        self.low = low
        self.lowClosed = lowClosed && low != nil
        self.high = high
        self.highClosed = highClosed && high != nil
        equality = nil
    }

    /// `(=value)` or `(!=value)`.
    public init(_ equality: Equality, _ value: FEELValue) {
        low = value
        high = value
        lowClosed = true
        highClosed = true
        self.equality = equality
    }

    /// Whether the range holds a value; nil when the value cannot be compared with its ends.
    public func contains(_ value: FEELValue) -> Bool? {
        if equality == .notEqual, let low { return value.feelEquals(low).map { !$0 } }
        if let low {
            guard let order = value.compare(low) else { return nil }
            if order < 0 || (order == 0 && !lowClosed) { return false }
        }
        if let high {
            guard let order = value.compare(high) else { return nil }
            if order > 0 || (order == 0 && !highClosed) { return false }
        }
        return true
    }

    func feelEquals(_ other: FEELRange) -> Bool? {
        guard lowClosed == other.lowClosed, highClosed == other.highClosed, equality == other.equality else { return false }
        func same(_ a: FEELValue?, _ b: FEELValue?) -> Bool? {
            switch (a, b) {
            case (nil, nil): true
            case (let x?, let y?): x.feelEquals(y)
            default: false
            }
        }
        guard let lowEqual = same(low, other.low), let highEqual = same(high, other.high) else { return nil }
        return lowEqual && highEqual
    }

    public var description: String {
        if let equality, let low { return (equality == .equal ? "=" : "!=") + low.description }
        switch (low, high) {
        case (nil, let high?): return (highClosed ? "<= " : "< ") + high.description
        case (let low?, nil): return (lowClosed ? ">= " : "> ") + low.description
        default:
            return (lowClosed ? "[" : "(") + (low?.description ?? "null") + ".." + (high?.description ?? "null")
                + (highClosed ? "]" : ")")
        }
    }
}
