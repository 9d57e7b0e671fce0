// FEEL's arithmetic over numbers, strings, dates, times and durations; anything else is null.

enum Arithmetic {
    static func apply(_ op: ArithmeticOperator, _ a: FEELValue, _ b: FEELValue) -> FEELValue {
        switch op {
        case .add: add(a, b)
        case .subtract: subtract(a, b)
        case .multiply: multiply(a, b)
        case .divide: divide(a, b)
        case .power: power(a, b)
        }
    }

    static func negate(_ value: FEELValue) -> FEELValue {
        switch value {
        case .number(let number): .number(number.negated)
        case .yearsMonths(let duration): .yearsMonths(FEELYearsMonthsDuration(months: -duration.months))
        case .daysTime(let duration): .daysTime(FEELDaysTimeDuration(nanoseconds: -duration.nanoseconds))
        default: .null
        }
    }

    private static func number(_ result: FEELNumber?) -> FEELValue {
        result.map(FEELValue.number) ?? .null
    }

    static func add(_ a: FEELValue, _ b: FEELValue) -> FEELValue {
        switch (a, b) {
        case (.number(let x), .number(let y)): return number(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.yearsMonths(let x), .yearsMonths(let y)): return .yearsMonths(FEELYearsMonthsDuration(months: x.months + y.months))
        case (.daysTime(let x), .daysTime(let y)):
            let (sum, overflow) = x.nanoseconds.addingReportingOverflow(y.nanoseconds)
            return overflow ? .null : .daysTime(FEELDaysTimeDuration(nanoseconds: sum))
        case (.date(let date), .yearsMonths(let duration)), (.yearsMonths(let duration), .date(let date)):
            return .date(date.adding(months: duration.months))
        case (.date(let date), .daysTime(let duration)), (.daysTime(let duration), .date(let date)):
            let moved = FEELDateTime(date: date, time: FEELTime(nanoseconds: 0, zone: nil)).adding(nanoseconds: duration.nanoseconds)
            return .date(moved.date)
        case (.dateTime(let value), .yearsMonths(let duration)), (.yearsMonths(let duration), .dateTime(let value)):
            return .dateTime(FEELDateTime(date: value.date.adding(months: duration.months), time: value.time))
        case (.dateTime(let value), .daysTime(let duration)), (.daysTime(let duration), .dateTime(let value)):
            return .dateTime(value.adding(nanoseconds: duration.nanoseconds))
        case (.time(let time), .daysTime(let duration)), (.daysTime(let duration), .time(let time)):
            return .time(FEELTime(nanoseconds: time.nanoseconds + duration.nanoseconds % FEELTime.nanosecondsPerDay, zone: time.zone))
        default:
            return .null
        }
    }

    static func subtract(_ a: FEELValue, _ b: FEELValue) -> FEELValue {
        switch (a, b) {
        case (.number(let x), .number(let y)): return number(x - y)
        case (.date(let x), .date(let y)): return FEELDaysTimeDuration(days: y.days(until: x)).map(FEELValue.daysTime) ?? .null
        case (.dateTime(let x), .dateTime(let y)):
            let difference: Int64?
            if x.zone == nil && y.zone == nil {
                difference = x.localInstant.nanoseconds(since: y.localInstant)
            } else {
                guard let p = x.utcInstant, let q = y.utcInstant else { return .null }
                difference = p.nanoseconds(since: q)
            }
            return difference.map { .daysTime(FEELDaysTimeDuration(nanoseconds: $0)) } ?? .null
        case (.date(let x), .dateTime):
            // A date meets a date and time as midnight UTC.
            return subtract(.dateTime(FEELDateTime(date: x, time: FEELTime(nanoseconds: 0, zone: .offset(seconds: 0)))), b)
        case (.dateTime, .date(let y)):
            return subtract(a, .dateTime(FEELDateTime(date: y, time: FEELTime(nanoseconds: 0, zone: .offset(seconds: 0)))))
        case (.time(let x), .time(let y)):
            if x.zone == nil && y.zone == nil { return .daysTime(FEELDaysTimeDuration(nanoseconds: x.nanoseconds - y.nanoseconds)) }
            guard let p = x.utcNanoseconds, let q = y.utcNanoseconds else { return .null }
            return .daysTime(FEELDaysTimeDuration(nanoseconds: p - q))
        case (.yearsMonths, .yearsMonths), (.daysTime, .daysTime), (.date, .yearsMonths), (.date, .daysTime),
             (.dateTime, .yearsMonths), (.dateTime, .daysTime), (.time, .daysTime):
            return add(a, negate(b))
        default:
            return .null
        }
    }

