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
        if text.count > 6 {
            let tail = text.suffix(6)
            let sign = tail.first
            if sign == "+" || sign == "-" {
                let parts = tail.dropFirst().split(separator: ":")
                guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), hours <= 14, minutes < 60
                else { return nil }
                let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
                return (text.dropLast(6), .offset(seconds: seconds))
            }
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
        guard let date = FEELDate(iso: string[..<separator]),
              let time = FEELTime(iso: string[string.index(after: separator)...]) else { return nil }
        self.init(date: date, time: time)
    }

    public var zone: FEELZone? { time.zone }

    /// Nanoseconds since 1970-01-01T00:00:00 on the value's own wall clock.
    var localNanoseconds: Int64 {
        Int64(date.daysSinceEpoch) * FEELTime.nanosecondsPerDay + time.nanoseconds
    }

    /// Nanoseconds since the Unix epoch, when the value has a zone.
    var utcNanoseconds: Int64? {
        guard let zone else { return nil }
        let local = localNanoseconds
        guard let offset = zone.offsetSeconds(atLocal: Int(local / 1_000_000_000)) else { return nil }
        return local - Int64(offset) * 1_000_000_000
    }

    /// The same zone, moved by a number of nanoseconds on the wall clock.
    func adding(nanoseconds: Int64) -> FEELDateTime {
        let total = localNanoseconds + nanoseconds
        var days = total / FEELTime.nanosecondsPerDay
        var rest = total % FEELTime.nanosecondsPerDay
        if rest < 0 {
            rest += FEELTime.nanosecondsPerDay
            days -= 1
        }
        return FEELDateTime(date: FEELDate(daysSinceEpoch: Int(days)), time: FEELTime(nanoseconds: rest, zone: zone))
    }

    public var description: String { date.description + "T" + time.description }
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

    public init(days: Int) { self.init(nanoseconds: Int64(days) * FEELTime.nanosecondsPerDay) }

    /// Parses `P1DT2H3M4.5S`, `PT0S`, `-P2D`; nil for anything with years or months in it.
    public init?(iso text: some StringProtocol) {
        guard let parts = DurationText(text), !parts.hasYearsOrMonths, parts.hasDaysOrTime else { return nil }
        let (total, overflow) = (Int64(parts.days) * FEELTime.nanosecondsPerDay).addingReportingOverflow(parts.nanoseconds)
        guard !overflow else { return nil }
        self.init(nanoseconds: Int64(parts.sign) * total)
    }

    public var days: Int { Int(nanoseconds / FEELTime.nanosecondsPerDay) }
    public var hours: Int { Int(nanoseconds / 3_600_000_000_000 % 24) }
    public var minutes: Int { Int(nanoseconds / 60_000_000_000 % 60) }
    public var seconds: FEELNumber { FEELNumber(significand: nanoseconds % 60_000_000_000, scale: 9) }
    /// The whole duration in seconds.
    public var totalSeconds: FEELNumber { FEELNumber(significand: nanoseconds, scale: 9) }

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
                guard let value = Int(number) else { return nil }
                switch character {
                case "Y": years = value; hasYearsOrMonths = true
                case "M": months = value; hasYearsOrMonths = true
                case "D": days = value; hasDaysOrTime = true
                default: return nil
                }
            } else {
                hasDaysOrTime = true
                switch character {
                case "H":
                    guard let value = Int64(number) else { return nil }
                    nanoseconds += value * 3_600_000_000_000
                case "M":
                    guard let value = Int64(number) else { return nil }
                    nanoseconds += value * 60_000_000_000
                case "S":
                    guard let value = FEELNumber(number), let nanos = (value * 1_000_000_000)?.exactInt else { return nil }
                    nanoseconds += Int64(nanos)
                default: return nil
                }
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
