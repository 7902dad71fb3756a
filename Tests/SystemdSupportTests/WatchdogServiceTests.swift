import Glibc
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import SystemdSupport

extension NotifySocketTests {
    @Suite
    struct WatchdogServiceTests {
        final class Health: Sendable {
            let healthy = Atomic<Bool>(true)
        }

        @Test func pingsOnlyWhileHealthy() async throws {
            let socket = try FakeNotifySocket()
            let health = Health()
            let service = WatchdogService(
                notifier: SystemdNotifier(logger: Logger(label: "test")),
                interval: .milliseconds(20),
                logger: Logger(label: "test"),
                isHealthy: { health.healthy.load(ordering: .relaxed) }
            )
            let task = Task { try await service.run() }
            defer { task.cancel() }

            #expect(await socket.receive() == "WATCHDOG=1")
            health.healthy.store(false, ordering: .relaxed)
            // Let a ping already on its way arrive, then expect silence.
            _ = await socket.drain(for: .milliseconds(100))
            #expect(await socket.drain(for: .milliseconds(200)).isEmpty)
            health.healthy.store(true, ordering: .relaxed)
            #expect(await socket.receive() == "WATCHDOG=1")
        }

        @Test func withoutWatchdogItWaitsForShutdownAndSendsNothing() async throws {
            let socket = try FakeNotifySocket()
            let service = WatchdogService(
                notifier: SystemdNotifier(logger: Logger(label: "test")),
                interval: nil,
                logger: Logger(label: "test"),
                isHealthy: { true }
            )
            let task = Task { try await service.run() }
            #expect(await socket.receive(timeout: .milliseconds(100)) == nil)
            task.cancel()
            try await task.value
        }
    }
}
