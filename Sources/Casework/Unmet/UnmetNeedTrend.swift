// Unmet need over the past months: the same computation as today's, run as of the end of each month.

/// How much assessed need was unmet at the end of a month.
public struct UnmetNeedTrendPoint: Sendable, Hashable, Codable {
    public let asOf: CalendarDate
    public let noProvision: Int
    public let behindOnDelivery: Int
    public var total: Int { noProvision + behindOnDelivery }

    public init(asOf: CalendarDate, noProvision: Int, behindOnDelivery: Int) {
        self.asOf = asOf
        self.noProvision = noProvision
        self.behindOnDelivery = behindOnDelivery
    }
}

/// The trend of unmet need, month by month. Each point is `UnmetNeed.assessedButUnmet` as of that day, with
/// only the deliveries recorded for periods ending by then, so a month's figure is what a manager would have
/// seen had they looked that day (less any deliveries recorded late).
public enum UnmetNeedTrend {
    /// The last day of each of the `count` months before `asOf`'s month, then `asOf` itself: oldest first.
    public static func dates(endingOn asOf: CalendarDate, months count: Int = 12) -> [CalendarDate] {
        precondition(count > 0, "a trend needs at least one month")
        let firstOfMonth = CalendarDate(year: asOf.year, month: asOf.month, day: 1)!
        let previousMonthEnds = (1..<count).reversed().map { firstOfMonth.adding(months: -($0 - 1)).adding(days: -1) }
        return previousMonthEnds + [asOf]
    }

    /// One point per date. `delivered[provisionID][i]` is the units delivered in periods ending by `dates[i]`.
    public static func points(
        _ inputs: UnmetNeedInputs, dates: [CalendarDate], delivered: [Provision.ID: [Double]], policy: UnmetNeedPolicy = .standard
    ) -> [UnmetNeedTrendPoint] {
        // Each provision's delivered units by position, once, rather than a copy of every provision per month.
        let byPosition = inputs.provisions.map { delivered[$0.id] }
        return dates.enumerated().map { index, date in
            let counts = UnmetNeed.counts(inputs, asOf: date, policy: policy) { byPosition[$0]?[index] ?? 0 }
            return UnmetNeedTrendPoint(asOf: date, noProvision: counts.noProvision, behindOnDelivery: counts.behindOnDelivery)
        }
    }
}

/// What the reports read besides `CaseStore`'s inputs.
public protocol ReportingStore: Sendable {
    /// Units delivered per provision in periods ending on or before each date (same order as `dates`).
    func deliveredUnits(upTo dates: [CalendarDate], team: Team?) async throws -> [Provision.ID: [Double]]
    /// A number that changes whenever casework records change (not when they are only viewed), so a report
    /// computed at one revision can be reused until the next.
    func changeRevision() async throws -> Int64
    /// Each case's disability codes (what the child's record holds), for filtering reports.
    func childDisabilities(team: Team?) async throws -> [CaseFile.ID: [DisabilityCode]]
}
