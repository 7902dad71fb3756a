import Foundation
import Glibc
import Testing

@testable import FolderWatch

extension LiveFileSystemTests {
    @Suite("Subtrees inotify cannot watch are polled, and the watcher keeps running")
    struct DegradedWatchTests {
        /// Polled often, so that the tests do not wait a whole second per scan.
        static func options(_ root: String) -> WatchOptions {
            WatchOptions(root: root, degradedPollInterval: .milliseconds(50))
        }

        static func warnings(_ watcher: RunningWatcher) -> Int {
            watcher.log.entries.filter { $0.level == .warning && $0.message.contains("cannot watch folder") }.count
        }

        @Test func aTreeDeeperThanPATH_MAXIsPolledFromWhereItsPathsBecomeTooLong() async throws {
            try await withTemporaryFolder { root in
                let tree = try DeepTree(in: root, levels: 26)
                defer { tree.remove() }
                let first = try #require((1...26).first { tree.isBeyondPathMax(level: $0) })
                try tree.writeFile(level: 26, name: "present.txt")
                let watcher = await RunningWatcher.start(Self.options(root))
                defer { watcher.task.cancel() }
                #expect(await watcher.reports.hasStarted)
                #expect(
                    watcher.watcher.degradedSubtrees
                        == [DegradedSubtree(path: DeepTree.folder(level: first), errno: ENAMETOOLONG)]
                )
                #expect(await watcher.waitForReport(of: DeepTree.folder(level: 26) + "/present.txt"))
                try tree.writeFile(level: 26, name: "later.txt")
                #expect(await watcher.waitForReport(of: DeepTree.folder(level: 26) + "/later.txt"))
                #expect(await !watcher.reports.hasFinished)
                await watcher.stop()
            }
        }

        @Test func aFolderOverTheWatchLimitIsPolledLoggedOnceAndCounted() async throws {
            try await withTemporaryFolder { root in
                try makeFolder(root + "/full/inner")
                try writeFile(root + "/full/inner/present.txt")
                let watcher = await RunningWatcher.start(
                    Self.options(root),
                    watchFault: { $0 == "full" ? ENOSPC : nil }
                )
                defer { watcher.task.cancel() }
                #expect(watcher.watcher.degradedSubtrees == [DegradedSubtree(path: "full", errno: ENOSPC)])
                #expect(watcher.watcher.degradationCount == 1)
                #expect(await watcher.waitForReport(of: "full/inner/present.txt"))
                try writeFile(root + "/full/later.txt")
                #expect(await watcher.waitForReport(of: "full/later.txt"))
                // The rest of the tree is still watched with inotify.
                #expect(try await watcher.sync(through: root))
                #expect(Self.warnings(watcher) == 1)
                #expect(await watcher.reports.count("full/inner/present.txt") == 1)
                await watcher.stop()
            }
        }

        @Test func aPolledFolderThatIsDeletedIsNoLongerListed() async throws {
            try await withTemporaryFolder { root in
                try makeFolder(root + "/locked")
                let watcher = await RunningWatcher.start(
                    Self.options(root),
                    watchFault: { $0 == "locked" ? EACCES : nil }
                )
                defer { watcher.task.cancel() }
                #expect(watcher.watcher.degradedSubtrees.map(\.path) == ["locked"])
                try FileManager.default.removeItem(atPath: root + "/locked")
                #expect(await waitUntil { watcher.watcher.degradedSubtrees.isEmpty })
                #expect(watcher.watcher.degradationCount == 1)
                #expect(await !watcher.reports.hasFinished)
                await watcher.stop()
            }
        }

        @Test func aPolledFolderRenamedToAWatchableNameIsWatchedWithInotifyAgain() async throws {
            try await withTemporaryFolder { root in
                try makeFolder(root + "/full")
                let watcher = await RunningWatcher.start(
                    Self.options(root),
                    watchFault: { $0 == "full" ? ENOSPC : nil }
                )
                defer { watcher.task.cancel() }
                #expect(watcher.watcher.degradedSubtrees.map(\.path) == ["full"])
                try FileManager.default.moveItem(atPath: root + "/full", toPath: root + "/moved")
                #expect(await waitUntil { watcher.watcher.degradedSubtrees.isEmpty })
                try writeFile(root + "/moved/a.txt")
                #expect(await watcher.waitForReport(of: "moved/a.txt"))
                #expect(Self.warnings(watcher) == 1)
                await watcher.stop()
            }
        }

        @Test func aFolderMadeLaterThatCannotBeWatchedIsPolledToo() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(
                    Self.options(root),
                    watchFault: { $0 == "new" ? ELOOP : nil }
                )
                defer { watcher.task.cancel() }
                #expect(watcher.watcher.degradedSubtrees.isEmpty)
                try makeFolder(root + "/new")
                try writeFile(root + "/new/a.txt")
                #expect(await watcher.waitForReport(of: "new/a.txt"))
                #expect(watcher.watcher.degradedSubtrees == [DegradedSubtree(path: "new", errno: ELOOP)])
                await watcher.stop()
            }
        }

        @Test func theRootOverTheWatchLimitIsStillFatal() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(Self.options(root), watchFault: { $0.isEmpty ? ENOSPC : nil })
                #expect(await waitUntil { await watcher.reports.hasFinished })
                let outcome = await watcher.reports.outcome
                #expect(throws: FolderWatchError.watchLimitReached(path: root)) { try outcome?.get() }
            }
        }
    }
}
