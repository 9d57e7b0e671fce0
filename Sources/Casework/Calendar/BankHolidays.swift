// A list of bank holidays, parsed from the CSV text the edges read (the Store ships England and Wales's).
import Foundation

/// A set of bank holidays and the whole years it covers.
///
/// Outside the covered years Heeded cannot know the holidays (they are set by proclamation, and one-off days
/// such as coronations or a state funeral are added at short notice), so the calendar treats such dates as
/// having no bank holidays and says so through `WorkingDayCalendar.knowsBankHolidays(through:)`.
public struct BankHolidays: Sendable, Hashable {
    public let dates: Set<CalendarDate>
    /// The first and last year the list covers; nil for an empty list.
    public let coveredYears: ClosedRange<Int>?

    public init(_ dates: some Sequence<CalendarDate>) {
        self.dates = Set(dates)
        if let first = self.dates.min(), let last = self.dates.max() {
            coveredYears = first.year...last.year
        } else {
            coveredYears = nil
        }
    }

    /// Reads `date,title,notes` lines (a header line first). A bad line is a programmer's or packager's
    /// error in a file we ship, reported with its line number.
    public init(csv: String, source: String = "bank holidays") throws(BankHolidayFileError) {
        var found: [CalendarDate] = []
        for (index, line) in csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if index == 0 || trimmed.isEmpty { continue }
            let field = trimmed.prefix { $0 != "," }
            guard let date = CalendarDate(iso: field) else {
                throw BankHolidayFileError(source: source, line: index + 1, text: String(trimmed))
            }
            found.append(date)
        }
        self.init(found)
    }
}

/// A line of a bank-holiday file that is not `YYYY-MM-DD,title,notes`.
public struct BankHolidayFileError: Error, Sendable, CustomStringConvertible {
    public let source: String
    public let line: Int
    public let text: String

    public var description: String { "\(source):\(line): expected a date as YYYY-MM-DD at the start of \"\(text)\"" }
}
