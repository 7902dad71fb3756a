import FolderWatch
import Foundation
import Glibc
import Testing

/// Holds back a watcher's `ready` calls until opened, as a full intake queue would.
actor Gate {
    private var isOpen = false

    func open() { isOpen = true }

    func pass() async {
        while !isOpen { try? await Task.sleep(for: .milliseconds(5)) }
    }
}

extension LiveFileSystemTests {
    @Suite("Held-back events and queue overflow")
    struct OverflowTests {
        /// The kernel's per-instance event queue length.
        static let maxQueuedEvents: Int = {
            let text = try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
            return Int(text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 16384
        }()

        @Test func aFileClosedManyTimesWhileReadyIsSuspendedIsReportedOnce() async throws {
            try await withTemporaryFolder { root in
                let gate = Gate()
                let watcher = await RunningWatcher.start(WatchOptions(root: root)) { _ in await gate.pass() }
                defer { watcher.task.cancel() }
                try writeFile(root + "/first.txt")
                #expect(await watcher.waitForReport(of: "first.txt"))
                for _ in 0..<100 { try writeFile(root + "/rewritten.txt") }
                await gate.open()
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("rewritten.txt") == 1)
                await watcher.stop()
            }
        }

        @Test func aFileDeletedBeforeItsQueuedCloseIsHandledIsNotReported() async throws {
            try await withTemporaryFolder { root in
                let gate = Gate()
                let watcher = await RunningWatcher.start(WatchOptions(root: root)) { _ in await gate.pass() }
                defer { watcher.task.cancel() }
                try writeFile(root + "/first.txt")
                #expect(await watcher.waitForReport(of: "first.txt"))
                try writeFile(root + "/short-lived.txt")
                try FileManager.default.removeItem(atPath: root + "/short-lived.txt")
                try writeFile(root + "/moved.txt")
                try FileManager.default.moveItem(atPath: root + "/moved.txt", toPath: root + "/.moved-away")
                await gate.open()
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths == ["first.txt", "zz-marker.txt"])
                await watcher.stop()
            }
        }

        @Test(.enabled(if: maxQueuedEvents <= 1_048_576, "too many events needed to overflow the queue"))
        func eventsLostWhileReadyIsSuspendedAreRecoveredByARescan() async throws {
            try await withTemporaryFolder { root in
                let gate = Gate()
                let watcher = await RunningWatcher.start(WatchOptions(root: root)) { _ in await gate.pass() }
                defer { watcher.task.cancel() }
                try writeFile(root + "/first.txt")
                #expect(await watcher.waitForReport(of: "first.txt"))
                // While `ready` is stuck, fill the kernel queue with cheap close events (alternating between two
                // files so the kernel cannot merge them), then write files whose events can only be lost.
                try writeFile(root + "/a.txt")
                try writeFile(root + "/b.txt")
                for index in 0..<(Self.maxQueuedEvents + 100) {
                    let fd = open(root + (index % 2 == 0 ? "/a.txt" : "/b.txt"), O_WRONLY | O_CLOEXEC)
                    try #require(fd >= 0)
                    close(fd)
                }
                let lost = (0..<50).map { "lost-\($0).txt" }
                for name in lost { try writeFile(root + "/" + name) }
                await gate.open()
                let all = await waitUntil(deadline: .seconds(30)) {
                    Set(lost).isSubset(of: Set(await watcher.reports.paths))
                }
                #expect(all)
                #expect(watcher.log.contains(.warning, "overflow"))
                await watcher.stop()
            }
        }
    }
}
