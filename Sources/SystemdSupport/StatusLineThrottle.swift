import Synchronization

/// Holds back status lines so that systemd receives at most one per interval, yet always the latest.
///
/// The pipeline may report after every file; systemd only needs the current picture, and a flood of datagrams
/// would cost more than the work it describes.
final class StatusLineThrottle: Sendable {
    private struct State {
        var lastSentAt: ContinuousClock.Instant?
        var lastSent: String?
        var pending: String?
        var flushScheduled = false
    }

    private let interval: Duration
    private let send: @Sendable (String) -> Void
    private let state = Mutex(State())

    init(interval: Duration, send: @escaping @Sendable (String) -> Void) {
        self.interval = interval
        self.send = send
    }

    /// Sends `line` now if the interval has passed, else keeps it as the line to send when it has.
    func submit(_ line: String) {
        let flushAt: ContinuousClock.Instant? = self.state.withLock { state in
            if state.flushScheduled {
                state.pending = line
                return nil
            }
            if line == state.lastSent { return nil }
            let now = ContinuousClock.now
            if let last = state.lastSentAt, now < last + self.interval {
                state.pending = line
                state.flushScheduled = true
                return last + self.interval
            }
            // Sent under the lock so that lines reach systemd in the order they were submitted.
            state.lastSentAt = now
            state.lastSent = line
            self.send(line)
            return nil
        }
        if let flushAt {
            Task { [self] in
                try? await Task.sleep(until: flushAt, clock: .continuous)
                self.flush()
            }
        }
    }

    private func flush() {
        self.state.withLock { state in
            state.flushScheduled = false
            guard let line = state.pending else { return }
            state.pending = nil
            guard line != state.lastSent else { return }
            state.lastSentAt = .now
            state.lastSent = line
            self.send(line)
        }
    }
}
