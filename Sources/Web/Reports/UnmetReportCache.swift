// The manager's report, computed by Casework's one unmet-need function and kept until the records change.
import Casework
import Foundation

/// Caches today's unmet need and its 12-month history per store revision (`ReportingStore.changeRevision`). The
/// revision moves with every change to casework records, so a report is computed again only after a change, and
/// concurrent requests share one computation. Both come from one read of the records: each provision's deliveries
/// are measured as of today and as of each month end at once (`DeliveryMeasure`).
///
/// A county's records take seconds to read and compute, and requests arrive all day. So after a change the last
/// report is still served, marked with the time it was computed, while a fresh one is computed in the background,
/// as long as it is younger than `maxAge`; older than that, the request waits for a fresh one. With `maxAge` 0 every
/// view is computed from the records as they are (the tests use that).
actor UnmetReportCache {
    struct Snapshot: Sendable {
        let revision: Int64
        let asOf: CalendarDate
        let computedAt: Date
        let policy: UnmetNeedPolicy
        let items: [UnmetNeed]
        /// Who was unmet at each month end and today, so the trend follows the page's filters (`UnmetFilter.trend`).
        let history: UnmetNeedHistory
        let disabilities: [CaseFile.ID: [DisabilityCode]]
    }

    let maxAge: TimeInterval
    let policy: UnmetNeedPolicy
    private var snapshot: Snapshot?
    private var snapshotTask: Task<Snapshot, Error>?

    init(maxAge: TimeInterval, policy: UnmetNeedPolicy) {
        self.maxAge = maxAge
        self.policy = policy
    }

    func current(store: any HeededStore, asOf: CalendarDate) async throws -> Snapshot {
        let revision = try await store.changeRevision()
        if let snapshot, snapshot.asOf == asOf {
            if snapshot.revision == revision { return snapshot }
            if Date().timeIntervalSince(snapshot.computedAt) < maxAge {
                if snapshotTask == nil { Task { _ = try? await self.compute(store: store, asOf: asOf, revision: revision) } }
                return snapshot
            }
        }
        return try await compute(store: store, asOf: asOf, revision: revision)
    }

    /// The last report worked out, without waiting for one (for /metrics, which must stay cheap). When the records have
    /// changed and it is older than `maxAge`, or there is none for `asOf`, a fresh one is worked out in the background
    /// for next time.
    func latest(store: any HeededStore, asOf: CalendarDate) async throws -> Snapshot? {
        let revision = try await store.changeRevision()
        let stale = snapshot.map { $0.asOf != asOf || ($0.revision != revision && Date().timeIntervalSince($0.computedAt) >= maxAge) } ?? true
        if stale, snapshotTask == nil { Task { _ = try? await self.compute(store: store, asOf: asOf, revision: revision) } }
        return snapshot
    }

    private func compute(store: any HeededStore, asOf: CalendarDate, revision: Int64) async throws -> Snapshot {
        if let running = snapshotTask, let result = try? await running.value, result.asOf == asOf, result.revision >= revision {
            return result
        }
        let policy = self.policy
        let task = Task {
            let measure = DeliveryMeasure(asOf: asOf, policy: policy, trendDates: UnmetNeedTrend.dates(endingOn: asOf))
            let inputs = try await store.unmetNeedInputs(team: nil, measure: measure)
            let items = UnmetNeed.assessedButUnmet(inputs, measure: measure)
            let history = UnmetNeed.history(inputs, measure: measure)
            let disabilities = try await store.childDisabilities(team: nil)
            return Snapshot(
                revision: revision, asOf: asOf, computedAt: Date(), policy: policy, items: items, history: history, disabilities: disabilities)
        }
        snapshotTask = task
        defer { if snapshotTask == task { snapshotTask = nil } }
        let result = try await task.value
        if snapshot.map({ $0.asOf != asOf || $0.revision <= result.revision }) ?? true { snapshot = result }
        return result
    }
}
