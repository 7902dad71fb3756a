/// The files waiting for their settle delay to pass, each with the instant it becomes reportable. A file is
/// armed when it looks complete (closed after writing, renamed in) and re-armed by every later event on it, so a
/// writer that closes and reopens a file is reported once, after it has been quiet for the whole delay.
struct SettleSchedule: Sendable {
    /// How long a file must be left alone before it is reported.
    let delay: Duration
    private var deadlines: [String: ContinuousClock.Instant] = [:]

    init(delay: Duration) {
        self.delay = delay
    }

    /// How many files are waiting.
    var count: Int { deadlines.count }

    /// The earliest instant at which some file becomes reportable.
    var nextDeadline: ContinuousClock.Instant? { deadlines.values.min() }

    /// Starts, or restarts, the delay for a file that looks complete.
    mutating func arm(_ path: String, now: ContinuousClock.Instant) {
        deadlines[path] = now + delay
    }

    /// Restarts the delay for a waiting file that changed again; a file not waiting (still being written for the
    /// first time) is left alone, as its close will arm it.
    mutating func restartIfWaiting(_ path: String, now: ContinuousClock.Instant) {
        if deadlines[path] != nil { deadlines[path] = now + delay }
    }

    /// Drops a file that was deleted or renamed away.
    mutating func cancel(_ path: String) {
        deadlines[path] = nil
    }

    /// Drops every file below a folder that was deleted or renamed away.
    mutating func cancel(below directory: String) {
        guard !deadlines.isEmpty else { return }
        deadlines = deadlines.filter { !TreePaths.isWithin($0.key, directory) }
    }

    /// Removes and returns the files whose delay has passed, earliest first.
    mutating func takeDue(now: ContinuousClock.Instant) -> [String] {
        let due = deadlines.filter { $0.value <= now }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        for (path, _) in due { deadlines[path] = nil }
        return due.map(\.key)
    }
}
