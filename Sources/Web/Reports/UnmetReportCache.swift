// The manager's report, computed by Casework's one unmet-need function and kept until the records change.
import Casework
import Foundation

/// Caches today's unmet need and its 12-month trend per store revision (`ReportingStore.changeRevision`): the
/// revision moves with every change to casework records, so a cached report is never stale, and a county's
/// worth of records is read and computed once per change rather than once per page view. Concurrent requests
/// for the same revision share one computation.
actor UnmetReportCache {
    struct Snapshot: Sendable {
        let revision: Int64
        let asOf: CalendarDate
        let items: [UnmetNeed]
        let disabilities: [CaseFile.ID: [DisabilityCode]]
    }

    private var snapshot: Snapshot?
    private var computing: Task<Snapshot, Error>?
    private var trend: (revision: Int64, asOf: CalendarDate, points: [UnmetNeedTrendPoint])?
    private var computingTrend: Task<[UnmetNeedTrendPoint], Error>?

    func current(store: any HeededStore, asOf: CalendarDate) async throws -> Snapshot {
        let revision = try await store.changeRevision()
        if let snapshot, snapshot.revision == revision, snapshot.asOf == asOf { return snapshot }
        if let computing, let result = try? await computing.value, result.revision == revision, result.asOf == asOf { return result }
        let task = Task {
            let inputs = try await store.unmetNeedInputs(team: nil)
            let items = UnmetNeed.assessedButUnmet(inputs, asOf: asOf)
            let disabilities = try await store.childDisabilities(team: nil)
            return Snapshot(revision: revision, asOf: asOf, items: items, disabilities: disabilities)
        }
        computing = task
        let result = try await task.value
        snapshot = result
        return result
    }

    func trend(store: any HeededStore, asOf: CalendarDate) async throws -> [UnmetNeedTrendPoint] {
        let revision = try await store.changeRevision()
        if let trend, trend.revision == revision, trend.asOf == asOf { return trend.points }
        if let computingTrend { return try await computingTrend.value }
        let task = Task {
            let dates = UnmetNeedTrend.dates(endingOn: asOf)
            let inputs = try await store.unmetNeedInputs(team: nil)
            let delivered = try await store.deliveredUnits(upTo: dates, team: nil)
            return UnmetNeedTrend.points(inputs, dates: dates, delivered: delivered)
        }
        computingTrend = task
        defer { computingTrend = nil }
        let points = try await task.value
        trend = (revision, asOf, points)
        return points
    }
}
