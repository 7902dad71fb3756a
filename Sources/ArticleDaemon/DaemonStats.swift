import Synchronization

/// The daemon's live state and recent figures, shared by the workers (who report) and the status socket, the
/// STATUS= line and the watchdog (who read). A mutex, not an actor: reads must not wait behind the pipeline.
final class DaemonStats: Sendable {
    enum State: String, Sendable {
        case starting, running, degraded, stopping
    }

    private struct Values {
        var state = State.starting
        var lastError: String?
        var inFlight = 0
        /// (finish time, latency in seconds) of files finished in the last minute.
        var recent: [(ContinuousClock.Instant, Double)] = []
        /// When each worker last made progress or went idle, to tell a stuck worker from a busy one.
        var workerBusySince: [Int: ContinuousClock.Instant] = [:]
    }

    private let values = Mutex(Values())
    let started = ContinuousClock.now
    /// Told after every change the STATUS= line shows (state, files taken and done), so that the line is sent
    /// on news instead of on a timer.
    let changed: @Sendable () -> Void

    init(changed: @escaping @Sendable () -> Void = {}) {
        self.changed = changed
    }

    var state: State { values.withLock { $0.state } }
    var lastError: String? { values.withLock { $0.lastError } }
    var inFlight: Int { values.withLock { $0.inFlight } }

    func setState(_ state: State) {
        values.withLock { $0.state = state }
        changed()
    }

    /// Ingestion cannot go on (the log cannot be written): degraded, with the reason.
    func degrade(_ reason: String) {
        values.withLock {
            if $0.state == .running || $0.state == .degraded { $0.state = .degraded }
            $0.lastError = reason
        }
        changed()
    }

    /// Ingestion works again.
    func recover() {
        values.withLock { if $0.state == .degraded { $0.state = .running } }
        changed()
    }

    /// A file was taken from the queue.
    func fileTaken() {
        values.withLock { $0.inFlight += 1 }
        changed()
    }

    /// A file's journey ended (moved, or nothing to record); `counted: false` for a file put back to wait for
    /// its sidecar partner, which is not a finished file.
    func fileDone(latency: Duration, counted: Bool = true) {
        let now = ContinuousClock.now
        let seconds = Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
        values.withLock {
            $0.inFlight -= 1
            guard counted else { return }
            $0.recent.append((now, seconds))
            // Trim in chunks, not per file: entries are in time order, so old ones are a prefix.
            if $0.recent.count > 8192 { $0.recent.removeFirst($0.recent.count - 4096) }
            if let first = $0.recent.first, now - first.0 > .seconds(70) {
                let cut = $0.recent.firstIndex { now - $0.0 <= .seconds(60) } ?? $0.recent.count
                $0.recent.removeFirst(cut)
            }
        }
        changed()
    }

    /// A worker started reading and extracting a file.
    func workerBusy(_ worker: Int) {
        values.withLock { $0.workerBusySince[worker] = .now }
    }

    /// A worker handed its file on.
    func workerIdle(_ worker: Int) {
        values.withLock { $0.workerBusySince[worker] = nil }
    }

    /// Whether a worker has been on one file for longer than `limit` (a hung read or extraction).
    func hasStuckWorker(longerThan limit: Duration) -> Bool {
        let now = ContinuousClock.now
        return values.withLock { $0.workerBusySince.values.contains { now - $0 > limit } }
    }

    /// Files per second over the last minute (or since start, if shorter), and latency percentiles in ms.
    func recentFigures() -> (filesPerSecond: Double, p50Ms: Double, p99Ms: Double) {
        let now = ContinuousClock.now
        let window = values.withLock { $0.recent.filter { now - $0.0 <= .seconds(60) } }
        guard !window.isEmpty else { return (0, 0, 0) }
        let span = min(60, max(1, Double((now - started).components.seconds)))
        let sorted = window.map(\.1).sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
        return (Double(window.count) / span, percentile(0.5), percentile(0.99))
    }
}
