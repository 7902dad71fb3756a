import Glibc

/// A first-in first-out queue of runtime jobs that threads wait on. A waiting thread sleeps on a condition
/// variable until a job comes, however long that takes: there is no polling and no timer behind it, which is the
/// point of this executor.
final class JobQueue: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let nonEmpty = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `mutex`: the jobs from `head` on are waiting, in order.
    private var jobs: [UnsafeMutableRawPointer] = []
    private var head = 0
    private var sleepers = 0

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(nonEmpty, nil)
        jobs.reserveCapacity(256)
    }

    /// Adds a job and wakes one waiting thread, if one is waiting.
    func push(_ job: UnsafeMutableRawPointer) {
        pthread_mutex_lock(mutex)
        jobs.append(job)
        let wake = sleepers > 0
        pthread_mutex_unlock(mutex)
        if wake { pthread_cond_signal(nonEmpty) }
    }

    /// The oldest job, waiting for one as long as it takes.
    func pop() -> UnsafeMutableRawPointer {
        pthread_mutex_lock(mutex)
        while head == jobs.count {
            sleepers += 1
            pthread_cond_wait(nonEmpty, mutex)
            sleepers -= 1
        }
        let job = jobs[head]
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        pthread_mutex_unlock(mutex)
        return job
    }
}
