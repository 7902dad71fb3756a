import FolderWatch
import Testing

extension LiveFileSystemTests {
    /// "fé.txt" in Latin-1, as an old SMB client might write it.
    private static let latin1Name: [UInt8] = [0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74]

    @Suite("Names that are not UTF-8")
    struct UndecodableNameTests {
        @Test func aFileWrittenWithSuchANameIsNotReportedAndIsLogged() async throws {
            try await withTemporaryFolder { root in
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                try writeFile(in: root, rawName: LiveFileSystemTests.latin1Name)
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths == ["zz-marker.txt"])
                #expect(watcher.log.contains(.warning, "not valid UTF-8"))
                await watcher.stop()
            }
        }

        @Test func aFileWithSuchANamePresentAtStartIsNotReportedAndIsLogged() async throws {
            try await withTemporaryFolder { root in
                try writeFile(in: root, rawName: LiveFileSystemTests.latin1Name)
                try writeFile(root + "/fine.txt")
                let watcher = await RunningWatcher.start(WatchOptions(root: root))
                defer { watcher.task.cancel() }
                #expect(await watcher.reports.paths == ["fine.txt"])
                #expect(watcher.log.contains(.warning, "not valid UTF-8"))
                await watcher.stop()
            }
        }

        @Test func pollingSkipsSuchANameAndLogsItOnce() async throws {
            try await withTemporaryFolder { root in
                try writeFile(in: root, rawName: LiveFileSystemTests.latin1Name)
                let watcher = await RunningWatcher.start(WatchOptions(root: root, pollInterval: .milliseconds(50)))
                defer { watcher.task.cancel() }
                #expect(try await watcher.sync(through: root))
                #expect(await watcher.reports.paths == ["zz-marker.txt"])
                #expect(watcher.log.entries.filter { $0.message.contains("not valid UTF-8") }.count == 1)
                await watcher.stop()
            }
        }
    }
}
