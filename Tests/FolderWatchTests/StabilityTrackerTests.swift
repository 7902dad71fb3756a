import Testing

@testable import FolderWatch

private func status(size: Int64, mtime: Int = 100, inode: UInt64 = 1) -> FileStatus {
    FileStatus(
        kind: .regular,
        device: 1,
        inode: inode,
        size: size,
        modificationSeconds: mtime,
        modificationNanoseconds: 0
    )
}

@Suite("Polling stability")
struct StabilityTrackerTests {
    @Test func aFileSeenOnceIsNotYetReported() {
        var tracker = StabilityTracker()
        #expect(tracker.update(with: ["a": status(size: 1)]).isEmpty)
    }

    @Test func aFileUnchangedBetweenTwoScansIsReported() {
        var tracker = StabilityTracker()
        _ = tracker.update(with: ["a": status(size: 1)])
        #expect(tracker.update(with: ["a": status(size: 1)]) == ["a"])
    }

    @Test func aGrowingFileIsNotReportedUntilItStops() {
        var tracker = StabilityTracker()
        _ = tracker.update(with: ["a": status(size: 1)])
        #expect(tracker.update(with: ["a": status(size: 2, mtime: 101)]).isEmpty)
        #expect(tracker.update(with: ["a": status(size: 3, mtime: 102)]).isEmpty)
        #expect(tracker.update(with: ["a": status(size: 3, mtime: 102)]) == ["a"])
    }

    @Test func aStableFileIsReportedOnlyOnce() {
        var tracker = StabilityTracker()
        _ = tracker.update(with: ["a": status(size: 1)])
        _ = tracker.update(with: ["a": status(size: 1)])
        #expect(tracker.update(with: ["a": status(size: 1)]).isEmpty)
    }

    @Test func aChangedFileIsReportedAgainOnceStable() {
        var tracker = StabilityTracker()
        _ = tracker.update(with: ["a": status(size: 1)])
        _ = tracker.update(with: ["a": status(size: 1)])
        _ = tracker.update(with: ["a": status(size: 5, mtime: 200)])
        #expect(tracker.update(with: ["a": status(size: 5, mtime: 200)]) == ["a"])
    }

    @Test func aFileThatDisappearsIsForgottenAndReportedAgainWhenItReturns() {
        var tracker = StabilityTracker()
        _ = tracker.update(with: ["a": status(size: 1)])
        _ = tracker.update(with: ["a": status(size: 1)])
        _ = tracker.update(with: [:])
        #expect(tracker.update(with: ["a": status(size: 1)]).isEmpty)
        #expect(tracker.update(with: ["a": status(size: 1)]) == ["a"])
    }

    @Test func aFileReplacedWithTheSameSizeAndMtimeIsReportedAgain() {
        var tracker = StabilityTracker()
        _ = tracker.update(with: ["a": status(size: 1, inode: 1)])
        _ = tracker.update(with: ["a": status(size: 1, inode: 1)])
        _ = tracker.update(with: ["a": status(size: 1, inode: 2)])
        #expect(tracker.update(with: ["a": status(size: 1, inode: 2)]) == ["a"])
    }

    @Test func filesInAFolderThatCouldNotBeListedAreNeitherForgottenNorReported() {
        var tracker = StabilityTracker()
        _ = tracker.update(with: ["d/a": status(size: 1), "b": status(size: 1)])
        _ = tracker.update(with: ["d/a": status(size: 1), "b": status(size: 1)])
        #expect(tracker.update(with: ["b": status(size: 1)], unlistable: ["d"]).isEmpty)
        #expect(tracker.update(with: ["d/a": status(size: 1), "b": status(size: 1)]).isEmpty)
    }
}
