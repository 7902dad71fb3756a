import Prometheus

/// The daemon's metrics, kept in a Prometheus registry and exposed as text on `GET /metrics`.
///
/// Bootstrap swift-metrics with ``factory`` once at start-up, then record with swift-metrics types anywhere:
/// ```swift
/// let metrics = MetricsRegistry()
/// MetricsSystem.bootstrap(metrics.factory)
/// Counter(label: MetricsRegistry.Name.filesTotal, dimensions: [("outcome", "article")]).increment()
/// Gauge(label: MetricsRegistry.Name.queueDepth).record(queue.count)
/// Timer(label: MetricsRegistry.Name.ingestLatency).recordNanoseconds(elapsed)
/// ```
/// and answer `StatusSource.metricsText()` with ``text()``.
public struct MetricsRegistry: Sendable {
    /// The metric names the daemon uses; the swift-metrics label becomes the Prometheus name.
    public enum Name {
        /// Counter, dimension `outcome`: `article`, `duplicate` or `rejected`.
        public static let filesTotal = "articled_files_total"
        /// Gauge: files waiting in the intake queue.
        public static let queueDepth = "articled_queue_depth"
        /// Timer (histogram): from a file being taken to its original being moved.
        public static let ingestLatency = "articled_ingest_latency_seconds"
        /// Timer (histogram): one fdatasync of the log.
        public static let fsync = "articled_fsync_seconds"
        /// Gauge: bytes in the log's segment files.
        public static let logBytes = "articled_log_bytes"
        /// Gauge, always 1, dimensions `version` and `extractor`: which build is running.
        public static let buildInfo = "articled_build_info"
        /// Gauge: acknowledged log records the stream has not yet acknowledged (present when publishing).
        public static let publishLag = "articled_publish_lag_records"
        /// Gauge: the last seq the stream acknowledged.
        public static let publishAcknowledgedSeq = "articled_publish_acknowledged_seq"
        /// Gauge: 1 while the publisher reaches the stream, 0 while it retries.
        public static let publishUp = "articled_publish_up"
    }

    /// The registry that holds every metric.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory writing into ``registry``, with buckets suited to file ingestion (latency from
    /// 1 ms to 10 s) and fsync (100 µs to 1 s).
    public let factory: PrometheusMetricsFactory

    /// Creates an empty registry.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            Name.ingestLatency: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
                .seconds(5), .seconds(10),
            ],
            Name.fsync: [
                .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                .milliseconds(250), .seconds(1),
            ],
        ]
        self.registry = registry
        self.factory = factory
    }

    /// The Prometheus text exposition format (version 0.0.4) of every metric.
    public func text() -> String {
        self.registry.emitToString()
    }
}
