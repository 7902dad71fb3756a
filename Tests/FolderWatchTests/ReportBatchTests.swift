import Testing

@testable import FolderWatch

@Suite("Report batch")
struct ReportBatchTests {
    @Test func aPathReadyManyTimesIsTakenOnceInFirstReadyOrder() {
        var batch = ReportBatch()
        for path in ["b", "a", "b", "c", "a"] { batch.add(path) }
        #expect(batch.take() == ["b", "a", "c"])
        #expect(batch.isEmpty)
    }

    @Test func aPathRemovedAfterBecomingReadyIsNotTaken() {
        var batch = ReportBatch()
        batch.add("a")
        batch.add("b")
        batch.remove("a")
        #expect(batch.take() == ["b"])
    }

    @Test func aPathReadyAgainAfterRemovalIsTakenOnce() {
        var batch = ReportBatch()
        batch.add("a")
        batch.remove("a")
        batch.add("a")
        #expect(batch.take() == ["a"])
    }

    @Test func removingAFolderWithdrawsThePathsBelowIt() {
        var batch = ReportBatch()
        for path in ["d/a", "d/e/b", "dx", "c"] { batch.add(path) }
        batch.remove(below: "d")
        #expect(batch.take() == ["dx", "c"])
    }

    @Test func takingEmptiesTheBatch() {
        var batch = ReportBatch()
        batch.add("a")
        _ = batch.take()
        #expect(batch.take().isEmpty)
    }
}
