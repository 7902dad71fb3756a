import ArticleLog
import LogStream
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
    /// The stream publisher's status; nil when publishing is off.
    var publish: @Sendable () -> PublishStatus? = { nil }

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
            originalsPruned: originalsPruned(),
            publish: publish().map { Self.figures($0, lastSeq: log.lastSeq) }
        )
    }

    static func figures(_ p: PublishStatus, lastSeq: Int) -> PublishFigures {
        PublishFigures(
            state: p.state.rawValue,
            instance: p.instance,
            stream: p.stream,
            acknowledgedSeq: p.acknowledgedSeq,
            lag: max(0, lastSeq - p.acknowledgedSeq),
            published: p.publishedSinceStart,
            failures: p.failures,
            lastError: p.lastError
        )
    }

    func metricsText() async -> String {
        guard let metrics else { return "" }
        let log = writer.stats()
        DaemonMetrics.updateGauges(queueDepth: await queue.depth, logBytes: log.bytes)
        if let p = publish() { DaemonMetrics.updatePublishGauges(Self.figures(p, lastSeq: log.lastSeq)) }
        return metrics.text()
    }
}
