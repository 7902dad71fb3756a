import Logging
import ServiceLifecycle
import UnixSignals

/// Handles SIGHUP (`systemctl reload`, `ExecReload=kill -HUP $MAINPID`): tells systemd RELOADING=1, runs the
/// reload, then READY=1, so that `systemctl reload` returns once the new configuration is in effect.
///
/// Trapping SIGHUP also matters on its own: its default action would terminate the daemon.
public struct ReloadService: Service {
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let reload: @Sendable () async throws -> Void

    /// Creates the service.
    /// - Parameter reload: Re-reads the configuration and applies what can change live. A thrown error is logged
    ///   and the daemon keeps its current configuration.
    public init(notifier: SystemdNotifier, logger: Logger, reload: @escaping @Sendable () async throws -> Void) {
        self.notifier = notifier
        self.logger = logger
        self.reload = reload
    }

    /// Waits for SIGHUP until graceful shutdown.
    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                await self.performReload()
            }
        }
    }

    /// One reload, wrapped in RELOADING=1 … READY=1; READY=1 follows even when the reload fails, since the daemon
    /// goes on with its previous configuration.
    public func performReload() async {
        self.notifier.reloading()
        do {
            try await self.reload()
            self.logger.notice("configuration reloaded")
        } catch {
            self.logger.error("reload failed; keeping the current configuration", metadata: ["error": "\(error)"])
        }
        self.notifier.ready()
    }
}
