// What a provision should have delivered and what it did, period by period, as the Ombudsman counts missed provision.

/// Why units that were due were not delivered, in the groups the Local Government and Social Care Ombudsman
/// distinguishes: the council's (or its provider's) failures, no provider found, a service that closed, units
/// nobody recorded, waiting for provision to start, and the family's or child's own cancellations, which are not
/// the council's failure and are shown but never counted as unmet.
public enum ShortfallCause: String, Sendable, Hashable, Codable, CaseIterable {
    case councilOrProvider = "council-or-provider"
    case noProvider = "no-provider"
    case serviceClosed = "service-closed"
    /// Days in no delivery record: nobody said the provision happened, so it is counted as not delivered.
    case notRecorded = "not-recorded"
    /// Days after the need was assessed and before the provision agreed for it began.
    case waitingToStart = "waiting-to-start"
    case familyOrChild = "family-or-child"

    /// The cause of units a delivery record says were not delivered.
    public init(reason: ShortfallReason?, cancelledBy: CancelledBy?) {
        switch (reason, cancelledBy) {
        case (.familyCancelled?, _), (.childUnwell?, _), (_, .family?): self = .familyOrChild
        case (.providerClosed?, _): self = .serviceClosed
        case (.noProvider?, _): self = .noProvider
        default: self = .councilOrProvider
        }
    }

    /// Whether units missed for this cause are unmet need the council answers for.
    public var isCounted: Bool { self != .familyOrChild }

    public var title: String {
        switch self {
        case .councilOrProvider: "not delivered by the council or its provider"
        case .noProvider: "no provider found"
        case .serviceClosed: "service closed"
        case .notRecorded: "nothing recorded as delivered"
        case .waitingToStart: "waiting for provision to start"
        case .familyOrChild: "cancelled by the family or because the child was unwell"
        }
    }
}

/// Units missed, by cause.
public struct MissedUnits: Sendable, Hashable, Codable {
    public var councilOrProvider = 0.0
    public var noProvider = 0.0
    public var serviceClosed = 0.0
    public var notRecorded = 0.0
    public var waitingToStart = 0.0
    public var familyOrChild = 0.0

    public init() {}

    public subscript(cause: ShortfallCause) -> Double {
        get {
            switch cause {
            case .councilOrProvider: councilOrProvider
            case .noProvider: noProvider
            case .serviceClosed: serviceClosed
            case .notRecorded: notRecorded
            case .waitingToStart: waitingToStart
            case .familyOrChild: familyOrChild
            }
        }
        set {
            switch cause {
            case .councilOrProvider: councilOrProvider = newValue
            case .noProvider: noProvider = newValue
            case .serviceClosed: serviceClosed = newValue
            case .notRecorded: notRecorded = newValue
            case .waitingToStart: waitingToStart = newValue
            case .familyOrChild: familyOrChild = newValue
            }
        }
    }

    /// What the council answers for: every cause but the family's or child's own cancellations.
    public var counted: Double { councilOrProvider + noProvider + serviceClosed + notRecorded + waitingToStart }

    /// The counted cause with the most units, if any were missed.
    public var main: ShortfallCause? {
        ShortfallCause.allCases.filter { $0.isCounted && self[$0] > Self.negligible }.max { self[$0] < self[$1] }
    }

    /// Below this, a difference is rounding, not a missed unit.
    static let negligible = 0.005
}

/// Counted missed units in one calendar month.
public struct MonthlyShortfall: Sendable, Hashable, Codable {
    /// The first day of the month.
    public let month: CalendarDate
    public let units: Double

    public init(month: CalendarDate, units: Double) {
        self.month = month
        self.units = units
    }
}

/// One delivery record as the account reads it: the period, what was planned and delivered, and why any was not.
public struct DeliveryPeriod: Sendable, Hashable {
    public let start: CalendarDate
    public let end: CalendarDate
    public let planned: Double
    public let delivered: Double
    public let cause: ShortfallCause

    public init(start: CalendarDate, end: CalendarDate, planned: Double, delivered: Double, cause: ShortfallCause) {
        self.start = start
        self.end = end
        self.planned = planned
        self.delivered = delivered
        self.cause = cause
    }

