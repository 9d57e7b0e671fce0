// Where the whole process's logs and metrics go: JSON lines on standard output, and the registry /metrics reads.
import Logging
import Metrics
import Prometheus

extension HeededWeb {
    /// Sends every swift-log entry of the process to standard output as JSON lines (`JSONLogHandler`) at `logLevel`,
    /// and every swift-metrics metric to a new Prometheus registry, which it returns for `WebConfiguration.metricsRegistry`.
    /// Once per process (both systems allow one bootstrap), before the store opens, since the store makes its metrics
    /// as it opens.
    public static func bootstrapLogsAndMetrics(logLevel: Logger.Level) -> PrometheusCollectorRegistry {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: logLevel) }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // The only value histogram is the store's group-commit batch size, 1 to 256 changes a transaction.
        factory.defaultValueHistogramBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        MetricsSystem.bootstrap(factory)
        return registry
    }
}
