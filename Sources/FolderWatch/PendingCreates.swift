/// Regular files whose `IN_CREATE` has been seen but that have not yet shown themselves complete, to tell a file
/// being written from one that appeared whole. `open(O_CREAT)` queues `IN_CREATE` and then `IN_OPEN` for the same
/// name; `link`, `linkat` of an `O_TMPFILE` file and `mknod` queue `IN_CREATE` alone and are never followed by an
/// `IN_CLOSE_WRITE`, so without this they would not be reported until a rescan.
///
/// A created file waits `grace` for its `IN_OPEN` (the two events may be split across reads); if none comes it
/// appeared whole and is due. Once opened, opens and `IN_CLOSE_NOWRITE` closes are counted, so a reader that opens
/// the file while its writer still holds it does not make it due; the last close makes it due. Pure, so it is
/// tested without a kernel.
struct PendingCreates: Sendable {
    /// How long a created file may wait for the `IN_OPEN` that shows a writer holds it.
    let grace: Duration
    private var entries: [String: State] = [:]

    private enum State: Sendable {
        case awaitingOpen(deadline: ContinuousClock.Instant)
        case open(count: Int)
    }

    init(grace: Duration = .milliseconds(100)) {
        self.grace = grace
    }

    /// Whether no file is pending, so callers can skip the rest.
    var isEmpty: Bool { entries.isEmpty }

    /// The earliest instant at which a created file without an open becomes due; nil when none is waiting, so an
    /// idle watcher sets no timer for it.
    var nextDeadline: ContinuousClock.Instant? {
        entries.values.compactMap { state -> ContinuousClock.Instant? in
            if case .awaitingOpen(let deadline) = state { return deadline }
            return nil
        }.min()
    }

    /// A regular file was created (`IN_CREATE`).
    mutating func created(_ path: String, now: ContinuousClock.Instant) {
        entries[path] = .awaitingOpen(deadline: now + grace)
    }

    /// The file was opened (`IN_OPEN`). Ignored unless the file is pending: the daemon reading a reported file, or
    /// any reader of an older one, opens files too.
    mutating func opened(_ path: String) {
        switch entries[path] {
        case .awaitingOpen: entries[path] = .open(count: 1)
        case .open(let count): entries[path] = .open(count: count + 1)
        case nil: return
        }
    }

    /// A descriptor not opened for writing was closed (`IN_CLOSE_NOWRITE`). Returns true when that was the last
    /// open one of a pending file: it was created by `open(O_CREAT)` without write access, or linked in and read,
    /// and is complete.
    mutating func closedWithoutWriting(_ path: String) -> Bool {
        guard case .open(let count) = entries[path] else { return false }
        if count > 1 {
            entries[path] = .open(count: count - 1)
            return false
        }
        entries[path] = nil
        return true
    }

    /// Forgets a file that showed itself complete some other way (`IN_CLOSE_WRITE`), or was deleted or renamed away.
    mutating func forget(_ path: String) {
        entries[path] = nil
    }

    /// Forgets every file below a folder that was deleted or renamed away.
    mutating func forget(below directory: String) {
        guard !entries.isEmpty else { return }
        entries = entries.filter { !TreePaths.isWithin($0.key, directory) }
    }

    /// Removes and returns, sorted, the created files that were not opened within the grace period: they appeared
    /// whole.
    mutating func takeAppearedWhole(now: ContinuousClock.Instant) -> [String] {
        var due: [String] = []
        for (path, state) in entries {
            if case .awaitingOpen(let deadline) = state, deadline <= now { due.append(path) }
        }
        for path in due { entries[path] = nil }
        return due.sorted()
    }
}
