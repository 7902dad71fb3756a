import Foundation
import Glibc
import Testing

@testable import FolderWatch

/// `O_TMPFILE` from <fcntl.h>, which Swift's Glibc module leaves out (it needs _GNU_SOURCE); the value is the same
/// on x86_64 and aarch64.
private let openTemporaryFile: Int32 = 0o2000_0000 | O_DIRECTORY

extension LiveFileSystemTests {
    @Suite("Files that appear whole, without being written in place")
    struct AppearingFilesTests {
        @Test func aHardLinkIntoTheFolderIsReported() async throws {
            try await withTemporaryFolder { parent in
                let root = parent + "/incoming"
                try makeFolder(root)
                try writeFile(parent + "/outside.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                #expect(link(parent + "/outside.txt", root + "/linked.txt") == 0)
                #expect(await watcher.waitForReport(of: "linked.txt", deadline: .seconds(10)))
                await watcher.stop()
            }
        }

        @Test func anOTmpfileFileLinkedInIsReportedUnderItsNameOnly() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                let fd = open(root, openTemporaryFile | O_WRONLY, 0o644)
                try #require(fd >= 0, "O_TMPFILE: errno \(errno)")
                _ = "article text\n".withCString { write(fd, $0, strlen($0)) }
                let folder = open(root, O_RDONLY | O_DIRECTORY)
                defer { close(folder) }
                #expect(linkat(AT_FDCWD, "/proc/self/fd/\(fd)", folder, "tmpfile.txt", AT_SYMLINK_FOLLOW) == 0)
                close(fd)  // Closed under its placeholder name "#<inode>", which names nothing.
                #expect(await watcher.waitForReport(of: "tmpfile.txt", deadline: .seconds(10)))
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths == ["tmpfile.txt", "zz-marker.txt"])
                await watcher.stop()
            }
        }

        @Test func aSlowWriterIsReportedOnceAfterItsClose() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                let fd = open(root + "/slow.txt", O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
                try #require(fd >= 0)
                _ = "first half".withCString { write(fd, $0, strlen($0)) }
                // Absence can only be shown by waiting: past the grace in which a create without open is a link.
                try await Task.sleep(for: PendingCreates().grace * 4)
                #expect(try await watcher.sync(through: root))
                _ = ", second half".withCString { write(fd, $0, strlen($0)) }
                #expect(try await watcher.sync(through: root, marker: "zz-marker-2.txt"))
                #expect(await watcher.reports.count("slow.txt") == 0)
                close(fd)
                #expect(await watcher.waitForReport(of: "slow.txt"))
                #expect(try await watcher.sync(through: root, marker: "zz-marker-3.txt"))
                #expect(await watcher.reports.count("slow.txt") == 1)
                await watcher.stop()
            }
        }

        @Test func aFileCreatedWithoutWriteAccessIsReportedAtItsClose() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                let fd = open(root + "/empty.txt", O_CREAT | O_RDONLY | O_CLOEXEC, 0o644)
                try #require(fd >= 0)
                try await Task.sleep(for: PendingCreates().grace * 4)
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.count("empty.txt") == 0)
                close(fd)
                #expect(await watcher.waitForReport(of: "empty.txt"))
                await watcher.stop()
            }
        }

        @Test func aHardLinkIsReportedAfterTheSettleDelayWhenOneIsSet() async throws {
            try await withTemporaryFolder { parent in
                let root = parent + "/incoming"
                try makeFolder(root)
                try writeFile(parent + "/outside.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root, settle: .milliseconds(300)))
                defer { watcher.task.cancel() }
                let linked = ContinuousClock.now
                #expect(link(parent + "/outside.txt", root + "/linked.txt") == 0)
                #expect(await watcher.waitForReport(of: "linked.txt", deadline: .seconds(10)))
                let reported = try #require(await watcher.reports.firstReport(of: "linked.txt"))
                #expect(reported - linked >= .milliseconds(300))
                await watcher.stop()
            }
        }
    }
}
