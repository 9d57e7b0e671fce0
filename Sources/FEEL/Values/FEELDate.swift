// A day in the civil calendar, with no time or time zone: FEEL's `date`, and the dates of every statutory clock.
import Foundation

/// A calendar date (year, month, day), counted internally as days since 1970-01-01 so that adding days and
/// comparing dates is arithmetic, not a trip through `Calendar` and time zones.
///
/// It is FEEL's `date` value, and Casework uses the same type (as `CalendarDate`) for deadlines, periods and
/// ages, so there is one piece of date arithmetic in Heeded. Statutory clocks run on dates, not instants: a
/// referral received at 16:59 or at 09:00 starts the same day 0, and no deadline can drift by a day across a
/// clock change.
public struct FEELDate: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// A date from its parts; nil when the parts name no real day (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard FEELDate.years.contains(year), (1...12).contains(month), day >= 1, day <= FEELDate.daysIn(month: month, year: year)
        else { return nil }
        self.daysSinceEpoch = FEELDate.days(year: year, month: month, day: day)
    }

    /// The years FEEL's dates span (XML Schema's, as the DMN specification bounds them).
    static let years = -999_999_999...999_999_999

    /// A date from `YYYY-MM-DD`, or with a sign and more year digits (`-0044-03-15`, `99999-12-31`); nil for
    /// anything else.
    public init?(iso text: String) {
        var text = text
        guard let date = text.withUTF8({ FEELDate(isoBytes: $0) }) else { return nil }
        self = date
    }

    /// A date from `YYYY-MM-DD` inside a longer text (a date and time).
    public init?(iso text: Substring) {
        self.init(iso: String(text))
    }

    /// Reads the ten bytes in place: dates are parsed by the hundred thousand when a report loads.
    private init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        let negative = bytes.first == UInt8(ascii: "-")
        let yearStart = negative ? 1 : 0
        let yearEnd = bytes.count - 6
        // Four digits of year, or more without a leading zero (XML Schema's rule).
        guard yearEnd - yearStart >= 4, yearEnd - yearStart <= 9, bytes[yearEnd] == UInt8(ascii: "-"),
              bytes[yearEnd + 3] == UInt8(ascii: "-"),
              yearEnd - yearStart == 4 || bytes[yearStart] != UInt8(ascii: "0") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(yearStart..<yearEnd), let month = number(yearEnd + 1..<yearEnd + 3),
              let day = number(yearEnd + 4..<yearEnd + 6) else { return nil }
        self.init(year: negative ? -year : year, month: month, day: day)
    }

    /// The date of an instant in a time zone (the council's, Europe/London, unless told otherwise).
    public init(_ instant: Date, in timeZone: TimeZone = TimeZone(identifier: "Europe/London")!) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.daysSinceEpoch = FEELDate.days(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// ISO 8601 weekday: 1 Monday … 7 Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let offset = (daysSinceEpoch + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> FEELDate { FEELDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Days from `self` to `later` (negative if `later` is earlier).
    public func days(until later: FEELDate) -> Int { later.daysSinceEpoch - daysSinceEpoch }

    /// The same day `months` months on, clamped to the month's last day (31 January + 1 month = 28 or 29 February).
    public func adding(months: Int) -> FEELDate {
        let (year, month, day) = civil
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        let newDay = min(day, FEELDate.daysIn(month: newMonth, year: newYear))
        return FEELDate(daysSinceEpoch: FEELDate.days(year: newYear, month: newMonth, day: newDay))
    }

    public static func < (lhs: FEELDate, rhs: FEELDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    // Howard Hinnant's days-from-civil and civil-from-days: exact for the proleptic Gregorian calendar.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private var civil: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension FEELDate: CustomStringConvertible {
    /// `YYYY-MM-DD`, the form used in files, the database and JSON.
    public var description: String {
        let (year, month, day) = civil
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let yearText = String(year.magnitude)
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month)
            + "-" + two(day)
    }
}

extension FEELDate: Codable {
    /// Encoded as `YYYY-MM-DD` text, so stored JSON and API output read as dates.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = FEELDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date as YYYY-MM-DD, found \"\(text)\"")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
