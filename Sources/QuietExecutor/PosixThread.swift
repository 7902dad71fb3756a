import CConcurrencyHooks
import Glibc

/// Starts detached threads that run a Swift closure for the life of the process (the executor's workers and its
/// timer never end).
enum PosixThread {
    private final class Body {
        let name: String
        let run: () -> Void
        init(_ name: String, _ run: @escaping () -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// Starts a thread named `name` (at most 15 bytes, as `top -H` and `/proc/PID/task/*/comm` show it).
    static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(name, body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread,
            nil,
            { context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
                articled_name_this_thread(body.name)
                body.run()
                return nil
            },
            context
        )
        precondition(started == 0, "pthread_create failed with error \(started)")
        pthread_detach(thread)
    }
}
