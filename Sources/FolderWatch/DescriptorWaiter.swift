import Dispatch
import Glibc
import PosixSupport

/// Waits until a descriptor is readable, a deadline passes, or the waiting task is cancelled. The wait is a
/// blocking `poll(2)` on a dispatch queue of its own, never on a Swift concurrency thread, so an idle watcher
/// sleeps in the kernel and wakes for nothing (no fixed-interval timer). Cancelling the waiting task writes to a
/// pipe that the same `poll` watches, so cancellation ends the wait at once.
final class DescriptorWaiter: Sendable {
    private let watched: Int32
    private let wakeReadEnd: Int32
    private let wakeWriteEnd: Int32
    /// Serial, and one wait at a time: only the task running the watcher waits.
    private let queue = DispatchQueue(label: "FolderWatch.DescriptorWaiter")

    /// Prepares to wait on `fileDescriptor`, which must stay open while this object is used. The corresponding C
    /// function is `pipe`.
    init(watching fileDescriptor: Int32) throws(FolderWatchError) {
        watched = fileDescriptor
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .systemCall(call: "pipe", path: nil, errno: Glibc.errno) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        wakeReadEnd = ends[0]
        wakeWriteEnd = ends[1]
    }

    deinit {
        // EINTR on close must not be retried on Linux: the descriptor is already released.
        _ = Glibc.close(wakeReadEnd)
        _ = Glibc.close(wakeWriteEnd)
    }

    /// Returns once the descriptor is readable, `deadline` has passed (nil: no deadline), or the calling task is
    /// cancelled; the caller tells which by reading, looking at the clock and checking for cancellation. Throws
    /// only when `poll` itself fails.
    func wait(until deadline: ContinuousClock.Instant?) async throws(FolderWatchError) {
        let timeout = Self.milliseconds(until: deadline)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, Errno>, Never>) in
                queue.async { [self] in continuation.resume(returning: pollOnce(timeout: timeout)) }
            }
        } onCancel: {
            var byte: UInt8 = 1
            _ = Glibc.write(wakeWriteEnd, &byte, 1)
        }
        if case .failure(let error) = outcome { throw .systemCall(call: "poll", path: nil, errno: error.code) }
    }

    /// One `poll` on the descriptor and the wake pipe; a wake-up is consumed so the next wait blocks again.
    private func pollOnce(timeout: Int32) -> Result<Void, Errno> {
        var entries = [
            pollfd(fd: watched, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReadEnd, events: Int16(POLLIN), revents: 0),
        ]
        let polled = retryingOnInterrupt { poll(&entries, nfds_t(entries.count), timeout) }
        if entries[1].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while Glibc.read(wakeReadEnd, &drain, drain.count) > 0 {}
        }
        return polled.map { _ in () }
    }

    /// `poll`'s timeout for a deadline: whole milliseconds rounded up, so the wait never ends before the deadline;
    /// -1 (no timeout) for none.
    static func milliseconds(until deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant = .now) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = deadline - now
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = seconds * 1000 + (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        return Int32(clamping: milliseconds)
    }
}
