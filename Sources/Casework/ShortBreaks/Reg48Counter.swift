// Counts overnight short breaks against the s20 reg 48 limits, and warns as they are approached.

/// The limits under the Care Planning, Placement and Case Review (England) Regulations 2010 reg 48, and the
/// points at which Heeded warns. The warnings are local choices; the limits are the law's.
public struct Reg48Limits: Sendable, Hashable, Codable {
    public var nightsPerStay = 17
    public var nightsIn12Months = 75
    public var warnAtNightsPerStay = 14
    public var warnAtNightsIn12Months = 60

    public init() {}
    public static let standard = Reg48Limits()
}

/// Something a manager should see about a child's overnight stays.
public enum Reg48Warning: Sendable, Hashable, CustomStringConvertible {
    case stayNearLimit(OvernightStay.ID, nights: Int)
    case stayOverLimit(OvernightStay.ID, nights: Int)
    case yearNearLimit(nights: Int, windowEnding: CalendarDate)
    case yearOverLimit(nights: Int, windowEnding: CalendarDate)
    /// Reg 48 covers a series with the same carer; stays with several carers under it need checking.
    case moreThanOneCarer([String])
    /// The stays are recorded under s20 reg 48 but exceed its limits: the full looked-after regime applies.
    case basisNoLongerValid(nights: Int)

    /// True for a breach of the law's limits, false for an early warning.
    public var isBreach: Bool {
        switch self {
        case .stayOverLimit, .yearOverLimit, .basisNoLongerValid: true
        case .stayNearLimit, .yearNearLimit, .moreThanOneCarer: false
        }
    }

    public var description: String {
        switch self {
        case .stayNearLimit(_, let nights): "a stay of \(nights) nights is close to the 17-night limit for one stay"
        case .stayOverLimit(_, let nights): "a stay of \(nights) nights is over the 17-night limit for one stay"
        case .yearNearLimit(let nights, let end): "\(nights) nights in the 12 months to \(end) is close to the 75-night limit"
        case .yearOverLimit(let nights, let end): "\(nights) nights in the 12 months to \(end) is over the 75-night limit"
        case .moreThanOneCarer(let carers): "stays under reg 48 are with more than one carer (\(carers.joined(separator: ", "))); the lighter regime covers a series with the same carer"
        case .basisNoLongerValid(let nights): "recorded as s20 reg 48 short breaks but over its limits (\(nights) nights): the full looked-after regime applies"
        }
    }
}

/// The count for one child: what a short-break review and the manager's view show.
public struct Reg48Count: Sendable, Hashable {
    public let longestStay: Int
    /// The most nights in any 12-month window (booked stays included).
    public let mostNightsIn12Months: Int
    /// Nights in the 12 months up to and including `asOf`.
    public let nightsInLast12Months: Int
    public let carers: [String]
    public let warnings: [Reg48Warning]

    /// Counts stays. Only stays under s20 reg 48 are held to its limits; an s17 overnight break does not make
    /// the child looked after, but a series recorded under reg 48 that goes past 17 or 75 nights does.
    public static func count(_ stays: [OvernightStay], asOf: CalendarDate, limits: Reg48Limits = .standard) -> Reg48Count {
        let regulated = stays.filter { $0.legalBasis == .section20Reg48ShortBreak }
        var warnings: [Reg48Warning] = []
        for stay in regulated.sorted(by: { $0.firstNight < $1.firstNight }) {
            if stay.nights > limits.nightsPerStay {
                warnings.append(.stayOverLimit(stay.id, nights: stay.nights))
            } else if stay.nights >= limits.warnAtNightsPerStay {
                warnings.append(.stayNearLimit(stay.id, nights: stay.nights))
            }
        }
        // Each night counted once, even if two records overlap.
        let nights = Set(regulated.flatMap { stay in (0..<stay.nights).map { stay.firstNight.adding(days: $0) } }).sorted()
        var most = 0
        var mostEnding = asOf
        var windowStart = 0
        for (index, night) in nights.enumerated() {
            // A 12-month window ending on `night`: nights after the same date a year earlier.
            let earliest = night.adding(months: -12)
            while nights[windowStart] <= earliest { windowStart += 1 }
            let count = index - windowStart + 1
            if count > most {
                most = count
                mostEnding = night
            }
        }
        let yearStart = asOf.adding(months: -12)
        let recent = nights.filter { $0 > yearStart && $0 <= asOf }.count
        if most > limits.nightsIn12Months {
            warnings.append(.yearOverLimit(nights: most, windowEnding: mostEnding))
        } else if most >= limits.warnAtNightsIn12Months {
            warnings.append(.yearNearLimit(nights: most, windowEnding: mostEnding))
        }
        let carers = Set(regulated.map(\.carer)).sorted()
        if carers.count > 1 { warnings.append(.moreThanOneCarer(carers)) }
        let longest = regulated.map(\.nights).max() ?? 0
        if longest > limits.nightsPerStay || most > limits.nightsIn12Months {
            warnings.append(.basisNoLongerValid(nights: max(longest, most)))
        }
        return Reg48Count(
            longestStay: longest, mostNightsIn12Months: most, nightsInLast12Months: recent, carers: carers, warnings: warnings)
    }
}
