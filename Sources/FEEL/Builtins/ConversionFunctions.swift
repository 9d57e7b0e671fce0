// Built-ins that make values from text or parts: date, time, date and time, duration, number, string, not.
import Foundation

enum Conversions {
    /// The value an `@"..."` literal stands for: a date, time, date and time or duration.
    static func temporal(_ text: String) -> FEELValue? {
        if let date = FEELDate(iso: text) { return .date(date) }
        if text.contains("T"), let dateTime = FEELDateTime(iso: text) { return .dateTime(dateTime) }
        if let time = FEELTime(iso: text) { return .time(time) }
        return duration(text)
    }

    static func duration(_ text: String) -> FEELValue? {
        if let value = FEELYearsMonthsDuration(iso: text) { return .yearsMonths(value) }
        if let value = FEELDaysTimeDuration(iso: text) { return .daysTime(value) }
        return nil
    }

    /// Whole months from one date to another, truncated towards zero (an age in years and months). Only the
    /// dates count, as the TCK's engines agree: the time of day and zone of a date and time do not.
    static func monthsBetween(_ from: FEELDateTime, _ to: FEELDateTime) -> Int {
        var months = (to.date.year - from.date.year) * 12 + (to.date.month - from.date.month)
        if months > 0 && to.date.day < from.date.day { months -= 1 }
        if months < 0 && to.date.day > from.date.day { months += 1 }
        return months
    }

    static func dateTime(_ value: FEELValue) -> FEELDateTime? {
        switch value {
        case .date(let date): FEELDateTime(date: date, time: FEELTime(nanoseconds: 0, zone: nil))
        case .dateTime(let dateTime): dateTime
        default: nil
        }
    }
}

extension Builtins {
    static let conversionFunctions: [BuiltinOverload] = [
        BuiltinOverload("date", ["from"]) { arguments in
            switch arguments[0] {
            case .string(let text): return FEELDate(iso: text).map(FEELValue.date) ?? .null
            case .date: return arguments[0]
            case .dateTime(let value): return .date(value.date)
            default: return .null
            }
        },
        BuiltinOverload("date", ["year", "month", "day"]) { arguments in
            guard let year = number(arguments[0])?.exactInt, let month = number(arguments[1])?.exactInt,
                  let day = number(arguments[2])?.exactInt, let date = FEELDate(year: year, month: month, day: day) else { return .null }
            return .date(date)
        },
        BuiltinOverload("date and time", ["from"]) { arguments in
            switch arguments[0] {
            case .string(let text):
                guard text.contains("T") || FEELDate(iso: text) != nil else { return .null }
                return FEELDateTime(iso: text).map(FEELValue.dateTime) ?? .null
            case .dateTime: return arguments[0]
            case .date(let date): return .dateTime(FEELDateTime(date: date, time: FEELTime(nanoseconds: 0, zone: nil)))
            default: return .null
            }
        },
        BuiltinOverload("date and time", ["date", "time"]) { arguments in
            guard let day = Conversions.dateTime(arguments[0])?.date, case .time(let time) = arguments[1] else { return .null }
            return .dateTime(FEELDateTime(date: day, time: time))
        },
        BuiltinOverload("time", ["from"]) { arguments in
            switch arguments[0] {
            case .string(let text): return FEELTime(iso: text).map(FEELValue.time) ?? .null
            case .time: return arguments[0]
            case .dateTime(let value): return .time(value.time)
            case .date: return .time(FEELTime(nanoseconds: 0, zone: .offset(seconds: 0)))
            default: return .null
            }
        },
        BuiltinOverload("time", ["hour", "minute", "second", "offset"], required: 3) { arguments in
            guard let hour = number(arguments[0])?.exactInt, let minute = number(arguments[1])?.exactInt,
                  let second = number(arguments[2]) else { return .null }
            var zone: FEELZone?
            if arguments.count > 3 {
                switch arguments[3] {
                case .null: zone = nil
                case .daysTime(let offset): zone = .offset(seconds: Int(offset.nanoseconds / 1_000_000_000))
                default: return .null
                }
            }
            return FEELTime(hour: hour, minute: minute, second: second, zone: zone).map(FEELValue.time) ?? .null
        },
        BuiltinOverload("duration", ["from"]) { arguments in
            guard let text = string(arguments[0]) else { return .null }
            return Conversions.duration(text) ?? .null
        },
        BuiltinOverload("years and months duration", ["from", "to"]) { arguments in
            guard let from = Conversions.dateTime(arguments[0]), let to = Conversions.dateTime(arguments[1]) else { return .null }
            return .yearsMonths(FEELYearsMonthsDuration(months: Conversions.monthsBetween(from, to)))
        },
        BuiltinOverload("number", ["from", "grouping separator", "decimal separator"], required: 1) { arguments in
            guard var text = string(arguments[0]) else { return .null }
            let grouping = arguments.count > 1 ? arguments[1] : .null
            let decimal = arguments.count > 2 ? arguments[2] : .null
            switch grouping {
            case .null: break
            case .string(let separator) where [" ", ",", "."].contains(separator):
                text = text.replacingOccurrences(of: separator, with: "")
            default: return .null
            }
            switch decimal {
            case .null: break
            case .string(let separator) where [".", ","].contains(separator) && grouping != decimal:
                text = text.replacingOccurrences(of: separator, with: ".")
            default: return .null
            }
            return FEELNumber(text).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("string", ["from"]) { arguments in
            arguments[0].isNull ? .null : .string(arguments[0].plainText)
        },
        BuiltinOverload("not", ["negand"]) { arguments in
            guard case .boolean(let value) = arguments[0] else { return .null }
            return .boolean(!value)
        },
    ]
}
