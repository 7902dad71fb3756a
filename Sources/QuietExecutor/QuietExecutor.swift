@_spi(ExperimentalCustomExecutors) import _Concurrency
import CConcurrencyHooks
import Glibc

/// Swift concurrency's global and main executors on threads that sleep in the kernel while there is nothing to
/// run, for a daemon that must not wake up when idle.
///
/// Why not the runtime's own: on Linux the global executor is libdispatch, and the first job it runs starts
/// libdispatch's worker-pool monitor, a one-second timer on its manager thread that never stops (it counts the
/// runnable workers in `/proc`). An idle daemon then wakes once a second for ever. Here a fixed set of workers
/// (one per core, at least two, as wide as the runtime's cooperative pool) wait on one condition variable, sleeps
/// wait on one timer thread armed only while a sleep is pending, and main-actor jobs run on the main thread.
///
/// Install before the first task is created (the top of `main`); the process then keeps these executors.
public enum QuietExecutor {
    private struct Queues: Sendable {
        let pool: WorkerPool
        let main = JobQueue()
    }

    nonisolated(unsafe) private static var queues: Queues?

    /// Starts `workers` threads (nil: one per online core, at least two) and points the runtime's executor hooks
    /// and `Task.defaultExecutor` here. Returns false on a second call, and when another executor already holds
    /// the hooks (a test host); the runtime's own executors then stay in charge.
    @discardableResult
    public static func install(workers: Int? = nil) -> Bool {
        guard queues == nil else { return false }
        let count = max(2, workers ?? sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let sinks = articled_job_sinks(
            enqueue_global: { job in QuietExecutor.queues.unsafelyUnwrapped.pool.queue.push(job) },
            enqueue_global_at: { job, deadline in
                QuietExecutor.queues.unsafelyUnwrapped.pool.timer.schedule(job, at: deadline)
            },
            enqueue_main: { job in QuietExecutor.queues.unsafelyUnwrapped.main.push(job) }
        )
        queues = Queues(pool: WorkerPool(threads: count))
        guard articled_install_concurrency_hooks(sinks) == 0 else { return false }
        _createExecutors(factory: Factory.self)
        return true
    }

    /// What `Task.defaultExecutor` answers: `Task.sleep` schedules its wake-up on the default executor when
    /// the running code has no scheduling executor of its own (an actor's code has none), and the platform's
    /// default would put it on a libdispatch timer.
    private struct Factory: ExecutorFactory {
        /// Main-actor jobs reach `runMainThread` through the runtime's main-executor hook; this object stays the
        /// platform's (libdispatch's main queue, which nothing drains here). Code that enqueues on
        /// `MainActor.executor` directly would wait for ever; nothing in articled or its packages does.
        static var mainExecutor: any MainExecutor { PlatformExecutorFactory.mainExecutor }
        static var defaultExecutor: any TaskExecutor { QuietExecutor.queues.unsafelyUnwrapped.pool }
    }

    /// Runs main-actor jobs on the calling thread, which must be the main thread, for the rest of the process.
    /// The program ends by calling `exit`.
    public static func runMainThread() -> Never {
        guard let main = queues?.main else { fatalError("QuietExecutor.install was not called") }
        while true {
            let job = unsafeBitCast(main.pop(), to: UnownedJob.self)
            job.runSynchronously(on: MainActor.sharedUnownedExecutor)
        }
    }
}
