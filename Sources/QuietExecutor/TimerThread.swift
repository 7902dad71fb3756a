import CConcurrencyHooks
import Glibc

/// Holds jobs until their deadline (`Task.sleep`, timeouts) and then hands them to the workers' queue. One thread
/// sleeps on a condition variable until the earliest deadline, or with no deadline at all while nothing waits:
/// an idle process has no timer armed.
final class TimerThread: @unchecked Sendable {
    private struct Entry {
        var deadline: UInt64
        /// Arrival order, so that jobs with the same deadline leave in the order they came.
        var sequence: UInt64
        var job: UnsafeMutableRawPointer

        func isBefore(_ other: Entry) -> Bool {
            (deadline, sequence) < (other.deadline, other.sequence)
        }
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `mutex`: a binary min-heap on (deadline, sequence).
    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0
    private let target: JobQueue

    /// Starts the thread; due jobs go to `target`.
    init(handingTo target: JobQueue) {
        self.target = target
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(changed, &attributes)
        pthread_condattr_destroy(&attributes)
        PosixThread.start(name: "articled-timer") { [self] in run() }
    }

    /// Holds `job` until CLOCK_MONOTONIC reaches `deadline` (nanoseconds).
    func schedule(_ job: UnsafeMutableRawPointer, at deadline: UInt64) {
        pthread_mutex_lock(mutex)
        let entry = Entry(deadline: deadline, sequence: nextSequence, job: job)
        nextSequence += 1
        heap.append(entry)
        siftUp(heap.count - 1)
        let isFirst = heap[0].sequence == entry.sequence
        pthread_mutex_unlock(mutex)
        // Only a new earliest deadline changes how long the thread must sleep.
        if isFirst { pthread_cond_signal(changed) }
    }

    private func run() -> Never {
        pthread_mutex_lock(mutex)
        while true {
            guard let first = heap.first else {
                pthread_cond_wait(changed, mutex)
                continue
            }
            if first.deadline <= articled_monotonic_now_ns() {
                removeFirst()
                pthread_mutex_unlock(mutex)
                target.push(first.job)
                pthread_mutex_lock(mutex)
                continue
            }
            var until = timespec(
                tv_sec: Int(first.deadline / 1_000_000_000),
                tv_nsec: Int(first.deadline % 1_000_000_000)
            )
            _ = pthread_cond_timedwait(changed, mutex, &until)
        }
    }

    private func removeFirst() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var index = 0
        while true {
            let left = 2 * index + 1
            let right = left + 1
            var smallest = index
            if left < heap.count, heap[left].isBefore(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].isBefore(heap[smallest]) { smallest = right }
            if smallest == index { return }
            heap.swapAt(index, smallest)
            index = smallest
        }
    }

    private func siftUp(_ start: Int) {
        var index = start
        while index > 0 {
            let parent = (index - 1) / 2
            guard heap[index].isBefore(heap[parent]) else { return }
            heap.swapAt(index, parent)
            index = parent
        }
    }
}
