import Synchronization

/// Counts open connections so that a flood of clients is turned away instead of piling up.
final class ConnectionLimiter: Sendable {
    private let count = Mutex(0)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot; false when all are taken.
    func acquire() -> Bool {
        self.count.withLock { count in
            guard count < self.limit else { return false }
            count += 1
            return true
        }
    }

    func release() {
        self.count.withLock { $0 -= 1 }
    }
}
