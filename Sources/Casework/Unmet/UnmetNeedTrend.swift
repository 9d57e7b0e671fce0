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

/// The trend of unmet need, month by month. Each point is what `UnmetNeed.assessedButUnmet` would have listed as
/// of that day, measuring each provision's records up to it (less the recording lag), so a month's figure is what
/// a manager would have seen had they looked that day with the records held now.
public enum UnmetNeedTrend {
    /// The last day of each of the `count` months before `asOf`'s month, then `asOf` itself: oldest first.
    public static func dates(endingOn asOf: CalendarDate, months count: Int = 12) -> [CalendarDate] {
        precondition(count > 0, "a trend needs at least one month")
        let firstOfMonth = CalendarDate(year: asOf.year, month: asOf.month, day: 1)!
        let previousMonthEnds = (1..<count).reversed().map { firstOfMonth.adding(months: -($0 - 1)).adding(days: -1) }
        return previousMonthEnds + [asOf]
    }

    /// One point per trend date of the measure the inputs were read with.
    public static func points(_ inputs: UnmetNeedInputs, measure: DeliveryMeasure) -> [UnmetNeedTrendPoint] {
        UnmetNeed.history(inputs, measure: measure).points()
    }
}

/// What was unmet on each trend date, one small entry per need or provision, so the trend can be counted for any
/// selection of teams, services or children without working it out again: 8 bytes an entry, each case's summary
/// held once.
public struct UnmetNeedHistory: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The case's position in `cases`.
        public let caseIndex: Int32
        /// The service of provision behind on delivery; nil for a need with no provision.
        public let service: ServiceType?

        public var kind: UnmetNeed.Kind { service == nil ? .noProvision : .behindOnDelivery }
    }

    /// The cases with unmet need on any of the dates.
    public let cases: [CaseSummary]
    public let dates: [CalendarDate]
    /// For each date, its unmet needs and provisions.
    public let entries: [[Entry]]

    /// The trend of the entries `including` selects.
    public func points(including: (Entry) -> Bool = { _ in true }) -> [UnmetNeedTrendPoint] {
        zip(dates, entries).map { date, entries in
            var noProvision = 0, behind = 0
            for entry in entries where including(entry) {
                if entry.service == nil { noProvision += 1 } else { behind += 1 }
            }
            return UnmetNeedTrendPoint(asOf: date, noProvision: noProvision, behindOnDelivery: behind)
        }
    }
}

/// What the reports read besides `CaseStore`'s inputs.
public protocol ReportingStore: Sendable {
    /// A number that changes whenever casework records change (not when they are only viewed), so a report
    /// computed at one revision can be reused until the next.
    func changeRevision() async throws -> Int64
    /// Each case's disability codes (what the child's record holds), for filtering reports.
    func childDisabilities(team: Team?) async throws -> [CaseFile.ID: [DisabilityCode]]
}
