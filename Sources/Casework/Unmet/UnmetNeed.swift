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
    /// Units due to date and delivered, for provision behind on delivery.
    public let unitsDue: Double?
    public let unitsDelivered: Double?
    /// Units missing (due minus delivered), in `unit`'s counted thing; nil for a need with no provision.
    public let shortfall: Double?
    public let unit: ProvisionUnit?
    /// The first day the need was not met: the day it was identified or its provision ended, or the first day of
    /// provision that the delivered units do not cover.
    public let unmetSince: CalendarDate
    public let daysUnmet: Int
    public let reason: String

    /// Every assessed need that is not being met on `asOf`, longest-waiting first.
    ///
    /// - A need counts as having provision when some provision linked to it is in force on `asOf` or agreed to
    ///   start later. A need whose provision has all ended is unmet from the day after the last one ended.
    /// - Units due are pro rata from the start date to the earlier of the end date and `asOf` less the
    ///   recording lag. A provision is behind when the missing units exceed `policy.tolerance` of those due.
    ///   Delivered units are credited to the earliest days first, so "unmet since" is the first day of
    ///   provision they do not cover.
    /// - Provision that has not started has nothing due and is never behind.
    public static func assessedButUnmet(_ inputs: UnmetNeedInputs, asOf: CalendarDate, policy: UnmetNeedPolicy = .standard) -> [UnmetNeed] {
        var found: [UnmetNeed] = []
        scan(inputs, asOf: asOf, policy: policy, delivered: { inputs.provisions[$0].delivered.deliveredUnits },
            needWithoutProvision: { position, since, ended in
                let need = inputs.needs[position]
                guard let summary = inputs.cases[need.caseID] else { return }
                let reason = ended.map { "provision ended on \($0) and nothing has replaced it" } ?? "no provision agreed for an assessed need"
                found.append(UnmetNeed(
                    kind: .noProvision, caseID: need.caseID, caseReference: summary.reference, childName: summary.childName, team: summary.team,
                    area: need.area, needID: need.id, provisionID: nil, service: nil, legalBasis: nil, unitsDue: nil, unitsDelivered: nil,
                    shortfall: nil, unit: nil, unmetSince: since, daysUnmet: since.days(until: asOf), reason: reason))
            },
            provisionBehind: { position, shortfall, firstNeed in
                let provision = inputs.provisions[position]
                guard let summary = inputs.cases[provision.caseID] else { return }
                found.append(UnmetNeed(
                    kind: .behindOnDelivery, caseID: provision.caseID, caseReference: summary.reference, childName: summary.childName,
                    team: summary.team, area: firstNeed.map { inputs.needs[$0].area } ?? .other, needID: provision.needIDs.first,
                    provisionID: provision.id, service: provision.service, legalBasis: provision.legalBasis,
                    unitsDue: rounded(shortfall.due), unitsDelivered: rounded(shortfall.delivered), shortfall: rounded(shortfall.due - shortfall.delivered),
                    unit: provision.amount.unit, unmetSince: shortfall.since, daysUnmet: shortfall.since.days(until: asOf),
                    reason: reason(for: provision)))
            })
        // Longest waiting first, then by case. The sort is stable, so rows of one case waiting equally long keep
        // the order they were found in (the store's order), and the same records always list the same way. The
        // rows are large: sort small keys and move each row once.
        var keys = found.indices.map { (days: found[$0].daysUnmet, reference: found[$0].caseReference, position: $0) }
        keys.sort { $0.days != $1.days ? $0.days > $1.days : $0.reference != $1.reference ? $0.reference < $1.reference : $0.position < $1.position }
        return keys.map { found[$0.position] }
    }

    /// How many needs have no provision, and how many provisions are behind, as `assessedButUnmet` would list
    /// them, with the units delivered to each provision (by its position in `inputs.provisions`) given
    /// instead of its totals: the 12-month trend asks this once a month without building any row.
    public static func counts(
        _ inputs: UnmetNeedInputs, asOf: CalendarDate, policy: UnmetNeedPolicy = .standard, delivered: (Int) -> Double
    ) -> (noProvision: Int, behindOnDelivery: Int) {
        var noProvision = 0
        var behind = 0
        scan(inputs, asOf: asOf, policy: policy, delivered: delivered,
            needWithoutProvision: { position, _, _ in if inputs.cases[inputs.needs[position].caseID] != nil { noProvision += 1 } },
            provisionBehind: { position, _, _ in if inputs.cases[inputs.provisions[position].caseID] != nil { behind += 1 } })
        return (noProvision, behind)
    }

    /// A provision's delivery against what was due.
    struct Shortfall {
        let due: Double
        let delivered: Double
        /// The first day of provision the delivered units do not cover.
        let since: CalendarDate
    }

    /// The rules themselves, in one place: calls `needWithoutProvision` for each open need with no provision
    /// in force or agreed (with the day it became unmet and the day its last provision ended), and
    /// `provisionBehind` for each provision whose missing units exceed the tolerance (with its shortfall and
    /// the position of its first need).
    private static func scan(
        _ inputs: UnmetNeedInputs, asOf: CalendarDate, policy: UnmetNeedPolicy, delivered: (Int) -> Double,
        needWithoutProvision: (Int, CalendarDate, CalendarDate?) -> Void, provisionBehind: (Int, Shortfall, Int?) -> Void
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
        let countedTo = asOf.adding(days: -policy.recordingLagDays)
        for (position, provision) in inputs.provisions.enumerated() {
            let lastDay = min(countedTo, provision.endDate ?? countedTo)
            let daysDue = provision.startDate.days(until: lastDay) + 1
            guard daysDue > 0 else { continue }
            let due = provision.amount.unitsDue(overDays: daysDue)
            let units = delivered(position)
            let missing = due - units
            guard missing > 0, missing > due * policy.tolerance else { continue }
            let covered = provision.amount.daysCovered(by: units)
            let since = covered >= daysDue ? lastDay : provision.startDate.adding(days: covered)
            provisionBehind(position, Shortfall(due: due, delivered: units, since: since), provision.needIDs.lazy.compactMap { needPosition[$0] }.first)
        }
    }

    private static func reason(for provision: ProvisionSummary) -> String {
        if provision.provider == nil { return "no provider found" }
        if let latest = provision.delivered.latestReason {
            let who = provision.delivered.latestCancelledBy.map { ", cancelled by \($0.title)" } ?? ""
            return latest.title + who
        }
        if provision.delivered.records == 0 { return "nothing delivered or recorded since it started" }
        return "delivered less than planned; no reason recorded"
    }

    private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
