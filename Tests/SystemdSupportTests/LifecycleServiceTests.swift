import Logging
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import SystemdSupport

extension NotifySocketTests {
    @Suite
    struct LifecycleServiceTests {
        struct ReloadFailed: Error {}

        @Test func aReloadIsWrappedInReloadingAndReady() async throws {
            let socket = try FakeNotifySocket()
            let reloads = Atomic<Int>(0)
            let service = ReloadService(
                notifier: SystemdNotifier(logger: Logger(label: "test")),
                logger: Logger(label: "test")
            ) {
                reloads.add(1, ordering: .relaxed)
            }
            await service.performReload()
            #expect(await socket.receive()?.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") == true)
            #expect(await socket.receive() == "READY=1")
            #expect(reloads.load(ordering: .relaxed) == 1)
        }

        @Test func aFailedReloadStillEndsWithReady() async throws {
            let socket = try FakeNotifySocket()
            let service = ReloadService(
                notifier: SystemdNotifier(logger: Logger(label: "test")),
                logger: Logger(label: "test")
            ) {
                throw ReloadFailed()
            }
            await service.performReload()
            #expect(await socket.receive()?.hasPrefix("RELOADING=1") == true)
            #expect(await socket.receive() == "READY=1")
        }

        @Test func theStatusLineIsRefreshedAndRepeatsAreDropped() async throws {
            let socket = try FakeNotifySocket()
            let count = Atomic<Int>(0)
            let service = StatusLineService(
                notifier: SystemdNotifier(logger: Logger(label: "test"), statusInterval: .zero),
                interval: .milliseconds(10)
            ) {
                count.add(1, ordering: .relaxed)
                return count.load(ordering: .relaxed) < 3 ? "starting" : "watching /in: 1 articles"
            }
            let task = Task { try await service.run() }
            defer { task.cancel() }
            #expect(await socket.receive() == "STATUS=starting")
            #expect(await socket.receive() == "STATUS=watching /in: 1 articles")
            #expect(await socket.receive(timeout: .milliseconds(100)) == nil)
        }
    }
}

extension NotifySocketTests.LifecycleServiceTests {
    /// No timer: the line goes out at start and after each change, and nothing while nothing changes.
    @Test func theStatusLineIsSentOnChangesOnly() async throws {
        let socket = try FakeNotifySocket()
        let (changes, signal) = AsyncStream.makeStream(of: Void.self)
        let count = Atomic<Int>(0)
        let service = StatusLineService(
            notifier: SystemdNotifier(logger: Logger(label: "test"), statusInterval: .zero),
            changes: changes
        ) {
            "watching /in: \(count.load(ordering: .relaxed)) articles"
        }
        let task = Task { try await service.run() }
        defer { task.cancel() }
        #expect(await socket.receive() == "STATUS=watching /in: 0 articles")
        #expect(await socket.receive(timeout: .milliseconds(300)) == nil)
        count.store(1, ordering: .relaxed)
        signal.yield()
        #expect(await socket.receive() == "STATUS=watching /in: 1 articles")
        #expect(await socket.receive(timeout: .milliseconds(300)) == nil)
    }

    @Test func gracefulShutdownSendsStopping() async throws {
        let socket = try FakeNotifySocket()
        let service = StatusLineService(
            notifier: SystemdNotifier(logger: Logger(label: "test")),
            interval: .seconds(10)
        ) { "watching" }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                #expect(await socket.receive() == "STATUS=watching")
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(await socket.receive() == "STOPPING=1")
    }
}
