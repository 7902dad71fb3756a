import FolderWatch
import Foundation
import Glibc
import Testing

extension LiveFileSystemTests {
    @Suite("Polling mode")
    struct PollingModeTests {
        private static let interval = Duration.milliseconds(100)

        @Test func aGrowingFileIsReportedOnlyOnceItsSizeStoppedChanging() async throws {
            try await withTemporaryFolder { root in
                let interval = Duration.milliseconds(200)
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: interval))
                defer { watcher.task.cancel() }
                let path = root + "/growing.txt"
                try writeFile(path, "")
                var lastWrite = ContinuousClock.now
                // The writer appends far more often than the watcher scans, for several scans.
                for index in 0..<40 {
                    try appendToFile(path, "line \(index)\n")
                    lastWrite = .now
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(await watcher.waitForReport(of: "growing.txt"))
                let reportedAt = try #require(await watcher.reports.firstReport(of: "growing.txt"))
                #expect(reportedAt > lastWrite)
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("growing.txt") == 1)
                await watcher.stop()
            }
        }

        @Test func filesPresentAtStartAndInSubfoldersAreReportedButIgnoredNamesAreNot() async throws {
            try await withTemporaryFolder { root in
                try makeFolder(root + "/a/b")
                try makeFolder(root + "/.hidden")
                try writeFile(root + "/a/b/deep.txt")
                try writeFile(root + "/a/half.part")
                try writeFile(root + "/.hidden/secret.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: Self.interval))
                defer { watcher.task.cancel() }
                #expect(await watcher.waitForReport(of: "a/b/deep.txt"))
                #expect(try await watcher.sync(through: root))
                #expect(Set(await watcher.reports.paths) == ["a/b/deep.txt", "zz-marker.txt"])
                await watcher.stop()
            }
        }

        @Test func aTreeDeeperThanPATH_MAXIsListedThroughDescriptors() async throws {
            try await withTemporaryFolder { root in
                let tree = try DeepTree(in: root, levels: 26)
                defer { tree.remove() }
                try #require(tree.isBeyondPathMax(level: 26))
                try tree.writeFile(level: 26, name: "deep.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: Self.interval))
                defer { watcher.task.cancel() }
                #expect(await watcher.waitForReport(of: DeepTree.folder(level: 26) + "/deep.txt"))
                #expect(!watcher.log.contains(.warning, "cannot list"))
                await watcher.stop()
            }
        }

        @Test func aFileThatReappearsIsReportedAgain() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: Self.interval))
                defer { watcher.task.cancel() }
                try writeFile(root + "/story.txt")
                #expect(await watcher.waitForReport(of: "story.txt"))
                try FileManager.default.moveItem(atPath: root + "/story.txt", toPath: root + "/.away")
                #expect(try await watcher.sync(through: root))
                try FileManager.default.moveItem(atPath: root + "/.away", toPath: root + "/story.txt")
                #expect(await waitUntil { await watcher.reports.count("story.txt") == 2 })
                await watcher.stop()
            }
        }

        @Test func removingTheRootMakesRunThrow() async throws {
            try await withTemporaryFolder { parent in
                let root = parent + "/incoming"
                try makeFolder(root)
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: Self.interval))
                defer { watcher.task.cancel() }
                try FileManager.default.removeItem(atPath: root)
                #expect(await waitUntil { await watcher.reports.hasFinished })
                let outcome = await watcher.reports.outcome
                #expect(throws: FolderWatchError.rootRemoved(path: root)) { try outcome?.get() }
                #expect(watcher.log.contains(.error, "removed"))
            }
        }

        @Test func cancellingMakesRunReturnPromptly() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: .seconds(10)))
                #expect(await watcher.reports.hasStarted)
                let cancelled = ContinuousClock.now
                await watcher.stop()
                #expect(ContinuousClock.now - cancelled < .seconds(5))
            }
        }
    }
}
