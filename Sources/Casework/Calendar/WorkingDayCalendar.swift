// The one place Heeded counts working days: Monday to Friday, excluding England and Wales bank holidays.

/// Counts working days for statutory clocks.
///
/// Convention (DOMAIN.md): the day something arrives is day 0, and the clock starts counting the next working
/// day. A referral on Monday 2025-12-01 has its 45-working-day deadline on Thursday 2026-02-05 (Christmas Day,
/// Boxing Day and New Year's Day are skipped). A referral made on a Saturday is still day 0 on that Saturday;
/// day 1 is the Monday.
///
/// Past the last year in the bank-holiday list only weekends are skipped, so a deadline there may be a day or
/// two early. It is never silently later than the law allows. `knowsBankHolidays(through:)` and
/// `Deadline.assumesNoBankHolidays` tell a caller when that applies so it can warn.
public struct WorkingDayCalendar: Sendable {
    public let bankHolidays: BankHolidays

    public init(bankHolidays: BankHolidays) { self.bankHolidays = bankHolidays }

    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        !date.isWeekend && !bankHolidays.dates.contains(date)
    }

    /// Whether the bank holidays up to and including `date` are known (its year is covered by the list).
    public func knowsBankHolidays(through date: CalendarDate) -> Bool {
        guard let years = bankHolidays.coveredYears else { return false }
        return date.year <= years.upperBound
    }

    /// The date `count` working days after day 0 (`start`). `count` of 0 gives `start` itself.
    public func adding(workingDays count: Int, to start: CalendarDate) -> CalendarDate {
        precondition(count >= 0, "working days are counted forwards; asked for \(count)")
        var date = start
        var remaining = count
        while remaining > 0 {
            date = date.adding(days: 1)
            if isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// `date` itself when it is a working day, otherwise the next one.
    public func workingDay(onOrAfter date: CalendarDate) -> CalendarDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// Working days after `start` up to and including `end`: the day number of `end` when `start` is day 0.
    /// Negative when `end` is before `start`.
    public func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        var count = 0
        var date = start
        while date < end {
            date = date.adding(days: 1)
            if isWorkingDay(date) { count += 1 }
        }
        return count
    }

    /// The deadline a timescale sets from day 0.
    public func deadline(_ timescale: Timescale, from start: CalendarDate) -> Deadline {
        let date = switch timescale {
        case .workingDays(let count): adding(workingDays: count, to: start)
        case .weeks(let weeks): start.adding(days: weeks * 7)
        }
        let uncertain: Bool = switch timescale {
        case .workingDays: !knowsBankHolidays(through: date)
        case .weeks: false
        }
        return Deadline(date: date, timescale: timescale, startedOn: start, assumesNoBankHolidays: uncertain)
    }
}

/// A statutory or local time limit, in the unit the rule that sets it uses.
public enum Timescale: Sendable, Hashable, Codable {
    case workingDays(Int)
    /// Calendar weeks (the SEND Regulations count EHC steps in weeks, not working days).
    case weeks(Int)

    /// Deciding what to do with a referral: 1 working day (Working Together 2023).
    public static let referralDecision = Timescale.workingDays(1)
    /// Child in need assessment: 45 working days from the referral (Working Together 2023).
    public static let childInNeedAssessment = Timescale.workingDays(45)
    /// Parent carer and young carer assessments run alongside the child's, in the same 45 working days.
    public static let carerAssessment = Timescale.workingDays(45)
    /// Initial child protection conference: 15 working days from the strategy discussion.
    public static let initialChildProtectionConference = Timescale.workingDays(15)
    /// EHC social care advice: 6 weeks from the request for advice (SEND Regulations 2014 reg 8).
    public static let ehcSocialCareAdvice = Timescale.weeks(6)
    /// A triggered parent carer assessment should be offered within 5 working days (local standard; Heeded's
    /// assumption, so that "triggered but never offered" can be seen).
    public static let parentCarerOffer = Timescale.workingDays(5)
}

/// A deadline and how it was set, so a page can say "due 5 February 2026 (45 working days from 1 December)".
public struct Deadline: Sendable, Hashable, Codable {
    public let date: CalendarDate
    public let timescale: Timescale
    public let startedOn: CalendarDate
    /// True when the count ran past the years whose bank holidays are known: only weekends were skipped.
    public let assumesNoBankHolidays: Bool

    public init(date: CalendarDate, timescale: Timescale, startedOn: CalendarDate, assumesNoBankHolidays: Bool) {
        self.date = date
        self.timescale = timescale
        self.startedOn = startedOn
        self.assumesNoBankHolidays = assumesNoBankHolidays
    }
}
