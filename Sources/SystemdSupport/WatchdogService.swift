import Logging
import ServiceLifecycle

/// Sends `WATCHDOG=1` at the interval systemd asks for, but only while the pipeline says it is healthy.
///
/// Pinging from a timer alone would prove only that the timer runs; asking the pipeline first means a stuck
/// worker or a dead log writer stops the pings, and systemd restarts the daemon (`WatchdogSec=`, `Restart=`).
public struct WatchdogService: Service {
    private let notifier: SystemdNotifier
    private let interval: Duration?
    private let logger: Logger
    private let isHealthy: @Sendable () async -> Bool

    /// Creates the service.
    /// - Parameters:
    ///   - notifier: Sends the pings.
    ///   - interval: Time between pings; by default half of systemd's `WATCHDOG_USEC`, nil when the watchdog is off.
    ///   - logger: Reports when pings stop and resume.
    ///   - isHealthy: Asked before every ping; return false when a worker has not progressed or the writer died.
    public init(
        notifier: SystemdNotifier,
        interval: Duration? = SystemdNotifier.watchdogInterval(),
        logger: Logger,
        isHealthy: @escaping @Sendable () async -> Bool
    ) {
        self.notifier = notifier
        self.interval = interval
        self.logger = logger
        self.isHealthy = isHealthy
    }

    /// Pings until graceful shutdown or cancellation. Without a watchdog it just waits, so that it can sit in a
    /// `ServiceGroup` without ending the group early.
    public func run() async throws {
        guard let interval = self.interval else {
            self.logger.debug("systemd watchdog not enabled")
            try? await gracefulShutdown()
            return
        }
        self.logger.info("systemd watchdog enabled", metadata: ["interval": "\(interval)"])
        do {
            try await cancelWhenGracefulShutdown {
                var healthy = true
                while !Task.isCancelled {
                    let nowHealthy = await self.isHealthy()
                    if nowHealthy {
                        self.notifier.watchdog()
                    }
                    if nowHealthy != healthy {
                        if nowHealthy {
                            self.logger.notice("pipeline healthy again; watchdog pings resumed")
                        } else {
                            self.logger.error("pipeline unhealthy; watchdog pings withheld so systemd can restart us")
                        }
                        healthy = nowHealthy
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
