// Every value a FEEL expression can produce, with FEEL's own equality and ordering.
import Foundation

/// A FEEL value. `null` stands for "no value" and for the result of anything FEEL cannot compute (a type
/// mismatch, division by zero, a missing context entry): it propagates, rather than stopping evaluation.
public enum FEELValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    case number(FEELNumber)
    case string(String)
    case date(FEELDate)
    indirect case time(FEELTime)
    indirect case dateTime(FEELDateTime)
    case yearsMonths(FEELYearsMonthsDuration)
    case daysTime(FEELDaysTimeDuration)
    case list([FEELValue])
    case context(FEELContext)
    indirect case range(FEELRange)
    case function(FEELFunction)

    public static let `true` = FEELValue.boolean(true)
    public static let `false` = FEELValue.boolean(false)

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The boolean, when the value is one.
    public var booleanValue: Bool? { if case .boolean(let value) = self { value } else { nil } }

    /// The number, when the value is one.
    public var numberValue: FEELNumber? { if case .number(let value) = self { value } else { nil } }

    /// The string, when the value is one.
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }

    /// The name of the value's type, as FEEL writes it (`number`, `date and time`, `list`, ...).
    public var typeName: String {
        switch self {
        case .null: "Null"
        case .boolean: "boolean"
        case .number: "number"
        case .string: "string"
        case .date: "date"
        case .time: "time"
        case .dateTime: "date and time"
        case .yearsMonths: "years and months duration"
        case .daysTime: "days and time duration"
        case .list: "list"
        case .context: "context"
        case .range: "range"
        case .function: "function"
        }
    }

    // MARK: FEEL equality and order

    /// FEEL's `=`: `true` or `false` for values that can be compared, `null` for values of different kinds.
    /// `null = null` is true and `null = x` is false.
    public func feelEquals(_ other: FEELValue) -> Bool? {
        switch (self, other) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.yearsMonths(let a), .yearsMonths(let b)): return a == b
        case (.daysTime(let a), .daysTime(let b)): return a == b
        case (.time, .time), (.dateTime, .dateTime): return compare(other).map { $0 == 0 }
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) {
                guard let equal = x.feelEquals(y) else { return nil }
                if !equal { return false }
            }
            return true
        case (.context(let a), .context(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let otherValue = b[key] else { return false }
                guard let equal = value.feelEquals(otherValue) else { return nil }
                if !equal { return false }
            }
            return true
        case (.range(let a), .range(let b)):
            return a.feelEquals(b)
        case (.function(let a), .function(let b)):
            return a === b
        default:
            return nil
        }
    }

    /// FEEL's ordering: negative, zero or positive for values of one ordered kind (numbers, strings, dates,
    /// times, dates and times, durations of one kind); nil otherwise, which the operators turn into null.
    public func compare(_ other: FEELValue) -> Int? {
        func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (b < a ? 1 : 0) }
        switch (self, other) {
        case (.number(let a), .number(let b)): return order(a, b)
        case (.string(let a), .string(let b)): return a == b ? 0 : (a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1)
        case (.date(let a), .date(let b)): return order(a, b)
        case (.yearsMonths(let a), .yearsMonths(let b)): return order(a, b)
        case (.daysTime(let a), .daysTime(let b)): return order(a, b)
        // Times compare to the millisecond, as the TCK's engines do (and Java's, where most of them come from).
        case (.time(let a), .time(let b)):
            if a.zone == nil && b.zone == nil { return order(a.nanoseconds / 1_000_000, b.nanoseconds / 1_000_000) }
            guard let x = a.utcNanoseconds, let y = b.utcNanoseconds else { return nil }
            return order(x / 1_000_000, y / 1_000_000)
        case (.dateTime(let a), .dateTime(let b)):
            func milliseconds(_ instant: Instant) -> (Int, Int64) { (instant.days, instant.nanoseconds / 1_000_000) }
            if a.zone == nil && b.zone == nil {
                return milliseconds(a.localInstant) < milliseconds(b.localInstant) ? -1 : (milliseconds(a.localInstant) == milliseconds(b.localInstant) ? 0 : 1)
            }
            guard let x = a.utcInstant, let y = b.utcInstant else { return nil }
            return milliseconds(x) < milliseconds(y) ? -1 : (milliseconds(x) == milliseconds(y) ? 0 : 1)
        case (.date(let a), .dateTime):
            return FEELValue.dateTime(FEELDateTime(date: a, time: FEELTime(nanoseconds: 0, zone: nil))).compare(other)
        case (.dateTime, .date(let b)):
            return compare(.dateTime(FEELDateTime(date: b, time: FEELTime(nanoseconds: 0, zone: nil))))
        default: return nil
        }
    }
}

extension FEELValue: ExpressibleByBooleanLiteral, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(FEELNumber(value)) }
    public init(arrayLiteral elements: FEELValue...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .null }
}

extension FEELValue: CustomStringConvertible {
    /// The value written as FEEL would write it: strings quoted, lists in brackets, contexts in braces,
    /// temporal values as their constructor (`date("2026-01-15")`).
    public var description: String {
        switch self {
        case .null: "null"
        case .boolean(let value): String(value)
        case .number(let value): value.description
        case .string(let value): "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .date(let value): "date(\"\(value)\")"
        case .time(let value): "time(\"\(value)\")"
        case .dateTime(let value): "date and time(\"\(value)\")"
        case .yearsMonths(let value): "duration(\"\(value)\")"
        case .daysTime(let value): "duration(\"\(value)\")"
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .context(let context): context.description
        case .range(let range): range.description
        case .function(let function): "function(\(function.parameters.joined(separator: ", ")))"
        }
    }

    /// The value as FEEL's `string()` gives it: strings unquoted, temporal values in ISO form.
    public var plainText: String {
        switch self {
        case .string(let value): value
        case .date(let value): value.description
        case .time(let value): value.description
        case .dateTime(let value): value.description
        case .yearsMonths(let value): value.description
        case .daysTime(let value): value.description
        default: description
        }
    }
}