    public init(_ delivery: Delivery) {
        self.init(
            start: delivery.periodStart, end: delivery.periodEnd, planned: delivery.plannedUnits, delivered: delivery.deliveredUnits,
            cause: ShortfallCause(reason: delivery.reason, cancelledBy: delivery.cancelledBy))
    }
}

/// A provision's delivery measured against what was agreed, period by period, from when it should have started.
///
/// The rules, in one place (Ombudsman practice):
/// - Units are due from the day provision **should** have started: a reasonable time (the council's
///   `UnmetNeedPolicy.arrangeWithinDays`) after its earliest need was assessed, or its start date if that is earlier.
///   Days from then to the agreed start are missed, waiting to start.
/// - Each allowance period stands alone: the agreed amount is due in each week, month or year counted from the start
///   date (whatever was planned), less the units delivered in it. A full week later does not make up for a missed
///   week; extra given to make up time is recorded against the period it makes up.
/// - What was planned but not delivered takes the record's reason as its cause; what was due but never planned is the
///   council's (or, with no provider, "no provider"). Days no record covers are missed too: nobody recorded the
///   provision happening.
/// - Units are counted to `countedTo` (the day before the recording lag), not beyond: later records are not yet due.
public struct DeliveryAccount: Sendable, Hashable, Codable {
    /// Units due from the day provision should have started to the day counted to.
    public private(set) var due: Double = 0
    public private(set) var delivered: Double = 0
    public private(set) var missed = MissedUnits()
    /// Counted missed units by calendar month, oldest first; months with none are left out.
    public private(set) var missedByMonth: [MonthlyShortfall] = []
    /// The first day of the first period with counted missed units.
    public private(set) var firstMissed: CalendarDate?
    /// Bit `i` is set when the provision was behind on `trendDates[i]`, counting what was due and missed by then.
    public private(set) var behindOnTrendDates: UInt32 = 0

    public init() {}

    /// Measures a provision's delivery records (in any order) as of a day; `shouldStart` is the day its earliest need
    /// was assessed.
    public static func measure(
        _ provision: ProvisionTerms, shouldStart: CalendarDate, periods: [DeliveryPeriod], asOf: CalendarDate, policy: UnmetNeedPolicy,
        trendDates: [CalendarDate] = []
    ) -> DeliveryAccount {
        measure(provision, shouldStart: shouldStart, ledger: DeliveryLedger(provision, periods: periods), asOf: asOf, policy: policy, trendDates: trendDates)
    }

    /// Measures a provision's delivery from its ledger (the records summed into allowance periods).
    public static func measure(
        _ provision: ProvisionTerms, shouldStart: CalendarDate, ledger: DeliveryLedger, asOf: CalendarDate, policy: UnmetNeedPolicy,
        trendDates: [CalendarDate] = []
    ) -> DeliveryAccount {
        precondition(trendDates.count <= 32, "the trend marks at most 32 dates")
        var builder = Builder(provision: provision, policy: policy, countedTo: asOf.adding(days: -policy.recordingLagDays),
                              cuts: trendDates.map { $0.adding(days: -policy.recordingLagDays) })
        builder.run(shouldStart: min(shouldStart.adding(days: policy.arrangeWithinDays), provision.startDate), ledger: ledger)
        return builder.account
    }

    /// Whether what was missed is more than the tolerance for this provision's duty allows.
    public static func isBehind(missed: Double, due: Double, tolerance: Double) -> Bool {
        missed > MissedUnits.negligible && missed > due * tolerance
    }

    /// Works the account out: units due and missed laid over each day, summed by month and up to each cut.
    private struct Builder {
        let provision: ProvisionTerms
        let tolerance: Double
        let countedTo: CalendarDate
        let cuts: [CalendarDate]
        var account = DeliveryAccount()
        var dueAtCut: [Double]
        var missedAtCut: [Double]
        var months: [(month: CalendarDate, units: Double)] = []

        init(provision: ProvisionTerms, policy: UnmetNeedPolicy, countedTo: CalendarDate, cuts: [CalendarDate]) {
            self.provision = provision
            self.tolerance = policy.tolerance(for: provision.legalBasis)
            self.countedTo = countedTo
            self.cuts = cuts
            dueAtCut = Array(repeating: 0, count: cuts.count)
            missedAtCut = Array(repeating: 0, count: cuts.count)
        }

