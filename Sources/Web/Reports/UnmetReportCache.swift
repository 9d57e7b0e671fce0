// The manager's report, computed by Casework's one unmet-need function and kept until the records change.
import Casework
import Foundation

/// Caches today's unmet need and its 12-month trend per store revision (`ReportingStore.changeRevision`). The
/// revision moves with every change to casework records, so a report is computed again only after a change, and
/// concurrent requests share one computation.
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
        let items: [UnmetNeed]
        let disabilities: [CaseFile.ID: [DisabilityCode]]
    }

    struct Trend: Sendable {
        let revision: Int64
        let asOf: CalendarDate
        let computedAt: Date
        let points: [UnmetNeedTrendPoint]
    }

    let maxAge: TimeInterval
    private var snapshot: Snapshot?
    private var snapshotTask: Task<Snapshot, Error>?
    private var trend: Trend?
    private var trendTask: Task<Trend, Error>?

    init(maxAge: TimeInterval) {
        self.maxAge = maxAge
    }

    func current(store: any HeededStore, asOf: CalendarDate) async throws -> Snapshot {
        let revision = try await store.changeRevision()
        if let snapshot, snapshot.asOf == asOf {
            if snapshot.revision == revision { return snapshot }
            if Date().timeIntervalSince(snapshot.computedAt) < maxAge {
                if snapshotTask == nil { Task { _ = try? await self.computeSnapshot(store: store, asOf: asOf, revision: revision) } }
                return snapshot
            }
        }
        return try await computeSnapshot(store: store, asOf: asOf, revision: revision)
    }

    private func computeSnapshot(store: any HeededStore, asOf: CalendarDate, revision: Int64) async throws -> Snapshot {
        if let running = snapshotTask, let result = try? await running.value, result.asOf == asOf, result.revision >= revision {
            return result
        }
        let task = Task {
            let inputs = try await store.unmetNeedInputs(team: nil)
            let items = UnmetNeed.assessedButUnmet(inputs, asOf: asOf)
            let disabilities = try await store.childDisabilities(team: nil)
            return Snapshot(revision: revision, asOf: asOf, computedAt: Date(), items: items, disabilities: disabilities)
        }
        snapshotTask = task
        defer { if snapshotTask == task { snapshotTask = nil } }
        let result = try await task.value
        if snapshot.map({ $0.asOf != asOf || $0.revision <= result.revision }) ?? true { snapshot = result }
        return result
    }

    func trend(store: any HeededStore, asOf: CalendarDate) async throws -> Trend {
        let revision = try await store.changeRevision()
        // Past months move only with late records, so the trend may be twelve times older than today's figures.
        if let trend, trend.asOf == asOf {
            if trend.revision == revision { return trend }
            if Date().timeIntervalSince(trend.computedAt) < maxAge * 12 {
                if trendTask == nil { Task { _ = try? await self.computeTrend(store: store, asOf: asOf, revision: revision) } }
                return trend
            }
        }
        return try await computeTrend(store: store, asOf: asOf, revision: revision)
    }

    private func computeTrend(store: any HeededStore, asOf: CalendarDate, revision: Int64) async throws -> Trend {
        if let running = trendTask, let result = try? await running.value, result.asOf == asOf, result.revision >= revision {
            return result
        }
        // Never alongside today's computation: each holds a county's records in memory, and one at a time keeps
        // the server's memory to one copy.
        let today = snapshotTask
        let task = Task {
            _ = try? await today?.value
            let dates = UnmetNeedTrend.dates(endingOn: asOf)
            let delivered = try await store.deliveredUnits(upTo: dates, team: nil)
            let inputs = try await store.unmetNeedInputs(team: nil)
            return Trend(
                revision: revision, asOf: asOf, computedAt: Date(), points: UnmetNeedTrend.points(inputs, dates: dates, delivered: delivered))
        }
        trendTask = task
        defer { if trendTask == task { trendTask = nil } }
        let result = try await task.value
        if trend.map({ $0.asOf != asOf || $0.revision <= result.revision }) ?? true { trend = result }
        return result
    }
}
