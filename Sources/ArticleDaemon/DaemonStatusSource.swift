import ArticleLog
import StatusServer

/// Answers the status socket and the STATUS= line from the daemon's live figures.
struct DaemonStatusSource: StatusSource {
    let stats: DaemonStats
    let writer: LogWriter
    let queue: IntakeQueue
    let watch: String
    let metrics: MetricsRegistry?
    /// The folders the watcher polls because inotify could not watch them.
    var polledFolders: @Sendable () -> [String] = { [] }
    /// Originals `keep-originals` removed since start; nil when they are kept for ever.
    var originalsPruned: @Sendable () -> Int? = { nil }

    func snapshot() async -> StatusSnapshot {
        let log = writer.stats()
        let depth = await queue.depth
        let figures = stats.recentFigures()
        let uptime = ContinuousClock.now - stats.started
        return StatusSnapshot(
            state: StatusSnapshot.State(rawValue: stats.state.rawValue) ?? .running,
            version: Daemon.version,
            uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
            watch: watch,
            counts: .init(articles: log.articles, duplicates: log.duplicates, rejected: log.rejected),
            queue: depth,
            inFlight: stats.inFlight,
            lastSeq: log.lastSeq,
            lastError: stats.lastError,
            log: .init(bytes: log.bytes, segments: log.segments),
            recent: .init(
                filesPerSecond: figures.filesPerSecond,
                latencyP50Ms: figures.p50Ms,
                latencyP99Ms: figures.p99Ms
            ),
            polledFolders: polledFolders(),
            originalsPruned: originalsPruned()
        )
    }

    func metricsText() async -> String {
        guard let metrics else { return "" }
        DaemonMetrics.updateGauges(queueDepth: await queue.depth, logBytes: writer.stats().bytes)
        return metrics.text()
    }
}
