import FolderWatch
import Testing

extension LiveFileSystemTests {
    /// "fé.txt" in Latin-1, as an old SMB client might write it.
    private static let latin1Name: [UInt8] = [0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74]
    /// What the watcher renames it to, and then reports.
    private static let renamed = "f%E9.txt" + UndecodableNames.marker

    @Suite("Names that are not UTF-8")
    struct UndecodableNameTests {
        @Test func aFileWrittenWithSuchANameIsRenamedToAUTF8NameAndReportedOnce() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try writeFile(in: root, rawName: LiveFileSystemTests.latin1Name)
                #expect(await watcher.waitForReport(of: LiveFileSystemTests.renamed))
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths.filter { $0 == LiveFileSystemTests.renamed }.count == 1)
                #expect(watcher.log.contains(.notice, "not UTF-8"))
                await watcher.stop()
            }
        }

        @Test func aFileWithSuchANamePresentAtStartIsRenamedAndReported() async throws {
            try await withTemporaryFolder { root in
                try writeFile(in: root, rawName: LiveFileSystemTests.latin1Name)
                try writeFile(root + "/fine.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                #expect(await watcher.waitForReport(of: LiveFileSystemTests.renamed))
                #expect(await watcher.reports.paths.contains("fine.txt"))
                await watcher.stop()
            }
        }

        @Test func pollingRenamesSuchANameAndReportsItOnce() async throws {
            try await withTemporaryFolder { root in
                try writeFile(in: root, rawName: LiveFileSystemTests.latin1Name)
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: .milliseconds(50)))
                defer { watcher.task.cancel() }
                #expect(await watcher.waitForReport(of: LiveFileSystemTests.renamed))
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths.filter { $0 == LiveFileSystemTests.renamed }.count == 1)
                await watcher.stop()
            }
        }
    }
}
