import Testing

@testable import FolderWatch

@Suite("Settle schedule")
struct SettleScheduleTests {
    private let start = ContinuousClock.now

    @Test func aFileIsDueOnlyOnceTheDelayHasPassed() {
        var schedule = SettleSchedule(delay: .seconds(1))
        schedule.arm("a", now: start)
        #expect(schedule.takeDue(now: start + .milliseconds(999)).isEmpty)
        #expect(schedule.takeDue(now: start + .seconds(1)) == ["a"])
        #expect(schedule.count == 0)
    }

    @Test func anotherEventRestartsTheDelay() {
        var schedule = SettleSchedule(delay: .seconds(1))
        schedule.arm("a", now: start)
        schedule.restartIfWaiting("a", now: start + .milliseconds(800))
        #expect(schedule.takeDue(now: start + .milliseconds(1500)).isEmpty)
        #expect(schedule.takeDue(now: start + .milliseconds(1800)) == ["a"])
    }

    @Test func aWriteToAFileNotYetClosedDoesNotStartTheDelay() {
        var schedule = SettleSchedule(delay: .seconds(1))
        schedule.restartIfWaiting("a", now: start)
        #expect(schedule.count == 0)
        #expect(schedule.nextDeadline == nil)
    }

    @Test func cancellingAFolderDropsTheFilesBelowIt() {
        var schedule = SettleSchedule(delay: .seconds(1))
        for path in ["d/a", "d/e/b", "dx", "c"] { schedule.arm(path, now: start) }
        schedule.cancel(below: "d")
        #expect(schedule.takeDue(now: start + .seconds(2)) == ["c", "dx"])
    }

    @Test func cancellingAFileDropsOnlyThatFile() {
        var schedule = SettleSchedule(delay: .seconds(1))
        for path in ["a", "a/b", "ab"] { schedule.arm(path, now: start) }
        schedule.cancel("a")
        #expect(schedule.takeDue(now: start + .seconds(2)) == ["a/b", "ab"])
    }

    @Test func dueFilesComeEarliestFirst() {
        var schedule = SettleSchedule(delay: .seconds(1))
        schedule.arm("late", now: start + .milliseconds(10))
        schedule.arm("early", now: start)
        #expect(schedule.nextDeadline == start + .seconds(1))
        #expect(schedule.takeDue(now: start + .seconds(2)) == ["early", "late"])
    }
}
