import CConcurrencyHooks
import Foundation
import Testing

@testable import QuietExecutor

/// The queue and the timer hold runtime jobs as opaque pointers; these tests give them made-up pointers, which
/// are never run, to check order, blocking and deadlines without touching the process's executor.
@Suite struct JobQueueTests {
    private func token(_ n: Int) -> UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: 0x1000 + n * 16)! }

    @Test func jobsLeaveInTheOrderTheyCame() {
        let queue = JobQueue()
        for n in 0..<3000 { queue.push(token(n)) }
        var order: [Int] = []
        for _ in 0..<3000 { order.append((Int(bitPattern: queue.pop()) - 0x1000) / 16) }
        #expect(order == Array(0..<3000))
    }

    @Test func aWaitingThreadWakesForAJobPushedLater() async {
        let queue = JobQueue()
        let popped = Thread.detachedResult { Int(bitPattern: queue.pop()) }
        // Whether or not the popping thread is already asleep in the queue, the job must reach it.
        queue.push(token(7))
        #expect(await popped.value == Int(bitPattern: token(7)))
    }

    @Test func theTimerReleasesJobsInDeadlineOrderAndNeverEarly() {
        let due = JobQueue()
        let timer = TimerThread(handingTo: due)
        let start = articled_monotonic_now_ns()
        let delays: [UInt64] = [40, 10, 30, 0, 20, 10]  // milliseconds; the two tens keep their arrival order
        for (n, delay) in delays.enumerated() { timer.schedule(token(n), at: start + delay * 1_000_000) }
        var released: [(Int, UInt64)] = []
        for _ in delays {
            let job = due.pop()
            released.append(((Int(bitPattern: job) - 0x1000) / 16, articled_monotonic_now_ns()))
        }
        #expect(released.map(\.0) == [3, 1, 5, 4, 2, 0])
        for (n, at) in released { #expect(at >= start + delays[n] * 1_000_000) }
    }

    @Test func anEarlierDeadlineWakesATimerAlreadyWaitingForALaterOne() {
        let due = JobQueue()
        let timer = TimerThread(handingTo: due)
        let start = articled_monotonic_now_ns()
        timer.schedule(token(1), at: start + 60_000_000_000)  // a minute away: the timer sleeps towards it
        timer.schedule(token(2), at: start + 5_000_000)
        #expect(due.pop() == token(2))
        #expect(articled_monotonic_now_ns() - start < 30_000_000_000)
    }
}

extension Thread {
    /// Runs `body` on a new thread (the queue blocks its caller) and hands back its result.
    static func detachedResult<T: Sendable>(_ body: @escaping @Sendable () -> T) -> Task<T, Never> {
        let box = ResultBox<T>()
        Thread.detachNewThread { box.finish(body()) }
        return Task { await box.value }
    }
}

/// One value, handed from a thread to a task.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: T?
    private var waiter: CheckedContinuation<T, Never>?

    func finish(_ value: T) {
        lock.lock()
        if let waiter {
            lock.unlock()
            waiter.resume(returning: value)
        } else {
            result = value
            lock.unlock()
        }
    }

    var value: T {
        get async {
            await withCheckedContinuation { continuation in
                lock.lock()
                if let result {
                    lock.unlock()
                    continuation.resume(returning: result)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        }
    }
}
