import Glibc
import PosixSupport

/// An inotify instance: the descriptor from `inotify_init1(IN_NONBLOCK | IN_CLOEXEC)` and a buffer to read event
/// batches into. It is owned by one task at a time and closes its descriptor when released, so a cancelled watcher
/// leaks nothing. Non-blocking on purpose: `readEvents()` never parks a Swift concurrency thread.
public final class Inotify {
    /// The inotify descriptor, for `poll` or diagnostics; valid until this object is released.
    public let fileDescriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer

    /// Large enough for hundreds of events per read; one event needs at most header + NAME_MAX + 1 bytes.
    private static let bufferSize = 64 * 1024

    /// Creates the instance. The corresponding C function is `inotify_init1`.
    public init() throws(FolderWatchError) {
        switch retryingOnInterrupt({ inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }) {
        case .success(let fd): fileDescriptor = fd
        case .failure(let error): throw .systemCall(call: "inotify_init1", path: nil, errno: error.code)
        }
        buffer = .allocate(byteCount: Self.bufferSize, alignment: MemoryLayout<inotify_event>.alignment)
    }

    deinit {
        // EINTR on close must not be retried on Linux: the descriptor is already released.
        _ = Glibc.close(fileDescriptor)
        buffer.deallocate()
    }

    /// Starts watching `path` for `mask` and returns the watch descriptor that its events will carry. Watching the
    /// same inode again returns the same descriptor. ENOSPC (the per-user watch limit) gets its own error so the
    /// operator is told which sysctl to raise. The corresponding C function is `inotify_add_watch`.
    public func addWatch(path: String, mask: InotifyEventMask) throws(FolderWatchError) -> Int32 {
        switch retryingOnInterrupt({ inotify_add_watch(fileDescriptor, path, mask.rawValue) }) {
        case .success(let wd): return wd
        case .failure(let error) where error.code == ENOSPC: throw .watchLimitReached(path: path)
        case .failure(let error): throw .systemCall(call: "inotify_add_watch", path: path, errno: error.code)
        }
    }

    /// Stops a watch; the kernel then queues an `IN_IGNORED` event for it. EINVAL (the watch is already gone, e.g.
    /// because its folder was deleted) is not an error here. The corresponding C function is `inotify_rm_watch`.
    public func removeWatch(_ wd: Int32) throws(FolderWatchError) {
        switch retryingOnInterrupt({ inotify_rm_watch(fileDescriptor, wd) }) {
        case .success: return
        case .failure(let error) where error.code == EINVAL: return
        case .failure(let error): throw .systemCall(call: "inotify_rm_watch", path: nil, errno: error.code)
        }
    }

    /// Reads every event the kernel has queued, in order, or returns an empty array at once when there is none
    /// (EAGAIN), so the caller decides how to wait. The corresponding C function is `read`.
    public func readEvents() throws(FolderWatchError) -> [InotifyEvent] {
        let buffer = self.buffer
        switch retryingOnInterrupt({ Glibc.read(fileDescriptor, buffer.baseAddress, buffer.count) }) {
        case .success(let count):
            return InotifyEvent.parseBatch(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        case .failure(let error) where error.code == EAGAIN || error.code == EWOULDBLOCK:
            return []
        case .failure(let error):
            throw .systemCall(call: "read", path: nil, errno: error.code)
        }
    }

    /// Waits up to `timeoutMilliseconds` for events to become readable, without consuming them; returns whether
    /// they are. For callers on their own thread; the watcher itself never blocks. The corresponding C function is
    /// `poll`.
    public func waitUntilReadable(timeoutMilliseconds: Int32) throws(FolderWatchError) -> Bool {
        var entry = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        switch retryingOnInterrupt({ poll(&entry, 1, timeoutMilliseconds) }) {
        case .success(let ready): return ready > 0
        case .failure(let error): throw .systemCall(call: "poll", path: nil, errno: error.code)
        }
    }
}
