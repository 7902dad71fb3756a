import FolderWatch
import Foundation
import Testing

extension LiveFileSystemTests {
    @Suite("Settle delay")
    struct SettleDelayTests {
        @Test func aFileClosedTwiceWithinTheDelayIsReportedOnceAfterTheLastClose() async throws {
            try await withTemporaryFolder { root in
                let settle = Duration.milliseconds(400)
                let watcher = await RunningWatcher.start(WatchOptions(root: root, settle: settle))
                defer { watcher.task.cancel() }
                try writeFile(root + "/story.txt", "first part\n")
                try await Task.sleep(for: .milliseconds(150))  // The writer's pause, not an assertion.
                try appendToFile(root + "/story.txt", "second part\n")
                let lastClose = ContinuousClock.now
                #expect(await watcher.waitForReport(of: "story.txt"))
                let reportedAt = try #require(await watcher.reports.firstReport(of: "story.txt"))
                #expect(reportedAt - lastClose >= settle)
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("story.txt") == 1)
                await watcher.stop()
            }
        }

        @Test func aFileDeletedBeforeItSettlesIsNotReported() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root, settle: .milliseconds(300)))
                defer { watcher.task.cancel() }
                try writeFile(root + "/short-lived.txt")
                try FileManager.default.removeItem(atPath: root + "/short-lived.txt")
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("short-lived.txt") == 0)
                await watcher.stop()
            }
        }

        @Test func filesPresentAtStartAreReportedAfterTheDelay() async throws {
            try await withTemporaryFolder { root in
                try writeFile(root + "/old.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root, settle: .milliseconds(200)))
                defer { watcher.task.cancel() }
                #expect(await watcher.waitForReport(of: "old.txt"))
                await watcher.stop()
            }
        }
    }
}