        mutating func run(shouldStart: CalendarDate, ledger: DeliveryLedger) {
            let last = min(countedTo, provision.endDate ?? countedTo)
            if provision.amount.unit == .oneOff {
                oneOff(ledger: ledger, last: last)
            } else {
                periodic(shouldStart: shouldStart, ledger: ledger, last: last)
            }
            account.missedByMonth = months.map { MonthlyShortfall(month: $0.month, units: $0.units) }
            for index in cuts.indices where DeliveryAccount.isBehind(missed: missedAtCut[index], due: dueAtCut[index], tolerance: tolerance) {
                account.behindOnTrendDates |= 1 << UInt32(index)
            }
        }

        /// Provision by the week, four weeks, month or year, measured one allowance period at a time: the agreed
        /// amount is due in each period counted from the start date (6 hours in each week, 2 sessions in each month,
        /// 24 nights in each year), so units delivered anywhere in a period count towards it and not towards another.
        /// A period cut short by the provision's end is due pro rata; one still running on the day counted to is
        /// counted so far in whole units if it is a month or a year, and waits for its record if it is a week or four
        /// weeks. Sessions and nights are due in whole units in a part period: a session cannot be delivered in part.
        private mutating func periodic(shouldStart: CalendarDate, ledger: DeliveryLedger, last: CalendarDate) {
            guard shouldStart <= last else { return }
            let amount = provision.amount, unit = amount.unit, start = provision.startDate
            let gapCause: ShortfallCause = provision.provider == nil ? .noProvider : .notRecorded
            let unplannedCause: ShortfallCause = provision.provider == nil ? .noProvider : .councilOrProvider
            if shouldStart < start {
                // Waiting to start is counted at the agreed rate a day.
                let rate = amount.unitsDue(overDays: 1)
                missedOver(shouldStart, min(last, start.adding(days: -1)), due: rate, missed: rate, cause: .waitingToStart)
            }
            var entries = ledger.entries[...]
            var index = 0
            while true {
                let periodStart = unit.periodStart(index, from: start)
                guard periodStart <= last else { break }
                while let entry = entries.first, entry.period + entry.count <= index { entries = entries.dropFirst() }
                // A run of periods delivered in full and wholly counted: its due and delivery in one step.
                if let run = entries.first, run.isFull, run.period == index, run.count > 1 {
                    let runEnd = unit.periodStart(index + run.count, from: start).adding(days: -1)
                    if runEnd <= last && (provision.endDate.map { runEnd <= $0 } ?? true) {
                        let due = amount.quantity * Double(run.count)
                        account.due += due
                        account.delivered += run.delivered
                        addDue(periodStart, runEnd, units: due)
                        index += run.count
                        entries = entries.dropFirst()
                        continue
                    }
                }
                let next = unit.periodStart(index + 1, from: start)
                let fullEnd = next.adding(days: -1)
                let end = min(fullEnd, last)
                let inProgress = fullEnd > countedTo && (provision.endDate.map { fullEnd <= $0 } ?? true)
                if inProgress && !unit.isCountedSoFar { break }
                let fraction = Double(periodStart.days(until: end) + 1) / Double(periodStart.days(until: fullEnd) + 1)
                var due = amount.quantity * fraction
                if end < fullEnd && unit.isCountedWhole { due = (due + 1e-9).rounded(.down) }
                // This period's share of its entry (an entry of one period, or one period of a full run).
                var delivered = 0.0, recorded = false
                var cancelled = MissedUnits()
                if let entry = entries.first, entry.period <= index {
                    recorded = true
                    delivered = entry.delivered / Double(entry.count)
                    cancelled = entry.cancelled
                }
                account.due += due
                account.delivered += delivered
                addDue(periodStart, end, units: due)
                let short = due - delivered
                if short > MissedUnits.negligible {
                    // What was planned and not delivered takes the records' reasons; what was due and never planned is
                    // the council's (or no provider's); a period nobody recorded is counted as not delivered.
                    let totalCancelled = cancelled.counted + cancelled.familyOrChild
                    let scale = totalCancelled > short ? short / totalCancelled : 1
                    for cause in ShortfallCause.allCases where cancelled[cause] > 0 {
                        addMissed(periodStart, end, units: cancelled[cause] * scale, cause: cause)
                    }
                    let unplanned = short - min(short, totalCancelled)
                    if unplanned > MissedUnits.negligible { addMissed(periodStart, end, units: unplanned, cause: recorded ? unplannedCause : gapCause) }
                }
                index += 1
            }
        }

