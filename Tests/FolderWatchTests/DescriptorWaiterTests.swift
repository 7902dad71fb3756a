import Foundation
import Glibc
import Synchronization
import Testing

@testable import FolderWatch

extension LiveFileSystemTests {
    @Suite("Waiting for inotify events without a timer")
    struct DescriptorWaiterTests {
        /// Whether a wait started in its own task has returned.
        final class Finished: Sendable {
            private let flag = Mutex(false)
            var value: Bool { flag.withLock { $0 } }
            func set() { flag.withLock { $0 = true } }
        }

        @Test func aWaitWithoutDeadlineEndsOnlyWhenAnEventIsQueued() async throws {
            try await withTemporaryFolder { root in
                let inotify = try Inotify()
                _ = try inotify.addWatch(path: root, mask: [.closeWrite])
                let waiter = try DescriptorWaiter(watching: inotify.fileDescriptor)
                let finished = Finished()
                let task = Task {
                    try await waiter.wait(until: nil)
                    finished.set()
                }
                // Nothing queued: still waiting well after a 50 ms idle timer would have fired several times.
                #expect(!(await waitUntil(deadline: .milliseconds(300)) { finished.value }))
                try writeFile(root + "/story.txt")
                #expect(await waitUntil { finished.value })
                try await task.value
                #expect(try inotify.readEvents().map(\.name) == ["story.txt"])
            }
        }

        @Test func cancellingTheWaitingTaskEndsAWaitWithoutDeadlineAtOnce() async throws {
            let inotify = try Inotify()
            let waiter = try DescriptorWaiter(watching: inotify.fileDescriptor)
            let finished = Finished()
            let task = Task {
                try await waiter.wait(until: nil)
                finished.set()
            }
            #expect(!(await waitUntil(deadline: .milliseconds(100)) { finished.value }))
            let cancelled = ContinuousClock.now
            task.cancel()
            try await task.value
            #expect(ContinuousClock.now - cancelled < .milliseconds(500))
            // The wake-up was consumed: the next wait blocks again until its deadline.
            let started = ContinuousClock.now
            try await waiter.wait(until: started + .milliseconds(100))
            #expect(ContinuousClock.now - started >= .milliseconds(100))
        }

        @Test func aWaitEndsAtItsDeadlineAndNotBefore() async throws {
            let inotify = try Inotify()
            let waiter = try DescriptorWaiter(watching: inotify.fileDescriptor)
            let started = ContinuousClock.now
            try await waiter.wait(until: started + .milliseconds(120))
            #expect(ContinuousClock.now - started >= .milliseconds(120))
        }

        @Test func theTimeoutIsRoundedUpToWholeMilliseconds() {
            let now = ContinuousClock.now
            #expect(DescriptorWaiter.milliseconds(until: nil, now: now) == -1)
            #expect(DescriptorWaiter.milliseconds(until: now - .seconds(1), now: now) == 0)
            #expect(DescriptorWaiter.milliseconds(until: now + .microseconds(1), now: now) == 1)
            #expect(DescriptorWaiter.milliseconds(until: now + .milliseconds(1500), now: now) == 1500)
            #expect(DescriptorWaiter.milliseconds(until: now + .seconds(100_000_000), now: now) == Int32.max)
        }
    }
}
