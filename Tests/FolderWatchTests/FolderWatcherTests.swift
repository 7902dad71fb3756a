import FolderWatch
import Foundation
import Glibc
import Testing

extension LiveFileSystemTests {
    @Suite("Watching a folder with inotify")
    struct FolderWatcherTests {
        @Test func aFileWrittenAndClosedIsReportedOnce() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try writeFile(root + "/story.txt")
                #expect(await watcher.waitForReport(of: "story.txt"))
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("story.txt") == 1)
                await watcher.stop()
            }
        }

        @Test func aBurstOfFilesIsReportedEachExactlyOnce() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                let names = (0..<1000).map { "burst-\($0).txt" }
                for name in names { try writeFile(root + "/" + name) }
                #expect(try await watcher.sync(through: root))
                let reported = await watcher.reports.paths
                #expect(reported.count == names.count + 1)
                #expect(Set(reported) == Set(names + ["zz-marker.txt"]))
                await watcher.stop()
            }
        }

        @Test func aFileStillOpenForWritingIsNotReportedUntilClosed() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                let fd = open(root + "/growing.txt", O_CREAT | O_WRONLY, 0o644)
                try #require(fd >= 0)
                _ = "first half".withCString { write(fd, $0, strlen($0)) }
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("growing.txt") == 0)
                close(fd)
                #expect(await watcher.waitForReport(of: "growing.txt"))
                await watcher.stop()
            }
        }

        @Test func aFileRenamedInFromATemporaryNameIsReportedUnderItsFinalNameOnly() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try writeFile(root + "/story.tmp")
                try FileManager.default.moveItem(atPath: root + "/story.tmp", toPath: root + "/story.txt")
                #expect(await watcher.waitForReport(of: "story.txt"))
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths == ["story.txt", "zz-marker.txt"])
                await watcher.stop()
            }
        }

        @Test func filesPresentBeforeStartAreReportedButFoldersAndIgnoredNamesAreNot() async throws {
            try await withTemporaryFolder { root in
                try makeFolder(root + "/2024/05")
                try makeFolder(root + "/.staging")
                try writeFile(root + "/top.txt")
                try writeFile(root + "/2024/05/deep.txt")
                try writeFile(root + "/2024/half.part")
                try writeFile(root + "/.staging/hidden.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                #expect(await watcher.reports.hasStarted)
                #expect(Set(await watcher.reports.paths) == ["top.txt", "2024/05/deep.txt"])
                await watcher.stop()
            }
        }

        @Test func filesWrittenIntoNewSubfoldersRightAfterMkdirAreFound() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                // No pause between mkdir and write: most files land before the watcher has watched their folder.
                var expected: Set<String> = []
                for index in 0..<20 {
                    try makeFolder(root + "/batch-\(index)/inner")
                    try writeFile(root + "/batch-\(index)/inner/story.txt")
                    try writeFile(root + "/batch-\(index)/story.txt")
                    expected.formUnion(["batch-\(index)/inner/story.txt", "batch-\(index)/story.txt"])
                }
                let found = await waitUntil { expected.isSubset(of: Set(await watcher.reports.paths)) }
                let missing = expected.subtracting(await watcher.reports.paths)
                #expect(found, "missing: \(missing.sorted())")
                await watcher.stop()
            }
        }

        @Test func aFolderRenamedInsideTheTreeIsWatchedUnderItsNewName() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try makeFolder(root + "/incoming")
                #expect(try await watcher.sync(through: root))
                try FileManager.default.moveItem(atPath: root + "/incoming", toPath: root + "/sorted")
                #expect(try await watcher.sync(through: root, marker: "zz-marker-2.txt"))
                try writeFile(root + "/sorted/story.txt")
                #expect(await watcher.waitForReport(of: "sorted/story.txt"))
                #expect(await watcher.reports.count("incoming/story.txt") == 0)
                await watcher.stop()
            }
        }

        @Test func aFolderMovedInFromOutsideHasItsFilesReported() async throws {
            try await withTemporaryFolder { outside in
                try await withTemporaryFolder { root in
                    try makeFolder(outside + "/batch/sub")
                    try writeFile(outside + "/batch/a.txt")
                    try writeFile(outside + "/batch/sub/b.txt")
                    let watcher = await RunningWatcher.start(WatchOptions(root: root))
                    defer { watcher.task.cancel() }
                    try FileManager.default.moveItem(atPath: outside + "/batch", toPath: root + "/batch")
                    #expect(await watcher.waitForReport(of: "batch/a.txt"))
                    #expect(await watcher.waitForReport(of: "batch/sub/b.txt"))
                    await watcher.stop()
                }
            }
        }

        @Test func aFolderMovedOutOfTheTreeFallsSilent() async throws {
            try await withTemporaryFolder { outside in
                try await withTemporaryFolder { root in
                    try makeFolder(root + "/batch")
                    let watcher = await RunningWatcher.start(WatchOptions(root: root))
                    defer { watcher.task.cancel() }
                    try FileManager.default.moveItem(atPath: root + "/batch", toPath: outside + "/batch")
                    #expect(try await watcher.sync(through: root))
                    try writeFile(outside + "/batch/elsewhere.txt")
                    #expect(try await watcher.sync(through: root, marker: "zz-marker-2.txt"))
                    #expect(await watcher.reports.count("batch/elsewhere.txt") == 0)
                    await watcher.stop()
                }
            }
        }

        @Test func aHiddenFolderIsSkippedUntilRenamedToANormalName() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try makeFolder(root + "/.upload")
                try writeFile(root + "/.upload/story.txt")
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count(".upload/story.txt") == 0)
                try FileManager.default.moveItem(atPath: root + "/.upload", toPath: root + "/upload")
                #expect(await watcher.waitForReport(of: "upload/story.txt"))
                await watcher.stop()
            }
        }

        @Test func aDeletedSubfolderCanBeRecreatedAndIsWatchedAgain() async throws {
            try await withTemporaryFolder { root in
                try makeFolder(root + "/day")
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try FileManager.default.removeItem(atPath: root + "/day")
                #expect(try await watcher.sync(through: root))
                try makeFolder(root + "/day")
                #expect(try await watcher.sync(through: root, marker: "zz-marker-2.txt"))
                try writeFile(root + "/day/story.txt")
                #expect(await watcher.waitForReport(of: "day/story.txt"))
                await watcher.stop()
            }
        }

        @Test func aSymbolicLinkCreatedInTheFolderIsReportedAndNotFollowed() async throws {
            try await withTemporaryFolder { outside in
                try await withTemporaryFolder { root in
                    try writeFile(outside + "/target.txt")
                    let watcher = await RunningWatcher.start(WatchOptions(root: root))
                    defer { watcher.task.cancel() }
                    try FileManager.default.createSymbolicLink(
                        atPath: root + "/link.txt",
                        withDestinationPath: outside + "/target.txt"
                    )
                    try FileManager.default.createSymbolicLink(
                        atPath: root + "/linked-dir",
                        withDestinationPath: outside
                    )
                    #expect(await watcher.waitForReport(of: "link.txt"))
                    #expect(await watcher.waitForReport(of: "linked-dir"))
                    #expect(try await watcher.sync(through: root))
                    #expect(await watcher.reports.count("linked-dir/target.txt") == 0)
                    await watcher.stop()
                }
            }
        }

        @Test func aFIFOCreatedInTheFolderIsReported() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try #require(mkfifo(root + "/pipe", 0o600) == 0)
                #expect(await watcher.waitForReport(of: "pipe"))
                await watcher.stop()
            }
        }

        @Test func aUnixSocketBoundInTheFolderIsReported() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
                try #require(fd >= 0)
                defer { close(fd) }
                var address = sockaddr_un()
                address.sun_family = sa_family_t(AF_UNIX)
                withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                    for (index, byte) in (root + "/socket").utf8.enumerated() { buffer[index] = byte }
                }
                let bound = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
                try #require(bound == 0)
                #expect(await watcher.waitForReport(of: "socket"))
                await watcher.stop()
            }
        }

        @Test func symbolicLinksAndFIFOsPresentAtStartAreReported() async throws {
            try await withTemporaryFolder { root in
                try FileManager.default.createSymbolicLink(
                    atPath: root + "/dangling",
                    withDestinationPath: "/nonexistent"
                )
                try #require(mkfifo(root + "/pipe", 0o600) == 0)
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                #expect(Set(await watcher.reports.paths) == ["dangling", "pipe"])
                await watcher.stop()
            }
        }

        @Test func aSubfolderItselfIsNeverReported() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try makeFolder(root + "/empty")
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths == ["zz-marker.txt"])
                await watcher.stop()
            }
        }
    }
}
