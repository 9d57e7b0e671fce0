// The one place Heeded decides what assessed need is not being met: for the manager's view and the reports.
import Foundation

/// A need that is not being met: either nothing was agreed for it, or what was agreed is not arriving.
public struct UnmetNeed: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An open need with no provision in force or agreed to start.
        case noProvision = "no-provision"
        /// Provision in force (or ended) whose delivered units are behind what was due.
        case behindOnDelivery = "behind-on-delivery"
    }

    public let kind: Kind
    public let caseID: CaseFile.ID
    public let caseReference: String
    public let childName: String
    public let team: Team
    public let area: LifeArea
    public let needID: Need.ID?
    public let provisionID: Provision.ID?
    public let service: ServiceType?
    public let legalBasis: LegalBasis?
    /// Units due from when provision should have started, and delivered, for provision behind on delivery.
    public let unitsDue: Double?
    public let unitsDelivered: Double?
    /// Units missed that the council answers for (every cause but the family's own cancellations), in `unit`'s
    /// counted thing; nil for a need with no provision.
    public let shortfall: Double?
    /// Missed units by cause, family cancellations included (shown, never counted).
    public let missed: MissedUnits?
    /// Counted missed units by month, oldest first.
    public let missedByMonth: [MonthlyShortfall]
    /// The tolerance the council allows this provision (0 for CSDPA s2, H1).
    public let tolerance: Double?
    public let unit: ProvisionUnit?
    /// The first day the need was not met: the day it was identified or its provision ended, or the first day of
    /// provision with units missed.
    public let unmetSince: CalendarDate
    public let daysUnmet: Int
    public let reason: String

    /// Every assessed need that is not being met on `measure.asOf`, longest-waiting first.
    ///
    /// - A need counts as having provision when some provision linked to it is in force on that day or agreed to
    ///   start later (waiting for it to start is counted on the provision). A need whose provision has all ended is
    ///   unmet from the day after the last one ended.
    /// - A provision is behind when the units it missed (`DeliveryAccount`, from when it should have started, period
    ///   by period, family cancellations not counted) are more than its tolerance allows: any at all under CSDPA s2.
    public static func assessedButUnmet(_ inputs: UnmetNeedInputs, measure: DeliveryMeasure) -> [UnmetNeed] {
        let asOf = measure.asOf
        var found: [UnmetNeed] = []
        scan(inputs, asOf: asOf, policy: measure.policy,
            needWithoutProvision: { position, since, ended in
                let need = inputs.needs[position]
                guard let summary = inputs.cases[need.caseID] else { return }
                let reason = ended.map { "provision ended on \($0.long) and nothing has replaced it" } ?? "no provision agreed for an assessed need"
                found.append(UnmetNeed(
                    kind: .noProvision, caseID: need.caseID, caseReference: summary.reference, childName: summary.childName, team: summary.team,
                    area: need.area, needID: need.id, provisionID: nil, service: nil, legalBasis: nil, unitsDue: nil, unitsDelivered: nil,
                    shortfall: nil, missed: nil, missedByMonth: [], tolerance: nil, unit: nil, unmetSince: since, daysUnmet: since.days(until: asOf),
                    reason: reason))
            },
            provisionBehind: { position, firstNeed in
                let provision = inputs.provisions[position]
                guard let summary = inputs.cases[provision.caseID] else { return }
                let account = provision.account
                let since = account.firstMissed ?? provision.startDate
                found.append(UnmetNeed(
                    kind: .behindOnDelivery, caseID: provision.caseID, caseReference: summary.reference, childName: summary.childName,
                    team: summary.team, area: firstNeed.map { inputs.needs[$0].area } ?? .other, needID: provision.needIDs.first,
                    provisionID: provision.id, service: provision.service, legalBasis: provision.legalBasis,
                    unitsDue: rounded(account.due), unitsDelivered: rounded(account.delivered), shortfall: rounded(account.missed.counted),
                    missed: account.missed, missedByMonth: account.missedByMonth.map { MonthlyShortfall(month: $0.month, units: rounded($0.units)) },
                    tolerance: measure.policy.tolerance(for: provision.legalBasis), unit: provision.amount.unit, unmetSince: since,
                    daysUnmet: since.days(until: asOf), reason: reason(for: account, unit: provision.amount.unit)))
            })
        // Longest waiting first, then by case. The sort is stable, so rows of one case waiting equally long keep
        // the order they were found in (the store's order), and the same records always list the same way. The
        // rows are large: sort small keys and move each row once.
        var keys = found.indices.map { (days: found[$0].daysUnmet, reference: found[$0].caseReference, position: $0) }
        keys.sort { $0.days != $1.days ? $0.days > $1.days : $0.reference != $1.reference ? $0.reference < $1.reference : $0.position < $1.position }
        return keys.map { found[$0.position] }
    }

    /// Who was unmet on each of the measure's trend dates, as `assessedButUnmet` would have listed them on that day
    /// (with the records held now): the 12-month trend, kept small enough to filter and count per request. On the
    /// day the accounts were measured to, it decides exactly as `assessedButUnmet` does, so the two agree.
    public static func history(_ inputs: UnmetNeedInputs, measure: DeliveryMeasure) -> UnmetNeedHistory {
        var cases: [CaseSummary] = []
        var caseIndex: [CaseFile.ID: Int32] = [:]
        func index(of caseID: CaseFile.ID) -> Int32? {
            if let index = caseIndex[caseID] { return index }
            guard let summary = inputs.cases[caseID] else { return nil }
            let index = Int32(cases.count)
            cases.append(summary)
            caseIndex[caseID] = index
            return index
        }
        let entries = measure.trendDates.enumerated().map { trendIndex, date in
            var found: [UnmetNeedHistory.Entry] = []
            scan(inputs, asOf: date, policy: measure.policy, trendIndex: date == measure.asOf ? nil : trendIndex,
                needWithoutProvision: { position, _, _ in
                    if let index = index(of: inputs.needs[position].caseID) { found.append(.init(caseIndex: index, service: nil)) }
                },
                provisionBehind: { position, _ in
                    let provision = inputs.provisions[position]
                    if let index = index(of: provision.caseID) { found.append(.init(caseIndex: index, service: provision.service)) }
                })
            return found
        }
        return UnmetNeedHistory(cases: cases, dates: measure.trendDates, entries: entries)
    }

    /// The rules themselves, in one place: calls `needWithoutProvision` for each open need with no provision
    /// in force or agreed (with the day it became unmet and the day its last provision ended), and
    /// `provisionBehind` for each provision whose account shows it behind as of `asOf` (with the position of its
    /// first need): by its totals, or, for an earlier day, by its mark for trend date `trendIndex`.
    private static func scan(
        _ inputs: UnmetNeedInputs, asOf: CalendarDate, policy: UnmetNeedPolicy, trendIndex: Int? = nil,
        needWithoutProvision: (Int, CalendarDate, CalendarDate?) -> Void, provisionBehind: (Int, Int?) -> Void
    ) {
        // One pass over the provision links gives each need what decides it: whether any provision is in force
        // or agreed to start, and when the last one ended. Needs are found by position, not copied.
        var needPosition: [Need.ID: Int] = [:]
        needPosition.reserveCapacity(inputs.needs.count)
        for (position, need) in inputs.needs.enumerated() { needPosition[need.id] = position }
        var provided = Array(repeating: false, count: inputs.needs.count)
        var lastEnd: [CalendarDate?] = Array(repeating: nil, count: inputs.needs.count)
        for provision in inputs.provisions {
            for needID in provision.needIDs {
                guard let position = needPosition[needID] else { continue }
                if let end = provision.endDate {
                    if asOf <= end { provided[position] = true }
                    if lastEnd[position].map({ $0 < end }) ?? true { lastEnd[position] = end }
                } else {
                    provided[position] = true
                }
            }
        }
        for (position, need) in inputs.needs.enumerated() where !provided[position] {
            guard need.identifiedOn <= asOf, need.closedOn.map({ asOf < $0 }) ?? true else { continue }
            let ended = lastEnd[position]
            let since = max(need.identifiedOn, ended.map { $0.adding(days: 1) } ?? need.identifiedOn)
            needWithoutProvision(position, since, ended)
        }
        for (position, provision) in inputs.provisions.enumerated() {
            let account = provision.account
            let behind = trendIndex.map { account.behindOnTrendDates & (UInt32(1) << UInt32($0)) != 0 }
                ?? DeliveryAccount.isBehind(missed: account.missed.counted, due: account.due, tolerance: policy.tolerance(for: provision.legalBasis))
            guard behind else { continue }
            provisionBehind(position, provision.needIDs.lazy.compactMap { needPosition[$0] }.first)
        }
    }

    /// The main cause in words, and the family's cancellations, which are shown but not counted.
    private static func reason(for account: DeliveryAccount, unit: ProvisionUnit) -> String {
        var text = account.missed.main?.title ?? "delivered less than agreed"
        let family = account.missed.familyOrChild
        if family > MissedUnits.negligible {
            text += "; a further \(Self.number(rounded(family))) \(unit.countedThing) cancelled by the family or because the child was unwell are not counted"
        }
        return text
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
