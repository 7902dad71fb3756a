import Testing

@testable import FolderWatch

@Suite("Files created whole or being written")
struct PendingCreatesTests {
    private let start = ContinuousClock.now

    @Test func aCreateNotFollowedByAnOpenAppearedWholeOnceTheGraceHasPassed() {
        var pending = PendingCreates(grace: .milliseconds(100))
        pending.created("a", now: start)
        let early = pending.takeAppearedWhole(now: start + .milliseconds(99))
        let due = pending.takeAppearedWhole(now: start + .milliseconds(100))
        #expect(early.isEmpty)
        #expect(due == ["a"])
        #expect(pending.isEmpty)
    }

    @Test func aCreateFollowedByAnOpenIsAWriterAndNeverDueByTime() {
        var pending = PendingCreates(grace: .milliseconds(100))
        pending.created("a", now: start)
        pending.opened("a")
        #expect(pending.nextDeadline == nil)
        let due = pending.takeAppearedWhole(now: start + .seconds(60))
        #expect(due.isEmpty)
    }

    @Test func anOpenOfAFileNotJustCreatedIsIgnored() {
        var pending = PendingCreates()
        pending.opened("read-by-the-daemon")
        let completed = pending.closedWithoutWriting("read-by-the-daemon")
        #expect(pending.isEmpty)
        #expect(!completed)
    }

    @Test func aReaderClosingWhileTheCreatorHoldsTheFileDoesNotCompleteIt() {
        var pending = PendingCreates()
        pending.created("a", now: start)
        pending.opened("a")  // the creator, open(O_CREAT|O_RDONLY)
        pending.opened("a")  // a reader
        let readerClosed = pending.closedWithoutWriting("a")
        let creatorClosed = pending.closedWithoutWriting("a")
        #expect(!readerClosed)
        #expect(creatorClosed)
        #expect(pending.isEmpty)
    }

    @Test func aCloseAfterWritingEndsTheWaitWithoutMakingItDueTwice() {
        var pending = PendingCreates()
        pending.created("a", now: start)
        pending.opened("a")
        pending.forget("a")  // IN_CLOSE_WRITE reports it by itself
        let completed = pending.closedWithoutWriting("a")
        let due = pending.takeAppearedWhole(now: start + .seconds(1))
        #expect(!completed)
        #expect(due.isEmpty)
    }

    @Test func forgettingAFolderDropsTheFilesBelowItOnly() {
        var pending = PendingCreates(grace: .milliseconds(1))
        pending.created("d/a", now: start)
        pending.created("d/e/b", now: start)
        pending.created("other", now: start)
        pending.forget(below: "d")
        let due = pending.takeAppearedWhole(now: start + .seconds(1))
        #expect(due == ["other"])
    }

    @Test func theNextDeadlineIsTheEarliestGraceEndAndNilWhenNothingWaits() {
        var pending = PendingCreates(grace: .milliseconds(100))
        #expect(pending.nextDeadline == nil)
        pending.created("late", now: start + .milliseconds(50))
        pending.created("early", now: start)
        #expect(pending.nextDeadline == start + .milliseconds(100))
    }
}
