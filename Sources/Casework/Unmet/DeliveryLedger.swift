// A provision's delivery records folded into its allowance periods: what the unmet-need account is measured from.

/// A provision's delivery records, summed into the allowance periods of its agreement (each week, four weeks, month
/// or year from its start date; see `ProvisionUnit.periodStart`), with runs of periods delivered in full kept as one
/// entry. The records themselves stay the truth; the ledger is what `DeliveryAccount` reads, and a store may keep it
/// beside them (as `bytes`) so that a county's report reads one small value per provision rather than every
/// delivery record. Built from the records and the provision's terms only: any change to either builds it again.
public struct DeliveryLedger: Sendable, Hashable {
    /// One allowance period's records summed, or a run of periods each delivered in full.
    public struct Entry: Sendable, Hashable {
        /// The period's index from the start date (0 is the first period).
        public let period: Int
        /// How many consecutive periods a full run covers; 1 for a single period.
        public let count: Int
        /// Whether every period in the entry was delivered in full, as planned.
        public let isFull: Bool
        public let delivered: Double
        public let planned: Double
        /// Planned units not delivered, by the cause the records gave.
        public let cancelled: MissedUnits
    }

    /// Periods that have records, in order.
    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Sums the records into periods. A record spanning periods is shared between them by days; days outside the
    /// provision (before its start, after its end) are not counted.
    public init(_ terms: ProvisionTerms, periods records: [DeliveryPeriod]) {
        let unit = terms.amount.unit
        guard unit != .oneOff else {
            // Equipment or an adaptation: one entry, everything delivered towards it.
            guard !records.isEmpty else {
                self.init(entries: [])
                return
            }
            var cancelled = MissedUnits()
            for record in records { cancelled[record.cause] += max(0, record.planned - record.delivered) }
            self.init(entries: [Entry(
                period: 0, count: 1, isFull: false, delivered: records.reduce(0) { $0 + $1.delivered }, planned: records.reduce(0) { $0 + $1.planned },
                cancelled: cancelled)])
            return
        }
        var sums: [Int: (delivered: Double, planned: Double, cancelled: MissedUnits)] = [:]
        for record in records {
            let from = max(record.start, terms.startDate)
            let to = terms.endDate.map { min(record.end, $0) } ?? record.end
            guard from <= to else { continue }
            let recordDays = Double(record.start.days(until: record.end) + 1)
            var index = unit.periodIndex(of: from, from: terms.startDate)
            var periodStart = unit.periodStart(index, from: terms.startDate)
            while periodStart <= to {
                let next = unit.periodStart(index + 1, from: terms.startDate)
                let overlapFrom = max(from, periodStart), overlapTo = min(to, next.adding(days: -1))
                if overlapFrom <= overlapTo {
                    let share = Double(overlapFrom.days(until: overlapTo) + 1) / recordDays
                    var sum = sums[index] ?? (0, 0, MissedUnits())
                    sum.delivered += record.delivered * share
                    sum.planned += record.planned * share
                    sum.cancelled[record.cause] += max(0, record.planned - record.delivered) * share
                    sums[index] = sum
                }
                index += 1
                periodStart = next
            }
        }
        let quantity = terms.amount.quantity
        var entries: [Entry] = []
        for index in sums.keys.sorted() {
            let sum = sums[index]!
            let next = unit.periodStart(index + 1, from: terms.startDate)
            let fullLength = terms.endDate.map { next.adding(days: -1) <= $0 } ?? true
            let full = fullLength && sum.delivered >= quantity - MissedUnits.negligible
                && sum.cancelled.counted + sum.cancelled.familyOrChild <= MissedUnits.negligible
            if full, let last = entries.last, last.isFull, last.period + last.count == index {
                entries[entries.count - 1] = Entry(
                    period: last.period, count: last.count + 1, isFull: true, delivered: last.delivered + sum.delivered,
                    planned: last.planned + sum.planned, cancelled: MissedUnits())
            } else {
                entries.append(Entry(
                    period: index, count: 1, isFull: full, delivered: sum.delivered, planned: sum.planned, cancelled: full ? MissedUnits() : sum.cancelled))
            }
        }
        self.init(entries: entries)
    }
}

extension ProvisionUnit {
    /// The first day of allowance period `index` of provision that started on `start`: a week, four weeks, a month or
    /// a year on for each period (months counted from the start date, so one that began on the 31st has its months
    /// begin on the last day of shorter months).
    public func periodStart(_ index: Int, from start: CalendarDate) -> CalendarDate {
        switch self {
        case .hoursPerWeek: start.adding(days: 7 * index)
        case .poundsPerFourWeeks: start.adding(days: 28 * index)
        case .sessionsPerMonth: start.adding(months: index)
        case .nightsPerYear: start.adding(months: 12 * index)
        case .oneOff: start.adding(days: index)
        }
    }

    /// The allowance period a day falls in (the day must be on or after `start`).
    public func periodIndex(of day: CalendarDate, from start: CalendarDate) -> Int {
        let days = start.days(until: day)
        switch self {
        case .hoursPerWeek: return days / 7
        case .poundsPerFourWeeks: return days / 28
        case .oneOff: return days
        case .sessionsPerMonth, .nightsPerYear:
            let step = self == .sessionsPerMonth ? 1 : 12
            // An estimate from the calendar, then corrected: months from the start date are not all the same length.
            var index = max(0, ((day.year - start.year) * 12 + day.month - start.month) / step - 1)
            while periodStart(index + 1, from: start) <= day { index += 1 }
            return index
        }
    }
}
