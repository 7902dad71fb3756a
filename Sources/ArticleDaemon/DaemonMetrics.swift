import ArticleExtraction
import Metrics
import StatusServer

/// The daemon's metrics under the names `MetricsRegistry.Name` declares. Every series exists from start (a
/// counter at 0, an empty histogram), so that Prometheus sees the daemon before the first file; the gauges are
/// set when `/metrics` is scraped, from the same figures `/status` reports.
enum DaemonMetrics {
    /// Registers every series with its initial value. Called once, after `MetricsSystem.bootstrap`.
    static func registerSeries() {
        for outcome in ["article", "duplicate", "rejected"] {
            Counter(label: MetricsRegistry.Name.filesTotal, dimensions: [("outcome", outcome)]).increment(by: 0)
        }
        _ = Metrics.Timer(label: MetricsRegistry.Name.ingestLatency)
        _ = Metrics.Timer(label: MetricsRegistry.Name.fsync)
        Gauge(label: MetricsRegistry.Name.queueDepth).record(0)
        Gauge(label: MetricsRegistry.Name.logBytes).record(0)
        Gauge(
            label: MetricsRegistry.Name.buildInfo,
            dimensions: [("version", ArticledVersion.number), ("extractor", Extractor.version)]
        ).record(1)
    }

    /// The log writer's `onSync`: one fdatasync of the log took `seconds`.
    static let syncObserver: @Sendable (Double, Int) -> Void = { seconds, _ in
        Metrics.Timer(label: MetricsRegistry.Name.fsync).recordNanoseconds(Int64(seconds * 1e9))
    }

    /// The gauges' current values, set just before the registry is written out.
    static func updateGauges(queueDepth: Int, logBytes: Int) {
        Gauge(label: MetricsRegistry.Name.queueDepth).record(queueDepth)
        Gauge(label: MetricsRegistry.Name.logBytes).record(logBytes)
    }

    /// The publisher's gauges, set at each scrape while publishing is on.
    static func updatePublishGauges(_ p: PublishFigures) {
        Gauge(label: MetricsRegistry.Name.publishLag).record(p.lag)
        Gauge(label: MetricsRegistry.Name.publishAcknowledgedSeq).record(p.acknowledgedSeq)
        Gauge(label: MetricsRegistry.Name.publishUp).record(p.state == "retrying" || p.state == "connecting" ? 0 : 1)
    }
}