    static func multiply(_ a: FEELValue, _ b: FEELValue) -> FEELValue {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return number(x * y)
        case (.yearsMonths(let duration), .number(let factor)), (.number(let factor), .yearsMonths(let duration)):
            guard let months = (FEELNumber(duration.months) * factor)?.rounded(scale: 0, mode: .down).exactInt else { return .null }
            return .yearsMonths(FEELYearsMonthsDuration(months: months))
        case (.daysTime(let duration), .number(let factor)), (.number(let factor), .daysTime(let duration)):
            guard let nanos = (FEELNumber(Int(duration.nanoseconds)) * factor)?.rounded(scale: 0, mode: .halfEven).exactInt
            else { return .null }
            return .daysTime(FEELDaysTimeDuration(nanoseconds: Int64(nanos)))
        default:
            return .null
        }
    }

    static func divide(_ a: FEELValue, _ b: FEELValue) -> FEELValue {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return number(x / y)
        case (.yearsMonths(let duration), .number(let divisor)):
            guard let months = (FEELNumber(duration.months) / divisor)?.rounded(scale: 0, mode: .down).exactInt else { return .null }
            return .yearsMonths(FEELYearsMonthsDuration(months: months))
        case (.daysTime(let duration), .number(let divisor)):
            guard let nanos = (FEELNumber(Int(duration.nanoseconds)) / divisor)?.rounded(scale: 0, mode: .halfEven).exactInt
            else { return .null }
            return .daysTime(FEELDaysTimeDuration(nanoseconds: Int64(nanos)))
        case (.yearsMonths(let x), .yearsMonths(let y)):
            return number(FEELNumber(x.months) / FEELNumber(y.months))
        case (.daysTime(let x), .daysTime(let y)):
            return number(FEELNumber(Int(x.nanoseconds)) / FEELNumber(Int(y.nanoseconds)))
        default:
            return .null
        }
    }

    static func power(_ a: FEELValue, _ b: FEELValue) -> FEELValue {
        guard case .number(let base) = a, case .number(let exponent) = b else { return .null }
        return number(base.power(exponent))
    }
}

/// `value.key` on values that are not contexts: the parts of dates, times and durations, and a range's ends.
enum Properties {
    static func value(of base: FEELValue, key: String) -> FEELValue {
        switch base {
        case .context(let context):
            return context[key] ?? .null
        case .list(let elements):
            // A path on a list reads the key from each element.
            return .list(elements.map { value(of: $0, key: key) })
        case .date(let date):
            return dateProperty(date, key) ?? .null
        case .dateTime(let value):
            return dateProperty(value.date, key) ?? timeProperty(value.time, key) ?? .null
        case .time(let time):
            return timeProperty(time, key) ?? .null
        case .yearsMonths(let duration):
            switch key {
            case "years": return .number(FEELNumber(duration.years))
            case "months": return .number(FEELNumber(duration.monthsBeyondYears))
            default: return .null
            }
        case .daysTime(let duration):
            switch key {
            case "days": return .number(FEELNumber(duration.days))
            case "hours": return .number(FEELNumber(duration.hours))
            case "minutes": return .number(FEELNumber(duration.minutes))
            case "seconds": return .number(duration.seconds)
            default: return .null
            }
        case .range(let range):
            switch key {
            case "start": return range.low ?? .null
            case "end": return range.high ?? .null
            case "start included": return .boolean(range.lowClosed)
            case "end included": return .boolean(range.highClosed)
            default: return .null
            }
        default:
            return .null
        }
    }

    private static func dateProperty(_ date: FEELDate, _ key: String) -> FEELValue? {
        switch key {
        case "year": .number(FEELNumber(date.year))
        case "month": .number(FEELNumber(date.month))
        case "day": .number(FEELNumber(date.day))
        case "weekday": .number(FEELNumber(date.weekday))
        default: nil
        }
    }

    private static func timeProperty(_ time: FEELTime, _ key: String) -> FEELValue? {
        switch key {
        case "hour": return .number(FEELNumber(time.hour))
        case "minute": return .number(FEELNumber(time.minute))
        case "second": return .number(time.second)
        case "time offset":
            guard case .offset(let seconds)? = time.zone else { return .null }
            return .daysTime(FEELDaysTimeDuration(nanoseconds: Int64(seconds) * 1_000_000_000))
        case "timezone":
            guard case .named(let name)? = time.zone else { return .null }
            return .string(name)
        default: return nil
        }
    }
}
