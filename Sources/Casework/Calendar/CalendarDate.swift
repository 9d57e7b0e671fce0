// Casework's name for a day in the calendar: FEEL's date type, so forms, rules and deadlines share one date.
import FEEL

/// A day with no time or time zone (see `FEELDate`): deadlines, periods, ages and delivery dates.
public typealias CalendarDate = FEELDate
