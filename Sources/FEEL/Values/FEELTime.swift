// FEEL's `time` and `date and time`, with an optional UTC offset or IANA zone.
import Foundation

/// Where a time is: a fixed offset from UTC, or a named zone (`@Europe/London`). Absent means local time.
public enum FEELZone: Sendable, Hashable, CustomStringConvertible {
    case offset(seconds: Int)
    case named(String)

    /// The offset at a moment, given as local seconds since 1970 (the zone's own wall clock).
    func offsetSeconds(atLocal localSeconds: Int) -> Int? {
        switch self {
        case .offset(let seconds):
            return seconds
        case .named(let identifier):
            guard let zone = TimeZone(identifier: identifier) else { return nil }
            // Take the offset at the instant the wall clock would show if it were UTC, then correct once:
            // exact except within the hour a clock change skips or repeats.
            let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(localSeconds)))
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(localSeconds - guess)))
        }
    }

    public var description: String {
        switch self {
        case .offset(0): return "Z"
        case .offset(let seconds):
            let magnitude = abs(seconds)
            return (seconds < 0 ? "-" : "+") + twoDigits(magnitude / 3600) + ":" + twoDigits(magnitude % 3600 / 60)
                + (magnitude % 60 == 0 ? "" : ":" + twoDigits(magnitude % 60))
        case .named(let identifier): return "@" + identifier
        }
    }

    /// Parses `Z`, `+01:00`, `-05:30` or `@Area/City` at the end of a time; nil if none is there.
    static func split(_ text: Substring) -> (Substring, FEELZone?)? {
        if let at = text.firstIndex(of: "@") {
            let name = String(text[text.index(after: at)...])
            guard TimeZone(identifier: name) != nil else { return nil }
            return (text[..<at], .named(name))
        }
        if text.hasSuffix("Z") || text.hasSuffix("z") { return (text.dropLast(), .offset(seconds: 0)) }
        for length in [9, 6] where text.count > length {
            let tail = text.suffix(length)
            let sign = tail.first
            guard sign == "+" || sign == "-" else { continue }
            let parts = tail.dropFirst().split(separator: ":")
            guard parts.count == length / 3, parts.allSatisfy({ $0.count == 2 }), let hours = Int(parts[0]), let minutes = Int(parts[1]),
                  hours <= 14, minutes < 60 else { return nil }
            let extra = parts.count > 2 ? Int(parts[2]) ?? 60 : 0
            guard extra < 60 else { return nil }
            let seconds = (hours * 3600 + minutes * 60 + extra) * (sign == "-" ? -1 : 1)
            return (text.dropLast(length), .offset(seconds: seconds))
        }
        return (text, nil)
    }
}

/// A time of day: FEEL's `time`.
public struct FEELTime: Sendable, Hashable, CustomStringConvertible {
    /// Nanoseconds since midnight, 0 ..< 86 400 × 10⁹.
    public let nanoseconds: Int64
    public let zone: FEELZone?

    static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000

    public init(nanoseconds: Int64, zone: FEELZone?) {
        let wrapped = nanoseconds % Self.nanosecondsPerDay
        self.nanoseconds = wrapped < 0 ? wrapped + Self.nanosecondsPerDay : wrapped
        self.zone = zone
    }

    /// A time from its parts; nil when they name no time of day.
    public init?(hour: Int, minute: Int, second: FEELNumber, zone: FEELZone?) {
        guard (0...23).contains(hour), (0...59).contains(minute), !second.isNegative, second < 60,
              let nanos = (second * 1_000_000_000)?.exactInt else { return nil }
        self.init(nanoseconds: Int64(hour * 3600 + minute * 60) * 1_000_000_000 + Int64(nanos), zone: zone)
    }

    /// Parses `HH:MM:SS[.fraction][zone]`.
    public init?(iso text: some StringProtocol) {
        guard let (clock, zone) = FEELZone.split(Substring(text)) else { return nil }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count >= 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), parts[2].prefix(2).allSatisfy(\.isNumber),
              let second = FEELNumber(parts[2]) else { return nil }
        // 24:00:00 is midnight at the end of the day, which FEEL reads as 00:00:00.
        if hour == 24 && minute == 0 && second.isZero {
            self.init(nanoseconds: 0, zone: zone)
            return
        }
        self.init(hour: hour, minute: minute, second: second, zone: zone)
    }

    public var hour: Int { Int(nanoseconds / 3_600_000_000_000) }
    public var minute: Int { Int(nanoseconds / 60_000_000_000 % 60) }
    /// Seconds with their fraction.
    public var second: FEELNumber {
        let nanos = nanoseconds % 60_000_000_000
        return FEELNumber(significand: nanos, scale: 9)
    }

    /// Nanoseconds since midnight UTC, when the time has a zone.
    var utcNanoseconds: Int64? {
        guard let zone, let offset = zone.offsetSeconds(atLocal: Int(nanoseconds / 1_000_000_000)) else { return nil }
        return nanoseconds - Int64(offset) * 1_000_000_000
    }

    public var description: String {
        let seconds = nanoseconds / 1_000_000_000
        var text = twoDigits(Int(seconds / 3600)) + ":" + twoDigits(Int(seconds / 60 % 60)) + ":" + twoDigits(Int(seconds % 60))
        text += fractionText(nanoseconds % 1_000_000_000)
        return text + (zone?.description ?? "")
    }
}

