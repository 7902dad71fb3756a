import Synchronization

/// Tells systemd READY=1 once, when every start-up condition holds: the log is recovered (before this exists),
/// the status socket listens (when there is one) and the start-up scan has queued the files already present.
final class Readiness: Sendable {
    /// What start-up waits for before READY=1.
    enum Condition: Sendable, Hashable {
        /// The start-up scan has queued the files already in the drop folder.
        case scan
        /// The status socket listens.
        case socket
    }

    private let remaining: Mutex<Set<Condition>>
    private let ready: @Sendable () -> Void

    init(waitingFor conditions: Set<Condition>, ready: @escaping @Sendable () -> Void) {
        remaining = Mutex(conditions)
        self.ready = ready
    }

    /// Marks a condition as met; the last one sends READY=1.
    func met(_ condition: Condition) {
        let fire = remaining.withLock { left -> Bool in
            guard left.remove(condition) != nil else { return false }
            return left.isEmpty
        }
        if fire { ready() }
    }
}
