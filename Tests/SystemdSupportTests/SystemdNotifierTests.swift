import Glibc
import InMemoryLogging
import Logging
import Testing

@testable import SystemdSupport

/// Tests that set NOTIFY_SOCKET, which is process-wide, nest in this suite so that they run one at a time.
@Suite(.serialized)
enum NotifySocketTests {}

extension NotifySocketTests {
    @Suite
    struct SystemdNotifierTests {
        let logger = Logger(label: "test")

        @Test func readySendsReady() async throws {
            let socket = try FakeNotifySocket()
            #expect(SystemdNotifier(logger: self.logger).ready())
            #expect(await socket.receive() == "READY=1")
        }

        @Test func stoppingAndWatchdogSendTheirAssignments() async throws {
            let socket = try FakeNotifySocket()
            let notifier = SystemdNotifier(logger: self.logger)
            notifier.watchdog()
            #expect(await socket.receive() == "WATCHDOG=1")
            notifier.stopping()
            #expect(await socket.receive() == "STOPPING=1")
        }

        @Test func reloadingCarriesTheMonotonicClock() async throws {
            let socket = try FakeNotifySocket()
            let before = SystemdNotifier.monotonicMicroseconds()
            SystemdNotifier(logger: self.logger).reloading()
            let after = SystemdNotifier.monotonicMicroseconds()
            let lines = try #require(await socket.receive()).split(separator: "\n")
            #expect(lines.first == "RELOADING=1")
            let stamp = try #require(lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
            #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
            #expect(before <= stamp && stamp <= after)
        }

        @Test func extendTimeoutIsInMicroseconds() async throws {
            let socket = try FakeNotifySocket()
            SystemdNotifier(logger: self.logger).extendTimeout(.seconds(30))
            #expect(await socket.receive() == "EXTEND_TIMEOUT_USEC=30000000")
        }

        @Test func statusIsRateLimitedAndTheLatestLineArrives() async throws {
            let socket = try FakeNotifySocket()
            let notifier = SystemdNotifier(logger: self.logger, statusInterval: .milliseconds(400))
            notifier.status("watching /in: 1 articles")
            notifier.status("watching /in: 2 articles")
            notifier.status("watching /in: 3 articles")
            #expect(await socket.receive() == "STATUS=watching /in: 1 articles")
            // Nothing more before the interval has passed…
            #expect(await socket.receive(timeout: .milliseconds(100)) == nil)
            // …then the latest line, and only it.
            #expect(await socket.receive() == "STATUS=watching /in: 3 articles")
            #expect(await socket.receive(timeout: .milliseconds(500)) == nil)
        }

        @Test func statusIsOneLine() async throws {
            let socket = try FakeNotifySocket()
            SystemdNotifier(logger: self.logger).status("first\nREADY=1")
            #expect(await socket.receive() == "STATUS=first READY=1")
        }

        @Test func withoutNotifySocketNothingIsSentOrLogged() async {
            unsetenv("NOTIFY_SOCKET")
            let handler = InMemoryLogHandler()
            let notifier = SystemdNotifier(logger: Logger(label: "test", factory: { _ in handler }))
            #expect(notifier.ready() == false)
            #expect(handler.entries.isEmpty)
        }

        @Test func aFailedNotificationIsLoggedWithErrno() async throws {
            setenv("NOTIFY_SOCKET", "/nonexistent/articled/notify.sock", 1)
            defer { unsetenv("NOTIFY_SOCKET") }
            let handler = InMemoryLogHandler()
            let notifier = SystemdNotifier(logger: Logger(label: "test", factory: { _ in handler }))
            #expect(notifier.ready() == false)
            let entry = try #require(handler.entries.first)
            #expect(entry.level == .warning)
            #expect(entry.metadata["error"]?.description.contains("READY=1") == true)
            #expect(entry.metadata["error"]?.description.contains("errno \(ENOENT)") == true)
        }

        @Test func watchdogIntervalIsHalfOfWatchdogUsec() async {
            setenv("WATCHDOG_USEC", "3000000", 1)
            setenv("WATCHDOG_PID", String(getpid()), 1)
            defer {
                unsetenv("WATCHDOG_USEC")
                unsetenv("WATCHDOG_PID")
            }
            #expect(SystemdNotifier.watchdogInterval() == .milliseconds(1500))
        }

        @Test func watchdogIntervalIsNilForAnotherProcess() async {
            setenv("WATCHDOG_USEC", "3000000", 1)
            setenv("WATCHDOG_PID", "1", 1)
            defer {
                unsetenv("WATCHDOG_USEC")
                unsetenv("WATCHDOG_PID")
            }
            #expect(SystemdNotifier.watchdogInterval() == nil)
        }

        @Test func watchdogIntervalIsNilWithoutWatchdog() async {
            unsetenv("WATCHDOG_USEC")
            #expect(SystemdNotifier.watchdogInterval() == nil)
        }
    }
}
