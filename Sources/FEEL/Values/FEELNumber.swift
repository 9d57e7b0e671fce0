// FEEL's number: an exact decimal, fast for the everyday values (counts, ages, money) and exact for the rest.
import Foundation

/// A FEEL number: a decimal, never a binary floating-point value, so `0.1 + 0.2 = 0.3` holds.
///
/// Most numbers a form or a decision table meets are small (ages, counts, hours, amounts with two decimals).
/// They are kept as a 64-bit significand and a decimal scale (`12.50` is 1250 and 2, then normalised to 125
/// and 1), on which comparison and arithmetic are a few machine instructions. Anything larger, or any result
/// that does not fit, moves to Foundation's `Decimal` (38 significant digits), which is exact but about
/// a hundred times slower. The form is canonical: a value that fits the small form is always held in it, so
/// two equal numbers have equal storage and hash alike.
public struct FEELNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    enum Storage: Sendable, Hashable {
        /// `significand × 10^-scale`, with no trailing zero in the significand (unless it is 0, with scale 0).
        case small(Int64, scale: Int8)
        /// A value the small form cannot hold.
        indirect case big(Decimal)
    }

    let storage: Storage

    /// The largest scale the small form keeps; beyond it the value goes to `Decimal`.
    static let maximumScale: Int8 = 18

    init(significand: Int64, scale: Int8) {
        var significand = significand
        var scale = scale
        if significand == 0 {
            scale = 0
        } else {
            while scale > 0 && significand % 10 == 0 {
                significand /= 10
                scale -= 1
            }
        }
        if scale < 0 || scale > Self.maximumScale {
            storage = .big(Self.decimal(significand: significand, scale: scale))
        } else {
            storage = .small(significand, scale: scale)
        }
    }

    public init(_ value: Int) {
        self.init(significand: Int64(value), scale: 0)
    }

    /// A number from a `Decimal`; NaN is not a number FEEL knows, so it has no `FEELNumber` (see `init?(exactly:)`).
    public init(_ value: Decimal) {
        precondition(!value.isNaN, "FEELNumber(Decimal.nan): a NaN is null in FEEL, not a number")
        self = Self.normalised(value)
    }

    /// A number from a `Decimal`, or nil when it is NaN (division by zero, overflow).
    public init?(exactly value: Decimal) {
        guard !value.isNaN else { return nil }
        self = Self.normalised(value)
    }

    /// A number from a `Double`, for the results of `sqrt`, `log`, `exp` and fractional powers; nil for
    /// infinities, NaN, and sizes past what a `Decimal` holds (see `checked`), which it would make NaN.
    public init?(_ value: Double) {
        let magnitude = Swift.abs(value)
        guard value.isFinite, magnitude <= 1e160, magnitude == 0 || magnitude >= 1e-120,
              let number = FEELNumber(exactly: Decimal(value)) else { return nil }
        self = number
    }

    /// Parses a FEEL or XML Schema decimal literal: an optional sign, digits, an optional fraction, an optional
    /// exponent (`1.2E3`). Nil for anything else.
    public init?(_ text: some StringProtocol) {
        let string = String(text)
        let trimmed = string.utf8
        guard !trimmed.isEmpty else { return nil }
        var significand: Int64 = 0
        var scale = 0
        var digits = 0
        var negative = false
        var seenPoint = false
        var overflow = false
        var index = trimmed.startIndex
        if trimmed[index] == UInt8(ascii: "-") || trimmed[index] == UInt8(ascii: "+") {
            negative = trimmed[index] == UInt8(ascii: "-")
            index = trimmed.index(after: index)
        }
        var exponentStart: String.UTF8View.Index?
        while index < trimmed.endIndex {
            let byte = trimmed[index]
            if byte >= 48 && byte <= 57 {
                digits += 1
                if !overflow {
                    let (times, o1) = significand.multipliedReportingOverflow(by: 10)
                    let (plus, o2) = times.addingReportingOverflow(Int64(byte - 48))
                    if o1 || o2 { overflow = true } else { significand = plus }
                }
                if seenPoint { scale += 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponentStart = trimmed.index(after: index)
                break
            } else {
                return nil
            }
            index = trimmed.index(after: index)
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if let start = exponentStart {
            guard let parsed = Int(string[start...]), abs(parsed) < 10_000 else { return nil }
            exponent = parsed
        }
        if overflow || scale - exponent > Int(Self.maximumScale) || scale - exponent < 0 {
            let plain = string.lowercased()
            guard let decimal = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")), !decimal.isNaN else {
                return nil
            }
            self.init(decimal)
        } else {
            self.init(significand: negative ? -significand : significand, scale: Int8(scale - exponent))
        }
    }

    public static let zero = FEELNumber(0)
    public static let one = FEELNumber(1)

    /// The value as a `Decimal`, for callers that store or format numbers themselves.
    public var decimal: Decimal {
        switch storage {
        case .small(let significand, let scale): Self.decimal(significand: significand, scale: scale)
        case .big(let decimal): decimal
        }
    }

    /// The value as an `Int` when it is a whole number that fits; nil otherwise.
    public var exactInt: Int? {
        if case .small(let significand, 0) = storage { return Int(exactly: significand) }
        return nil
    }

    /// Whether the value has no fractional part.
    public var isInteger: Bool {
        switch storage {
        case .small(_, let scale): scale == 0
        case .big(let decimal): Self.rounded(decimal, scale: 0, mode: .down) == decimal
        }
    }

    public var isZero: Bool { if case .small(0, _) = storage { true } else { false } }

    public var isNegative: Bool {
        switch storage {
        case .small(let significand, _): significand < 0
        case .big(let decimal): decimal < 0
        }
    }

    /// An approximation, for the functions FEEL defines through real analysis (sqrt, log, exp, non-integer powers).
    public var doubleValue: Double {
        switch storage {
        case .small(let significand, let scale): Double(significand) / pow(10, Double(scale))
        case .big(let decimal): NSDecimalNumber(decimal: decimal).doubleValue
        }
    }

    /// Plain decimal notation, never an exponent: `0.00001`, `-125.4321987654`, `100`.
    public var description: String {
        switch storage {
        case .small(let significand, let scale):
            guard scale > 0 else { return String(significand) }
            let magnitude = String(significand.magnitude)
            let padded = String(repeating: "0", count: max(0, Int(scale) + 1 - magnitude.count)) + magnitude
            let point = padded.index(padded.endIndex, offsetBy: -Int(scale))
            return (significand < 0 ? "-" : "") + padded[..<point] + "." + padded[point...]
        case .big(let decimal):
            return decimal.description
        }
    }

    // MARK: Comparison

    public static func < (lhs: FEELNumber, rhs: FEELNumber) -> Bool {
        if case .small(let a, let sa) = lhs.storage, case .small(let b, let sb) = rhs.storage {
            if sa == sb { return a < b }
            if let (x, y) = aligned(a, sa, b, sb) { return x < y }
        }
        return lhs.decimal < rhs.decimal
    }

    /// Brings two small values to the same scale, or nil when that would overflow.
    @inline(__always)
    static func aligned(_ a: Int64, _ sa: Int8, _ b: Int64, _ sb: Int8) -> (Int64, Int64)? {
        if sa < sb {
            let (scaled, overflow) = a.multipliedReportingOverflow(by: powersOfTen[Int(sb - sa)])
            return overflow ? nil : (scaled, b)
        } else {
            let (scaled, overflow) = b.multipliedReportingOverflow(by: powersOfTen[Int(sa - sb)])
            return overflow ? nil : (a, scaled)
        }
    }

    static let powersOfTen: [Int64] = (0...18).map { exponent in
        (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 }
    }

    // MARK: Arithmetic

    public static func + (lhs: FEELNumber, rhs: FEELNumber) -> FEELNumber? {
        if case .small(let a, let sa) = lhs.storage, case .small(let b, let sb) = rhs.storage,
           let (x, y) = sa == sb ? (a, b) : aligned(a, sa, b, sb) {
            let (sum, overflow) = x.addingReportingOverflow(y)
            if !overflow { return FEELNumber(significand: sum, scale: max(sa, sb)) }
        }
        // A sum is never smaller than the larger of the two, so only its size upwards matters.
        return checked(lhs, rhs, +) { $0 + $1 == 0 ? 0 : Swift.max($0 + $1, 1e-120) }
    }

    public static func - (lhs: FEELNumber, rhs: FEELNumber) -> FEELNumber? {
        lhs + rhs.negated
    }

    public static func * (lhs: FEELNumber, rhs: FEELNumber) -> FEELNumber? {
        if case .small(let a, let sa) = lhs.storage, case .small(let b, let sb) = rhs.storage, sa + sb <= maximumScale {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if !overflow { return FEELNumber(significand: product, scale: sa + sb) }
        }
        // Foundation works a product out at the sum of the exponents before it rounds, and traps when that sum
        // leaves its range, however small the digits would make the result.
        guard (-128...127).contains(lhs.decimal.exponent + rhs.decimal.exponent) else { return nil }
        return checked(lhs, rhs, *) { $0 * $1 }
    }

    /// Division; nil (FEEL's null) for division by zero.
    public static func / (lhs: FEELNumber, rhs: FEELNumber) -> FEELNumber? {
        guard !rhs.isZero else { return nil }
        if case .small(let a, let sa) = lhs.storage, case .small(let b, let sb) = rhs.storage, sa == sb, b != 0,
           a % b == 0 {
            return FEELNumber(significand: a / b, scale: 0)
        }
        return checked(lhs, rhs, /) { $0 / $1 }
    }

    /// `Decimal` arithmetic kept inside what a `Decimal` holds. Foundation traps (in its operators and in the
    /// functions that report errors alike) when a result's exponent leaves `Decimal`'s range (about 1e-128 to
    /// 1e165), so a result whose size, worked out by `size` in `Double` (whose range is wider), falls outside
    /// 1e-120 to 1e160 is nil, FEEL's null, before `Decimal` is asked. A NaN result is nil too.
    private static func checked(
        _ lhs: FEELNumber, _ rhs: FEELNumber, _ operation: (Decimal, Decimal) -> Decimal, size: (Double, Double) -> Double
    ) -> FEELNumber? {
        let magnitude = size(Swift.abs(lhs.doubleValue), Swift.abs(rhs.doubleValue))
        guard magnitude <= 1e160, magnitude == 0 || magnitude >= 1e-120 else { return nil }
        return FEELNumber(exactly: operation(lhs.decimal, rhs.decimal))
    }

    public var negated: FEELNumber {
        switch storage {
        case .small(let significand, let scale) where significand != Int64.min:
            FEELNumber(significand: -significand, scale: scale)
        default:
            FEELNumber(-decimal)
        }
    }

    /// `self ** exponent`: exact by repeated squaring for whole exponents, through `Double` otherwise.
    public func power(_ exponent: FEELNumber) -> FEELNumber? {
        if let whole = exponent.exactInt, abs(whole) <= 100_000 {
            var result = FEELNumber.one
            var base = self
            var remaining = abs(whole)
            while remaining > 0 {
                if remaining & 1 == 1 {
                    guard let next = result * base else { return nil }
                    result = next
                }
                remaining >>= 1
                if remaining > 0 {
                    guard let squared = base * base else { return nil }
                    base = squared
                }
            }
            return whole < 0 ? FEELNumber.one / result : result
        }
        return FEELNumber(Foundation.pow(doubleValue, exponent.doubleValue))
    }

    // MARK: Rounding

    /// How `rounded(scale:mode:)` breaks ties and which way it moves.
    public enum RoundingMode: Sendable {
        /// Half to even (banker's rounding), as FEEL's `decimal()`.
        case halfEven
        case halfUp, halfDown
        /// Towards zero, away from zero, towards −∞, towards +∞.
        case down, up, floor, ceiling
    }

    /// The value rounded to `scale` digits after the point (a negative scale rounds to tens, hundreds, …).
    public func rounded(scale: Int, mode: RoundingMode) -> FEELNumber {
        FEELNumber(Self.rounded(decimal, scale: scale, mode: mode))
    }

    static func rounded(_ value: Decimal, scale: Int, mode: RoundingMode) -> Decimal {
        var input = value
        var result = Decimal()
        let negative = value < 0
        let foundationMode: NSDecimalNumber.RoundingMode
        switch mode {
        case .halfEven: foundationMode = .bankers
        case .halfUp: foundationMode = .plain
        case .floor: foundationMode = .down
        case .ceiling: foundationMode = .up
        case .down: foundationMode = negative ? .up : .down
        case .up: foundationMode = negative ? .down : .up
        case .halfDown:
            // Foundation has no half-down: round half up, then step back where the input sat exactly on a half.
            NSDecimalRound(&result, &input, scale, .plain)
            let step = Decimal(sign: .plus, exponent: -scale, significand: 1)
            let half = step / 2
            if (result - value).magnitude == half { result += negative ? step : -step }
            return result
        }
        NSDecimalRound(&result, &input, scale, foundationMode)
        return result
    }

    // MARK: Conversion helpers

    static func decimal(significand: Int64, scale: Int8) -> Decimal {
        Decimal(sign: significand < 0 ? .minus : .plus, exponent: -Int(scale), significand: Decimal(significand.magnitude))
    }

    /// The canonical form of a decimal: small when it fits.
    private static func normalised(_ value: Decimal) -> FEELNumber {
        if value.isZero { return FEELNumber(significand: 0, scale: 0) }
        // Decimal prints plain digits; reading them back finds the small form when there is one.
        let text = value.description
        if text.utf8.count <= 21, !text.contains("e"), let small = FEELNumber(smallFrom: text) { return small }
        return FEELNumber(storage: .big(value))
    }

    private init(storage: Storage) { self.storage = storage }

    /// The small form of plain decimal text, or nil when it does not fit.
    private init?(smallFrom text: String) {
        var significand: Int64 = 0
        var scale: Int8 = 0
        var seenPoint = false
        var negative = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenPoint = true
            case 48...57:
                let (times, o1) = significand.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int64(byte - 48))
                guard !o1, !o2 else { return nil }
                significand = plus
                if seenPoint { scale += 1 }
            default: return nil
            }
        }
        guard scale <= Self.maximumScale else { return nil }
        self.init(significand: negative ? -significand : significand, scale: scale)
    }
}

extension FEELNumber: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension FEELNumber: Codable {
    /// Encoded as its plain decimal text, so no digit is lost to a binary float.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let number = FEELNumber(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a decimal number, found \"\(text)\"")
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
