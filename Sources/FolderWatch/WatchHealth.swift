import Synchronization

/// What a running watcher publishes about itself for the daemon's `/status`, shared between the task running the
/// watcher and whoever asks. A class behind a lock because the watcher value is copied into its task while the
/// daemon keeps its own copy, and both must see the same numbers.
final class WatchHealth: Sendable {
    private struct State {
        var degraded: [DegradedSubtree] = []
        var total = 0
    }

    private let state = Mutex(State())

    /// The subtrees polled now, sorted by path.
    var degradedSubtrees: [DegradedSubtree] { state.withLock { $0.degraded } }

    /// How many times a subtree was switched to polling since the watcher started.
    var degradationCount: Int { state.withLock { $0.total } }

    /// Replaces what is published.
    func publish(_ subtrees: DegradedSubtrees) {
        let degraded = subtrees.all
        state.withLock { $0 = State(degraded: degraded, total: subtrees.total) }
    }
}
