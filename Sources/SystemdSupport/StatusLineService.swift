import Logging
import ServiceLifecycle

/// Keeps systemd's STATUS= (the line `systemctl status` shows) current by asking for the line every `interval`;
/// ``SystemdNotifier/status(_:)`` drops repeats, so an idle daemon sends nothing. When graceful shutdown begins
/// it sends STOPPING=1, so that systemd shows the daemon as deactivating while it finishes the files in flight.
public struct StatusLineService: Service {
    private let notifier: SystemdNotifier
    private let interval: Duration
    private let line: @Sendable () async -> String

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
    }

    /// Refreshes until graceful shutdown (then sends STOPPING=1) or cancellation.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    self.notifier.status(await self.line())
                    try await Task.sleep(for: self.interval)
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
