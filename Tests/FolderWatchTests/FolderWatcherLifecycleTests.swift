import FolderWatch
import Foundation
import Glibc
import Testing

extension LiveFileSystemTests {
    @Suite("Starting, stopping and losing the watched folder")
    struct FolderWatcherLifecycleTests {
        @Test func cancellingTheTaskMakesRunReturnPromptlyAndClosesTheInotifyDescriptor() async throws {
            try await withTemporaryFolder { root in
                let before = LiveFileSystemTests.openInotifyDescriptors()
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                #expect(await watcher.reports.hasStarted)
                #expect(LiveFileSystemTests.openInotifyDescriptors() == before + 1)
                let cancelled = ContinuousClock.now
                await watcher.stop()
                let took = ContinuousClock.now - cancelled
                // Generous for a loaded 2-core CI host; a watcher that ignores cancellation never returns at all.
                #expect(took < .seconds(5), "run took \(took) to return")
                #expect(await watcher.reports.outcome.map { (try? $0.get()) != nil } == true)
                #expect(LiveFileSystemTests.openInotifyDescriptors() == before)
            }
        }

        @Test func removingTheRootMakesRunThrowAndLogAnError() async throws {
            try await withTemporaryFolder { parent in
                let root = parent + "/incoming"
                try makeFolder(root + "/sub")
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try FileManager.default.removeItem(atPath: root)
                #expect(await waitUntil { await watcher.reports.hasFinished })
                let outcome = await watcher.reports.outcome
                #expect(throws: FolderWatchError.rootRemoved(path: root)) { try outcome?.get() }
                #expect(watcher.log.contains(.error, "removed"))
            }
        }

        @Test func movingTheRootAwayMakesRunThrow() async throws {
            try await withTemporaryFolder { parent in
                let root = parent + "/incoming"
                try makeFolder(root)
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try FileManager.default.moveItem(atPath: root, toPath: parent + "/elsewhere")
                #expect(await waitUntil { await watcher.reports.hasFinished })
                let outcome = await watcher.reports.outcome
                #expect(throws: FolderWatchError.rootRemoved(path: root)) { try outcome?.get() }
            }
        }

        @Test func aMissingRootThrowsWithErrnoAndPath() async throws {
            try await withTemporaryFolder { parent in
                let root = parent + "/missing"
                let watcher = FolderWatcher(options: WatchOptions(root: root), logger: LogRecorder().makeLogger())
                await #expect(throws: FolderWatchError.rootUnavailable(path: root, errno: ENOENT)) {
                    try await watcher.run { _ in }
                }
            }
        }

        @Test func aRootThatIsAFileThrowsNotADirectory() async throws {
            try await withTemporaryFolder { parent in
                let root = parent + "/file.txt"
                try writeFile(root)
                let watcher = FolderWatcher(options: WatchOptions(root: root), logger: LogRecorder().makeLogger())
                await #expect(throws: FolderWatchError.rootNotDirectory(path: root)) {
                    try await watcher.run { _ in }
                }
            }
        }

        @Test func aRootThatIsASymbolicLinkToAFolderIsWatched() async throws {
            try await withTemporaryFolder { parent in
                try makeFolder(parent + "/real")
                try FileManager.default.createSymbolicLink(atPath: parent + "/drop", withDestinationPath: "real")
                let watcher = await RunningWatcher.start(WatchOptions(root: parent + "/drop"))
                defer { watcher.task.cancel() }
                try writeFile(parent + "/real/story.txt")
                #expect(await watcher.waitForReport(of: "story.txt"))
                await watcher.stop()
            }
        }

        @Test func aRootGivenWithATrailingSlashReportsTheSameRelativePaths() async throws {
            try await withTemporaryFolder { root in
                try writeFile(root + "/story.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root + "/"))
                defer { watcher.task.cancel() }
                #expect(await watcher.reports.paths == ["story.txt"])
                await watcher.stop()
            }
        }
    }
}