/// A date and a time of day: FEEL's `date and time`.
public struct FEELDateTime: Sendable, Hashable, CustomStringConvertible {
    public let date: FEELDate
    /// The wall-clock time; its zone is the value's zone.
    public let time: FEELTime

    public init(date: FEELDate, time: FEELTime) {
        self.date = date
        self.time = time
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction][zone]`, or a bare date (midnight, no zone).
    public init?(iso text: some StringProtocol) {
        let string = Substring(text)
        guard let separator = string.firstIndex(of: "T") else {
            guard let date = FEELDate(iso: string) else { return nil }
            self.init(date: date, time: FEELTime(nanoseconds: 0, zone: nil))
            return
        }
        let clock = string[string.index(after: separator)...]
        guard let date = FEELDate(iso: string[..<separator]), let time = FEELTime(iso: clock) else { return nil }
        // 24:00:00 is the midnight that ends the day: the next day's 00:00:00.
        self.init(date: clock.hasPrefix("24:") ? date.adding(days: 1) : date, time: time)
    }

    public var zone: FEELZone? { time.zone }

    /// The moment on the value's own wall clock.
    var localInstant: Instant { Instant(days: date.daysSinceEpoch, nanoseconds: time.nanoseconds) }

    /// The moment in UTC, when the value has a zone.
    var utcInstant: Instant? {
        guard let zone else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + Int(time.nanoseconds / 1_000_000_000)
        guard let offset = zone.offsetSeconds(atLocal: seconds) else { return nil }
        return Instant(days: date.daysSinceEpoch, nanoseconds: time.nanoseconds - Int64(offset) * 1_000_000_000)
    }

    /// The same zone, moved by a number of nanoseconds on the wall clock.
    func adding(nanoseconds: Int64) -> FEELDateTime {
        let moved = Instant(days: date.daysSinceEpoch + Int(nanoseconds / FEELTime.nanosecondsPerDay),
                            nanoseconds: time.nanoseconds + nanoseconds % FEELTime.nanosecondsPerDay)
        return FEELDateTime(date: FEELDate(daysSinceEpoch: moved.days), time: FEELTime(nanoseconds: moved.nanoseconds, zone: zone))
    }

    public var description: String { date.description + "T" + time.description }
}

/// A moment as whole days since 1970 and nanoseconds into the day: exact over all of FEEL's years, where
/// nanoseconds since 1970 in 64 bits would run out after 292 years.
struct Instant: Comparable {
    let days: Int
    let nanoseconds: Int64

    /// Normalises the nanoseconds into 0 ..< one day.
    init(days: Int, nanoseconds: Int64) {
        let carry = nanoseconds >= 0 ? nanoseconds / FEELTime.nanosecondsPerDay : (nanoseconds + 1) / FEELTime.nanosecondsPerDay - 1
        self.days = days + Int(carry)
        self.nanoseconds = nanoseconds - carry * FEELTime.nanosecondsPerDay
    }

    static func < (lhs: Instant, rhs: Instant) -> Bool {
        (lhs.days, lhs.nanoseconds) < (rhs.days, rhs.nanoseconds)
    }

    /// `self - other` in nanoseconds; nil past what a days and time duration holds.
    func nanoseconds(since other: Instant) -> Int64? {
        let (dayNanos, overflow) = Int64(days - other.days).multipliedReportingOverflow(by: FEELTime.nanosecondsPerDay)
        guard !overflow else { return nil }
        let (total, overflow2) = dayNanos.addingReportingOverflow(nanoseconds - other.nanoseconds)
        return overflow2 ? nil : total
    }
}

/// A duration in whole months: FEEL's `years and months duration`.
public struct FEELYearsMonthsDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let months: Int

    public init(months: Int) { self.months = months }

    /// Parses `P1Y2M`, `-P3M`, `P0Y`; nil for anything with days or time in it.
    public init?(iso text: some StringProtocol) {
        guard let parts = DurationText(text), parts.days == 0, parts.nanoseconds == 0, parts.hasYearsOrMonths else {
            return nil
        }
        self.init(months: parts.sign * (parts.years * 12 + parts.months))
    }

    public var years: Int { months / 12 }
    /// The months beyond whole years (with the sign of the duration).
    public var monthsBeyondYears: Int { months % 12 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.months < rhs.months }

    public var description: String {
        let magnitude = abs(months)
        var text = months < 0 ? "-P" : "P"
        if magnitude / 12 > 0 { text += "\(magnitude / 12)Y" }
        if magnitude % 12 > 0 || magnitude == 0 { text += "\(magnitude % 12)M" }
        return text
    }
}

/// A duration in days and time: FEEL's `days and time duration`.
public struct FEELDaysTimeDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Whole days; nil past what 64 bits of nanoseconds hold (about 292 years).
    public init?(days: Int) {
        let (nanoseconds, overflow) = Int64(days).multipliedReportingOverflow(by: FEELTime.nanosecondsPerDay)
        guard !overflow else { return nil }
        self.init(nanoseconds: nanoseconds)
    }

    /// Parses `P1DT2H3M4.5S`, `PT0S`, `-P2D`; nil for anything with years or months in it.
    public init?(iso text: some StringProtocol) {
        guard let parts = DurationText(text), !parts.hasYearsOrMonths, parts.hasDaysOrTime else { return nil }
        let (dayNanos, overflow1) = Int64(parts.days).multipliedReportingOverflow(by: FEELTime.nanosecondsPerDay)
        let (total, overflow2) = dayNanos.addingReportingOverflow(parts.nanoseconds)
        guard !overflow1, !overflow2 else { return nil }
        self.init(nanoseconds: Int64(parts.sign) * total)
    }

    public var days: Int { Int(nanoseconds / FEELTime.nanosecondsPerDay) }
    public var hours: Int { Int(nanoseconds / 3_600_000_000_000 % 24) }
    public var minutes: Int { Int(nanoseconds / 60_000_000_000 % 60) }
    public var seconds: FEELNumber { FEELNumber(significand: nanoseconds % 60_000_000_000, scale: 9) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public var description: String {
        let magnitude = nanoseconds.magnitude
        var text = nanoseconds < 0 ? "-P" : "P"
        let days = magnitude / UInt64(FEELTime.nanosecondsPerDay)
        let rest = magnitude % UInt64(FEELTime.nanosecondsPerDay)
        if days > 0 { text += "\(days)D" }
        if rest > 0 || days == 0 {
            text += "T"
            let hours = rest / 3_600_000_000_000
            let minutes = rest / 60_000_000_000 % 60
            let nanos = rest % 60_000_000_000
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if nanos > 0 || (hours == 0 && minutes == 0) {
                text += "\(nanos / 1_000_000_000)" + fractionText(Int64(nanos % 1_000_000_000)) + "S"
            }
        }
        return text
    }
}

/// The parts of an ISO 8601 duration (`-P1Y2M3DT4H5M6.7S`).
private struct DurationText {
    var sign = 1
    var years = 0, months = 0, days = 0
    var nanoseconds: Int64 = 0
    var hasYearsOrMonths = false
    var hasDaysOrTime = false

    init?(_ text: some StringProtocol) {
        var rest = Substring(text)
        if rest.hasPrefix("-") {
            sign = -1
            rest = rest.dropFirst()
        }
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        guard !rest.isEmpty else { return nil }
        var inTime = false
        var number = ""
        var seenAny = false
        for character in rest {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard !number.isEmpty else { return nil }
            seenAny = true
            if !inTime {
                guard let value = Int(number), value <= 999_999_999 * 12 else { return nil }
                switch character {
                case "Y": years = value; hasYearsOrMonths = true
                case "M": months = value; hasYearsOrMonths = true
                case "D": days = value; hasDaysOrTime = true
                default: return nil
                }
            } else {
                hasDaysOrTime = true
                let unit: Int64
                switch character {
                case "H": unit = 3_600_000_000_000
                case "M": unit = 60_000_000_000
                case "S": unit = 1
                default: return nil
                }
                let nanos: Int64
                if unit == 1 {
                    guard let value = FEELNumber(number), let whole = (value * 1_000_000_000)?.exactInt else { return nil }
                    nanos = Int64(whole)
                } else {
                    guard let value = Int64(number) else { return nil }
                    let (product, overflow) = value.multipliedReportingOverflow(by: unit)
                    guard !overflow else { return nil }
                    nanos = product
                }
                let (sum, overflow) = nanoseconds.addingReportingOverflow(nanos)
                guard !overflow else { return nil }
                nanoseconds = sum
            }
            number = ""
        }
        guard number.isEmpty, seenAny else { return nil }
        if inTime && nanoseconds == 0 && !rest.contains(where: { "HMS".contains($0) }) { return nil }
    }
}

func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

/// `.5`, `.123456789` or nothing, for a number of nanoseconds below one second.
private func fractionText(_ nanoseconds: Int64) -> String {
    guard nanoseconds > 0 else { return "" }
    var digits = String(nanoseconds)
    digits = String(repeating: "0", count: 9 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "." + digits
}
