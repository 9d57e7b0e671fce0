// What the server counts for /metrics: requests, needs requests received and how they were routed, and the reports.
import Casework
import Foundation
import Hummingbird
import Metrics
import Prometheus

/// The application's metrics, recorded through swift-metrics into the Prometheus registry that `/metrics` writes out
/// (`WebConfiguration.metricsRegistry`; `heeded serve` bootstraps swift-metrics with the same registry, so the store's
/// group-commit batch sizes are there too). Labels are routes, methods, statuses, routing answers and teams: never a
/// person, an answer or a record's id.
struct WebMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// One answered request, by its route's pattern (`/cases/{case}`), method and status.
    func request(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status, duration: Duration) {
        let methodLabel = Self.standardMethods.contains(method) ? method.rawValue : "other"  // a client can send any word
        let dimensions = [("route", route), ("method", methodLabel), ("status", String(status.code))]
        Metrics.Counter(label: "heeded_http_requests_total", dimensions: dimensions, factory: factory).increment()
        let (seconds, attoseconds) = duration.components
        Metrics.Timer(label: "heeded_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// A needs request the store has taken, and each answer its routing gave (one per answer that was yes; a request
    /// the tables could not decide counts as `undecided`, sent to a person).
    func received(_ file: CaseFile, through channel: Channel) {
        Metrics.Counter(label: "heeded_needs_requests_received_total", dimensions: [("channel", channel.rawValue)], factory: factory).increment()
        let answers: [String]
        if let outcome = file.routing.outcome {
            answers = [
                outcome.childInNeedAssessment ? "s17_child_in_need_assessment" : nil,
                outcome.parentCarerAssessment ? "s17zd_parent_carer_assessment" : nil,
                outcome.youngCarerAssessment ? "s17za_young_carer_assessment" : nil,
                outcome.section47 ? "s47_recommended" : nil,
                outcome.adultTransition ? "adult_transition" : nil,
            ].compactMap { $0 }
        } else {
            answers = ["undecided"]
        }
        for answer in answers {
            Metrics.Counter(label: "heeded_routing_answers_total", dimensions: [("answer", answer)], factory: factory).increment()
        }
    }

    enum Channel: String {
        case pages, api
    }

    /// How long ago the unmet-need report was worked out.
    func reportAge(_ seconds: TimeInterval) {
        Metrics.Gauge(label: "heeded_unmet_report_age_seconds", factory: factory).record(seconds)
    }

    /// A count per team; `teams` are every team shown before, so one whose count fell to none reads 0.
    func byTeam(_ label: String, _ counts: [Team: Int], teams: Set<Team>) {
        for team in teams.union(counts.keys) {
            Metrics.Gauge(label: label, dimensions: [("team", team.rawValue)], factory: factory).record(counts[team] ?? 0)
        }
    }

    private static let standardMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options, .trace, .connect]
}
