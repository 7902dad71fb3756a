import FolderWatch
import Foundation
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
    @Suite("Back-pressure and queue overflow")
    struct OverflowTests {
        /// The kernel's per-instance event queue length.
        static let maxQueuedEvents: Int = {
            let text = try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
            return Int(text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 16384
        }()

        @Test(.enabled(if: maxQueuedEvents <= 65536, "too many files needed to overflow the queue"))
        func eventsLostWhileReadyIsSuspendedAreRecoveredByARescan() async throws {
            try await withTemporaryFolder { root in
                let gate = Gate()
                let watcher = await RunningWatcher.start(WatchOptions(root: root)) { _ in await gate.pass() }
                defer { watcher.task.cancel() }
                try writeFile(root + "/first.txt")
                #expect(await watcher.waitForReport(of: "first.txt"))
                // Each file queues IN_CREATE and IN_CLOSE_WRITE while `ready` is stuck: more than the queue holds.
                let count = Self.maxQueuedEvents / 2 + 200
                for index in 0..<count { try writeFile(root + "/file-\(index).txt", "") }
                await gate.open()
                let all = await waitUntil(deadline: .seconds(30)) {
                    Set(await watcher.reports.paths).count == count + 1
                }
                #expect(all)
                #expect(watcher.log.contains(.warning, "overflow"))
                await watcher.stop()
            }
        }
    }
}
