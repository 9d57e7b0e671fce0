// Casework's name for a day in the calendar: FEEL's date type, so forms, rules and deadlines share one date.
import FEEL

/// A day with no time or time zone (see `FEELDate`): deadlines, periods, ages and delivery dates.
public typealias CalendarDate = FEELDate

extension CalendarDate {
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "5 February 2026", the GOV.UK style: how every date reads to a person, on a page or in a refusal.
    public var long: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }
}
