import Foundation
import Glibc
import Testing

@testable import FolderWatch

extension LiveFileSystemTests {
    @Suite("Inotify wrapper")
    struct InotifyTests {
        @Test func readingWithNothingQueuedReturnsNoEventsWithoutBlocking() throws {
            let inotify = try Inotify()
            #expect(try inotify.readEvents().isEmpty)
            #expect(try inotify.waitUntilReadable(timeoutMilliseconds: 0) == false)
        }

        @Test func aClosedFileArrivesAsACloseWriteEventWithItsName() async throws {
            try await withTemporaryFolder { root in
                let inotify = try Inotify()
                let watch = try inotify.addWatch(path: root, mask: [.closeWrite])
                try writeFile(root + "/story.txt")
                #expect(try inotify.waitUntilReadable(timeoutMilliseconds: 5000))
                let events = try inotify.readEvents()
                #expect(events == [InotifyEvent(wd: watch, mask: .closeWrite, name: "story.txt")])
            }
        }

        @Test func removingAWatchQueuesIgnored() async throws {
            try await withTemporaryFolder { root in
                let inotify = try Inotify()
                let watch = try inotify.addWatch(path: root, mask: [.closeWrite])
                try inotify.removeWatch(watch)
                #expect(try inotify.waitUntilReadable(timeoutMilliseconds: 5000))
                #expect(try inotify.readEvents().map(\.mask) == [.ignored])
                try inotify.removeWatch(watch)  // Already gone: not an error.
            }
        }

        @Test func watchingAMissingPathThrowsTheCallErrnoAndPath() throws {
            let inotify = try Inotify()
            #expect(
                throws: FolderWatchError.systemCall(call: "inotify_add_watch", path: "/nonexistent/x", errno: ENOENT)
            ) {
                _ = try inotify.addWatch(path: "/nonexistent/x", mask: [.closeWrite])
            }
        }

        @Test func releasingTheInstanceClosesItsDescriptor() throws {
            let before = LiveFileSystemTests.openInotifyDescriptors()
            do {
                let inotify = try Inotify()
                #expect(LiveFileSystemTests.openInotifyDescriptors() == before + 1)
                _ = inotify.fileDescriptor
            }
            #expect(LiveFileSystemTests.openInotifyDescriptors() == before)
        }
    }
}
