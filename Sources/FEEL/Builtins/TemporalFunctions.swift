// FEEL's date and time built-ins: today and now, calendar parts by name, and `is`.
import Foundation

extension Builtins {
    private static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    static let temporalFunctions: [BuiltinOverload] = [
        BuiltinOverload("today", []) { _ in .date(FEELDate(Date())) },
        BuiltinOverload("now", []) { _ in
            let instant = Date()
            let seconds = instant.timeIntervalSince1970
            let nanos = Int64((seconds * 1_000).rounded(.down)) * 1_000_000
            let day = Int((Double(nanos) / Double(FEELTime.nanosecondsPerDay)).rounded(.down))
            let rest = nanos - Int64(day) * FEELTime.nanosecondsPerDay
            return .dateTime(FEELDateTime(date: FEELDate(daysSinceEpoch: day), time: FEELTime(nanoseconds: rest, zone: .offset(seconds: 0))))
        },
        BuiltinOverload("day of year", ["date"]) { arguments in
            guard let date = Conversions.dateTime(arguments[0])?.date,
                  let first = FEELDate(year: date.year, month: 1, day: 1) else { return .null }
            return .number(FEELNumber(first.days(until: date) + 1))
        },
        BuiltinOverload("day of week", ["date"]) { arguments in
            guard let date = Conversions.dateTime(arguments[0])?.date else { return .null }
            return .string(dayNames[date.weekday - 1])
        },
        BuiltinOverload("month of year", ["date"]) { arguments in
            guard let date = Conversions.dateTime(arguments[0])?.date else { return .null }
            return .string(monthNames[date.month - 1])
        },
        BuiltinOverload("week of year", ["date"]) { arguments in
            guard let date = Conversions.dateTime(arguments[0])?.date else { return .null }
            return .number(FEELNumber(isoWeek(of: date)))
        },
        BuiltinOverload("last day of month", ["date"]) { arguments in
            guard let date = Conversions.dateTime(arguments[0])?.date,
                  let first = FEELDate(year: date.year, month: date.month, day: 1) else { return .null }
            return .date(first.adding(months: 1).adding(days: -1))
        },
        BuiltinOverload("is", ["value1", "value2"]) { arguments in
            // Identity, not equality: same type and same value, zones included.
            switch (arguments[0], arguments[1]) {
            case (.time(let a), .time(let b)): return .boolean(a == b)
            case (.dateTime(let a), .dateTime(let b)): return .boolean(a == b)
            default:
                guard arguments[0].typeName == arguments[1].typeName else { return .false }
                return .boolean(arguments[0].feelEquals(arguments[1]) == true)
            }
        },
    ]

    /// The ISO 8601 week number: weeks start on Monday, and week 1 holds the year's first Thursday.
    private static func isoWeek(of date: FEELDate) -> Int {
        let thursday = date.adding(days: 4 - date.weekday)
        guard let first = FEELDate(year: thursday.year, month: 1, day: 1) else { return 1 }
        return first.days(until: thursday) / 7 + 1
    }
}
