// Counts overnight short breaks against the s20 reg 48 limits, series by series, and warns as they are approached.

/// The limits under the Care Planning, Placement and Case Review (England) Regulations 2010 reg 48, and the
/// points at which Heeded warns. The warnings are local choices; the limits are the law's.
///
/// Reg 48 counts **days**, and a series of placements **with the same carer**: no single placement intended to
/// last more than 17 days, and no more than 75 days in all in any 12 months. Heeded's convention, since the
/// regulation does not define a day: every calendar day the child spends any part of with the carer counts, the
/// day they arrive and the day they go home included. So a weekend from Friday night to Sunday (2 nights) is 3
/// days, and a stay of 17 nights is 18 days, over the single-placement limit. This is the stricter reading: it
/// never lets a child's stays run past the limits unseen.
public struct Reg48Limits: Sendable, Hashable, Codable {
    public var daysPerStay = 17
    public var daysIn12Months = 75
    public var warnAtDaysPerStay = 14
    public var warnAtDaysIn12Months = 60

    public init() {}
    public static let standard = Reg48Limits()
}

extension OvernightStay {
    /// The calendar days the stay spans, arrival and departure included (reg 48's count; see `Reg48Limits`).
    public var days: Int { nights + 1 }

    /// Each calendar day of the stay, from arrival to the day the child goes home.
    var calendarDays: some Sequence<CalendarDate> { (0...nights).lazy.map { firstNight.adding(days: $0) } }
}

/// Something a manager should see about a child's overnight stays with one carer.
public enum Reg48Warning: Sendable, Hashable, CustomStringConvertible {
    case stayNearLimit(OvernightStay.ID, days: Int)
    case stayOverLimit(OvernightStay.ID, days: Int)
    case yearNearLimit(days: Int, windowEnding: CalendarDate)
    case yearOverLimit(days: Int, windowEnding: CalendarDate)
    /// The stays are recorded under s20 reg 48 but exceed its limits: the full looked-after regime applies.
    case basisNoLongerValid(days: Int)

    /// True for a breach of the law's limits, false for an early warning.
    public var isBreach: Bool {
        switch self {
        case .stayOverLimit, .yearOverLimit, .basisNoLongerValid: true
        case .stayNearLimit, .yearNearLimit: false
        }
    }

    public var description: String {
        switch self {
        case .stayNearLimit(_, let days): "a stay of \(days) days is close to the 17-day limit for one placement"
        case .stayOverLimit(_, let days): "a stay of \(days) days is over the 17-day limit for one placement"
        case .yearNearLimit(let days, let end): "\(days) days in the 12 months to \(end) is close to the 75-day limit"
        case .yearOverLimit(let days, let end): "\(days) days in the 12 months to \(end) is over the 75-day limit"
        case .basisNoLongerValid(let days): "recorded as s20 reg 48 short breaks but over its limits (\(days) days): the full looked-after regime applies"
        }
    }
}

/// The count for one child: one series per carer or setting, as reg 48 counts them.
public struct Reg48Count: Sendable, Hashable {
    /// The stays with one carer or setting, counted on their own.
    public struct Series: Sendable, Hashable {
        public let carer: String
        public let longestStayDays: Int
        /// The most days in any 12-month window (booked stays included).
        public let mostDaysIn12Months: Int
        /// Days in the 12 months up to and including `asOf`.
        public let daysInLast12Months: Int
        public let warnings: [Reg48Warning]
    }

    /// By carer, in name order.
    public let series: [Series]

    /// Every series' warnings, in carer order.
    public var warnings: [Reg48Warning] { series.flatMap(\.warnings) }

    /// Counts stays. Only stays under s20 reg 48 are held to its limits; an s17 overnight break does not make the
    /// child looked after, but a series recorded under reg 48 that goes past 17 or 75 days does. Stays with
    /// different carers are different series: the limits apply to each, not to their sum.
    public static func count(_ stays: [OvernightStay], asOf: CalendarDate, limits: Reg48Limits = .standard) -> Reg48Count {
        let regulated = stays.filter { $0.legalBasis == .section20Reg48ShortBreak }
        let byCarer = Dictionary(grouping: regulated, by: \.carer)
        return Reg48Count(series: byCarer.keys.sorted().map { carer in series(carer, byCarer[carer]!, asOf: asOf, limits: limits) })
    }

    private static func series(_ carer: String, _ stays: [OvernightStay], asOf: CalendarDate, limits: Reg48Limits) -> Series {
        var warnings: [Reg48Warning] = []
        for stay in stays.sorted(by: { $0.firstNight < $1.firstNight }) {
            if stay.days > limits.daysPerStay {
                warnings.append(.stayOverLimit(stay.id, days: stay.days))
            } else if stay.days >= limits.warnAtDaysPerStay {
                warnings.append(.stayNearLimit(stay.id, days: stay.days))
            }
        }
        // Each day counted once, even where two stays meet (home on Sunday, back on Sunday evening) or overlap.
        let days = Set(stays.flatMap(\.calendarDays)).sorted()
        var most = 0
        var mostEnding = asOf
        var windowStart = 0
        for (index, day) in days.enumerated() {
            // A 12-month window ending on `day`: the days after the same date a year earlier.
            let earliest = day.adding(months: -12)
            while days[windowStart] <= earliest { windowStart += 1 }
            let count = index - windowStart + 1
            if count > most {
                most = count
                mostEnding = day
            }
        }
        let yearStart = asOf.adding(months: -12)
        let recent = days.filter { $0 > yearStart && $0 <= asOf }.count
        if most > limits.daysIn12Months {
            warnings.append(.yearOverLimit(days: most, windowEnding: mostEnding))
        } else if most >= limits.warnAtDaysIn12Months {
            warnings.append(.yearNearLimit(days: most, windowEnding: mostEnding))
        }
        let longest = stays.map(\.days).max() ?? 0
        if longest > limits.daysPerStay || most > limits.daysIn12Months {
            warnings.append(.basisNoLongerValid(days: max(longest, most)))
        }
        return Series(carer: carer, longestStayDays: longest, mostDaysIn12Months: most, daysInLast12Months: recent, warnings: warnings)
    }
}
