import FolderWatch
import Foundation
import Testing

extension LiveFileSystemTests {
    @Suite("Settle delay")
    struct SettleDelayTests {
        @Test func aFileClosedTwiceWithinTheDelayIsReportedOnceAfterTheLastClose() async throws {
            try await withTemporaryFolder { root in
                let settle = Duration.milliseconds(600)
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

        @Test func writesAfterACloseKeepPostponingTheReport() async throws {
            try await withTemporaryFolder { root in
                let settle = Duration.milliseconds(500)
                let watcher = await RunningWatcher.start(WatchOptions(root: root, settle: settle))
                defer { watcher.task.cancel() }
                try writeFile(root + "/story.txt", "headline\n")
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/story.txt"))
                try handle.seekToEnd()
                // The writer reopens the file and keeps writing, pausing far less than the delay, for longer than it.
                for index in 0..<8 {
                    try await Task.sleep(for: .milliseconds(100))
                    try handle.write(contentsOf: Data("paragraph \(index)\n".utf8))
                }
                try handle.close()
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