        /// Equipment or an adaptation: all of it due on the start date.
        private mutating func oneOff(ledger: DeliveryLedger, last: CalendarDate) {
            let start = provision.startDate
            guard start <= last else { return }
            let quantity = provision.amount.quantity
            let entry = ledger.entries.first
            let delivered = entry?.delivered ?? 0
            account.due = quantity
            account.delivered = delivered
            addDue(start, start, units: quantity)
            let short = quantity - delivered
            guard short > MissedUnits.negligible else { return }
            let cause = entry.flatMap { entry in ShortfallCause.allCases.filter { entry.cancelled[$0] > 0 }.max { entry.cancelled[$0] < entry.cancelled[$1] } }
                ?? (provision.provider == nil ? .noProvider : .notRecorded)
            addMissed(start, start, units: short, cause: cause)
        }

        /// Days with nothing delivered: `due` and `missed` a day.
        private mutating func missedOver(_ from: CalendarDate, _ to: CalendarDate, due: Double, missed: Double, cause: ShortfallCause) {
            guard from <= to else { return }
            let days = Double(from.days(until: to) + 1)
            account.due += due * days
            addDue(from, to, units: due * days)
            addMissed(from, to, units: missed * days, cause: cause)
        }

        private mutating func addDue(_ from: CalendarDate, _ to: CalendarDate, units: Double) {
            spreadOverCuts(from, to, units: units, into: &dueAtCut)
        }

        private mutating func addMissed(_ from: CalendarDate, _ to: CalendarDate, units: Double, cause: ShortfallCause) {
            account.missed[cause] += units
            guard cause.isCounted else { return }
            if account.firstMissed.map({ from < $0 }) ?? true { account.firstMissed = from }
            spreadOverCuts(from, to, units: units, into: &missedAtCut)
            // By calendar month, pro rata by days.
            let total = Double(from.days(until: to) + 1)
            var day = from
            while day <= to {
                let monthStart = CalendarDate(year: day.year, month: day.month, day: 1)!
                let monthEnd = min(to, monthStart.adding(months: 1).adding(days: -1))
                let units = units * Double(day.days(until: monthEnd) + 1) / total
                if let index = months.lastIndex(where: { $0.month == monthStart }) {
                    months[index].units += units
                } else {
                    months.append((monthStart, units))
                    if months.count > 1 && months[months.count - 2].month > monthStart { months.sort { $0.month < $1.month } }
                }
                day = monthEnd.adding(days: 1)
            }
        }

        /// Adds the part of `units` (spread evenly over `from...to`) that falls on or before each cut.
        private func spreadOverCuts(_ from: CalendarDate, _ to: CalendarDate, units: Double, into totals: inout [Double]) {
            guard !cuts.isEmpty else { return }
            let days = Double(from.days(until: to) + 1)
            for (index, cut) in cuts.enumerated() where from <= cut {
                totals[index] += cut >= to ? units : units * Double(from.days(until: cut) + 1) / days
            }
        }
    }
}

/// The terms of a provision that its delivery is measured against.
public struct ProvisionTerms: Sendable, Hashable {
    public let amount: ProvisionAmount
    public let startDate: CalendarDate
    public let endDate: CalendarDate?
    public let provider: String?
    public let legalBasis: LegalBasis

    public init(amount: ProvisionAmount, startDate: CalendarDate, endDate: CalendarDate?, provider: String?, legalBasis: LegalBasis) {
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
        self.provider = provider
        self.legalBasis = legalBasis
    }

    public init(_ provision: Provision) {
        self.init(amount: provision.amount, startDate: provision.startDate, endDate: provision.endDate, provider: provision.provider, legalBasis: provision.legalBasis)
    }
}
