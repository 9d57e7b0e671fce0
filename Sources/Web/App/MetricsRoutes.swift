// GET /metrics: the Prometheus text format, for an allowed address or the metrics token only.
import Casework
import Foundation
import Hummingbird
import NIOCore

/// Answers a scraper with every metric (`WebMetrics`), after bringing the report gauges up to date. Registered before
/// the session and sign-in middleware: a scraper has no session, and its bearer token is not an API token.
struct MetricsRoutes {
    let services: WebServices
    private let gauges = ReportGauges()

    init(services: WebServices) {
        self.services = services
    }

    func register(on router: WebRouter) {
        router.get("/metrics") { request, context in
            guard services.configuration.metricsAccess.admits(context.remoteAddress, authorization: request.headers[.authorization]) else {
                return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "Forbidden\n")))
            }
            try await gauges.refresh(services)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: services.metrics.registry.emitToBuffer())))
        }
    }
}

/// Open overdue work and unmet need by team, and the unmet-need report's age, brought up to date at each scrape as
/// cheaply as is still correct. Unmet need is read from the manager's report cache, never worked out for a scrape
/// (`UnmetReportCache.latest`). Overdue work is counted again only when the records or the day have changed, and no
/// more often than the unmet report may be stale (`WebConfiguration.reportMaxAge`), since it reads every open case.
actor ReportGauges {
    private var overdueCounted: (revision: Int64, asOf: CalendarDate, at: Date)?
    /// The teams each gauge has shown, so one whose count falls to none reads 0 rather than its last count.
    private var teams: [String: Set<Team>] = [:]

    func refresh(_ services: WebServices) async throws {
        let today = services.today
        if let report = try await services.reports.latest(store: services.store, asOf: today) {
            services.metrics.reportAge(Date().timeIntervalSince(report.computedAt))
            show("heeded_unmet_needs", counts(report.items.map(\.team)), on: services.metrics)
        }
        let revision = try await services.store.changeRevision()
        if let counted = overdueCounted, counted.asOf == today,
           counted.revision == revision || Date().timeIntervalSince(counted.at) < services.configuration.reportMaxAge {
            return
        }
        let work = OverdueWork.find(try await services.store.overdueInputs(team: nil), asOf: today, calendar: services.configuration.calendar)
        overdueCounted = (revision, today, Date())
        show("heeded_overdue_work", counts(work.map(\.team)), on: services.metrics)
    }

    private func show(_ gauge: String, _ counts: [Team: Int], on metrics: WebMetrics) {
        metrics.byTeam(gauge, counts, teams: teams[gauge, default: []])
        teams[gauge, default: []].formUnion(counts.keys)
    }

    private func counts(_ teams: [Team]) -> [Team: Int] {
        teams.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
