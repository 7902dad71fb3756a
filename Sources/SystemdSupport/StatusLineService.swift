import Logging
import ServiceLifecycle

/// Keeps systemd's STATUS= (the line `systemctl status` shows) current by asking for the line every `interval`;
/// ``SystemdNotifier/status(_:)`` drops repeats, so an idle daemon sends nothing. When graceful shutdown begins
/// it sends STOPPING=1, so that systemd shows the daemon as deactivating while it finishes the files in flight.
public struct StatusLineService: Service {
    private let notifier: SystemdNotifier
    private let interval: Duration
    private let line: @Sendable () async -> String
    /// When set, the line is sent at start and after each element, and no timer runs: an idle daemon sleeps.
    private let changes: AsyncStream<Void>?

    /// Creates the service.
    /// - Parameters:
    ///   - interval: How often to refresh; the notifier's own rate limit still applies.
    ///   - line: The current one-line status, e.g. `StatusSnapshot.statusLine`.
    public init(
        notifier: SystemdNotifier,
        interval: Duration = .seconds(1),
        line: @escaping @Sendable () async -> String
    ) {
        self.notifier = notifier
        self.interval = interval
        self.line = line
        self.changes = nil
    }

    /// Creates the service that refreshes when told to: `changes` yields whenever a figure of the line may have
    /// changed (a record, the queue, the state). After a refresh it waits `interval` before the next, so that a
    /// burst of thousands of files costs a snapshot per interval, not one per file; changes meanwhile merge
    /// into one, and the latest line always goes out. Nothing runs while nothing changes.
    public init(
        notifier: SystemdNotifier,
        changes: AsyncStream<Void>,
        interval: Duration = .milliseconds(500),
        line: @escaping @Sendable () async -> String
    ) {
        self.notifier = notifier
        self.interval = interval
        self.line = line
        self.changes = changes
    }

    /// Refreshes until graceful shutdown (then sends STOPPING=1) or cancellation.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                self.notifier.status(await self.line())
                if let changes = self.changes {
                    for await _ in changes {
                        self.notifier.status(await self.line())
                        try await Task.sleep(for: self.interval)
                    }
                    return
                }
                while !Task.isCancelled {
                    try await Task.sleep(for: self.interval)
                    self.notifier.status(await self.line())
                }
            }
        } catch is CancellationError {
            // Cancelled by the graceful shutdown, or by the group.
        }
        if Task.isShuttingDownGracefully {
            self.notifier.stopping()
        }
    }
}
