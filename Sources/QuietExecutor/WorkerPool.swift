@_spi(ExperimentalScheduling) import _Concurrency
import CConcurrencyHooks
import Glibc

/// The global executor's threads, and the executor they present to the jobs they run. It is a scheduling
/// executor so that `Task.sleep` hands it its wake-up (instead of arming a libdispatch timer): `Task.sleep` asks
/// the running job's task executor (each job runs "on" this one) and, in an actor's code, `Task.defaultExecutor`
/// (this one too, see `QuietExecutor.Factory`).
final class WorkerPool: TaskExecutor, SchedulingExecutor, @unchecked Sendable {
    let queue = JobQueue()
    let timer: TimerThread

    init(threads: Int) {
        timer = TimerThread(handingTo: queue)
        for index in 0..<threads {
            PosixThread.start(name: "articled-w\(index)") { [self] in
                while true {
                    let job = unsafeBitCast(queue.pop(), to: UnownedJob.self)
                    job.runSynchronously(on: asUnownedTaskExecutor())
                }
            }
        }
    }

    func enqueue(_ job: UnownedJob) {
        queue.push(unsafeBitCast(job, to: UnsafeMutableRawPointer.self))
    }

    func enqueue(_ job: consuming ExecutorJob) {
        enqueue(UnownedJob(job))
    }

    func enqueue<C: Clock>(
        _ job: consuming ExecutorJob,
        at instant: C.Instant,
        tolerance: C.Duration?,
        clock: C
    ) {
        // Swift's two clocks measure in `Duration`; a deadline already passed runs at once.
        let (seconds, attoseconds) = (clock.now.duration(to: instant) as? Duration ?? .zero).components
        let nanoseconds = seconds < 0 ? 0 : UInt64(seconds) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        let pointer = unsafeBitCast(UnownedJob(job), to: UnsafeMutableRawPointer.self)
        timer.schedule(pointer, at: articled_monotonic_now_ns() &+ nanoseconds)
    }
}
