import FolderWatch
import Foundation
import Glibc
import Testing

extension LiveFileSystemTests {
    /// A writer fills a new folder before the watcher has watched it and closes the file only after the folder's
    /// scan has reported it. A gate holds the watcher back so that this order is certain.
    @Suite("Files found by the scan of a new folder")
    struct ScanEchoTests {
        private func reportFileOpenDuringScan(
            in root: String,
            moreAfterScan: String?
        ) async throws -> RunningWatcher {
            let gate = Gate()
            let watcher = await RunningWatcher.start(WatchOptions(root: root)) { _ in await gate.pass() }
            try writeFile(root + "/first.txt")
            #expect(await watcher.waitForReport(of: "first.txt"))
            try makeFolder(root + "/new")
            let fd = open(root + "/new/story.txt", O_CREAT | O_WRONLY, 0o644)
            try #require(fd >= 0)
            defer { close(fd) }
            _ = "the whole story\n".withCString { write(fd, $0, strlen($0)) }
            await gate.open()
            #expect(await watcher.waitForReport(of: "new/story.txt"))
            if let more = moreAfterScan { _ = more.withCString { write(fd, $0, strlen($0)) } }
            return watcher
        }

        @Test func isNotReportedAgainWhenClosedUnchanged() async throws {
            try await withTemporaryFolder { root in
                let watcher = try await reportFileOpenDuringScan(in: root, moreAfterScan: nil)
                defer { watcher.task.cancel() }
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("new/story.txt") == 1)
                await watcher.stop()
            }
        }

        @Test func isReportedAgainWhenWrittenToAfterTheScan() async throws {
            try await withTemporaryFolder { root in
                let watcher = try await reportFileOpenDuringScan(in: root, moreAfterScan: "and its ending\n")
                defer { watcher.task.cancel() }
                #expect(await waitUntil { await watcher.reports.count("new/story.txt") == 2 })
                await watcher.stop()
            }
        }
    }
}
